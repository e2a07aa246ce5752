import { z } from 'zod';

/**
 * The earlier Cortex-1 prototype's published record formats (samples in
 * data/fixtures/cortex/). Parsed as they are: numbers stay in the units that project used
 * (`*_pct_7d` in percent, `success_rate` a fraction, `total_volume` native), unknown fields are
 * kept, and nothing is corrected here.
 */

const Num = z.number().finite();
const Int = z.number().int().nonnegative();

/** `market_data` of r1-traces-raw.jsonl: a Flipside row plus the earlier pipeline's derived fields. */
export const Cortex1R1MarketDataSchema = z
  .object({
    block_timestamp: z.string(),
    num_txs: Int,
    unique_senders: Int,
    unique_receivers: Int,
    avg_tx_value: Num,
    total_volume: Num,
    network: z.string(),
    txn_growth_pct_7d: Num,
    user_growth_pct_7d: Num,
    volume_growth_pct_7d: Num,
    /** An absolute std of daily counts in that project, not a log-change volatility. */
    tx_volatility_7d: Num,
    success_rate: Num.optional(),
    smart_contract_calls: Int.optional(),
    avg_gas_used: Num.optional(),
    avg_gas_price: Num.optional(),
    avg_gas_limit: Num.optional(),
    bridge_volume: Num.optional(),
    mempool_size: Num.optional(),
    market_conditions: z.string().optional(),
  })
  .passthrough();
export type Cortex1R1MarketData = z.infer<typeof Cortex1R1MarketDataSchema>;

/** One line of r1-traces-raw.jsonl: prompt (`input`), R1 reasoning, an `output` and the old reward. */
export const Cortex1R1RecordSchema = z
  .object({
    /** The day the record was generated, not the data's day (that is market_data.block_timestamp). */
    date: z.string(),
    chain: z.string(),
    input: z.string(),
    reasoning: z.string(),
    output: z.string(),
    market_data: Cortex1R1MarketDataSchema,
    quality_score: Num,
    model: z.string(),
    timestamp: z.string(),
  })
  .strict();
export type Cortex1R1Record = z.infer<typeof Cortex1R1RecordSchema>;

/** `market_data` of *-market-reasoning.jsonl (the Hugging Face preview format). */
export const Cortex1MarketDataSchema = z
  .object({
    date: z.string(),
    daily_txns: Int,
    unique_users: Int,
    unique_receivers: Int,
    success_rate: Num,
    avg_tx_value: Num,
    avg_gas: Num.optional(),
    avg_gas_price: Num.optional(),
    contract_calls: Int.optional(),
    total_volume: Num,
    chain: z.string(),
  })
  .passthrough();
export type Cortex1MarketData = z.infer<typeof Cortex1MarketDataSchema>;

/** One line of *-market-reasoning.jsonl: no prompt, no model; `reasoning` is the model's whole text. */
export const Cortex1MarketRecordSchema = z
  .object({
    timestamp: z.string(),
    chain: z.string(),
    date: z.string(),
    market_data: Cortex1MarketDataSchema,
    reasoning: z.string(),
  })
  .strict();
export type Cortex1MarketRecord = z.infer<typeof Cortex1MarketRecordSchema>;
