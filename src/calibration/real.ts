import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cortex1MarketRecordSchema, Cortex1R1RecordSchema } from '../traces';
import type { RewardInput } from '../rewards';

/**
 * Real teacher traces for calibration: the earlier project's DeepSeek R1 (r1-traces-raw) and
 * o3-mini (market-reasoning) outputs on real Flipside rows (data/fixtures/cortex). The
 * R1 rows are the numbers its prompt printed (with the earlier pipeline's bugs: 0 users, a 0.0%
 * success rate), since that is what the model could quote; o3-mini's are the published row. R1's answer was never saved: its
 * `output` is a passage of the reasoning, so those traces are scored on the reasoning, as the answer.
 */
export interface RealTrace {
  id: string;
  source: 'cortex1 r1-traces-raw (DeepSeek R1)' | 'cortex1 market-reasoning (o3-mini)';
  chain: string;
  date: string;
  input: RewardInput;
}

export function loadCortexTraces(dir: string): RealTrace[] {
  const out: RealTrace[] = [];
  const lines = (file: string): string[] =>
    existsSync(join(dir, file))
      ? readFileSync(join(dir, file), 'utf8')
          .split('\n')
          .filter((l) => l.trim())
      : [];
  lines('r1-traces-raw.jsonl').forEach((l, i) => {
    const r = Cortex1R1RecordSchema.safeParse(JSON.parse(l));
    if (!r.success) return;
    const m = r.data.market_data;
    // The numbers as the prompt printed them ("Unique Users: 0", "Success Rate: 0.0%"): what R1 could quote.
    const shown = (label: string): number | null => {
      const v = new RegExp(`${label}:\\s*(-?[\\d,]+(?:\\.\\d+)?)(%?)`).exec(r.data.input);
      return v ? Number((v[1] as string).replace(/,/g, '')) / (v[2] ? 100 : 1) : null;
    };
    const row = {
      transactions: shown('Daily Transactions') ?? m.num_txs,
      activeSenders: shown('Unique Users'),
      successRate: shown('Success Rate'),
      transferredNative: shown('Total Volume') ?? m.total_volume,
      valuePerTxNative: shown('Avg Transaction'),
      gasUsed: shown('Gas Used'),
      txGrowth7dFrac: shown('Transaction Growth \\(7d\\)'),
      userGrowth7dFrac: shown('User Growth \\(7d\\)'),
    };
    out.push({
      id: `r1-traces-raw:${i + 1}`,
      source: 'cortex1 r1-traces-raw (DeepSeek R1)',
      chain: m.network.toLowerCase(),
      date: m.block_timestamp.slice(0, 10),
      input: { task: 'analytical', reasoning: '', answer: r.data.reasoning, rows: [row], prompt: r.data.input },
    });
  });
  for (const file of ['ethereum-market-reasoning.jsonl', 'near-market-reasoning.jsonl']) {
    lines(file).forEach((l, i) => {
      const r = Cortex1MarketRecordSchema.safeParse(JSON.parse(l));
      if (!r.success) return;
      const m = r.data.market_data;
      const row = {
        transactions: m.daily_txns,
        activeSenders: m.unique_users,
        activeReceivers: m.unique_receivers,
        successRate: m.success_rate,
        valuePerTxNative: m.avg_tx_value,
        contractCalls: m.contract_calls ?? null,
        transferredNative: m.total_volume,
      };
      out.push({
        id: `${file}:${i + 1}`,
        source: 'cortex1 market-reasoning (o3-mini)',
        chain: r.data.chain,
        date: r.data.date.slice(0, 10),
        input: { task: 'analytical', reasoning: '', answer: r.data.reasoning, rows: [row] },
      });
    });
  }
  return out;
}
