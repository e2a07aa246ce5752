import { CHAIN_INFO, type ChainFamily, type ChainId } from '../chains';
import type { DERIVED_FIELDS, RAW_FIELDS } from './row';

/**
 * THE metric table: every number of a ChainDay with its unit, formula and what it means per chain
 * family. Docs, reports and prompts read it from here; nothing else defines a metric.
 * "native" in a unit is the chain's native unit (CHAIN_INFO: BTC, ETH, POL, AVAX, BNB, NEAR,
 * CACAO, RUNE), decimal-adjusted; amounts of different chains are never added together.
 */
export type MetricName = (typeof RAW_FIELDS)[number] | (typeof DERIVED_FIELDS)[number];

export interface MetricDefinition {
  name: MetricName;
  kind: 'raw' | 'derived';
  unit: string;
  formula: string;
  /** Per-family meaning; `all` applies where a family has no entry. "null" = not defined there. */
  notes: Partial<Record<ChainFamily | 'all', string>>;
}

const NOT_DEFINED = 'null (not defined)';

export const METRIC_DEFINITIONS: readonly MetricDefinition[] = [
  {
    name: 'transactions',
    kind: 'raw',
    unit: 'count/day',
    formula: 'transactions in the UTC day',
    notes: {
      bitcoin: 'non-coinbase transactions',
      evm: 'all transactions, failed included',
      near: 'signed transactions (not receipts)',
      midgard: 'swaps (Midgard swap history count), not all actions',
    },
  },
  {
    name: 'activeSenders',
    kind: 'raw',
    unit: 'addresses/day',
    formula: 'distinct sending accounts',
    notes: {
      bitcoin: 'distinct input addresses',
      evm: 'distinct from_address',
      near: 'distinct tx_signer',
      midgard: 'distinct swappers where the source reports them, else null',
    },
  },
  {
    name: 'activeReceivers',
    kind: 'raw',
    unit: 'addresses/day',
    formula: 'distinct receiving accounts',
    notes: {
      bitcoin: 'distinct output addresses (coinbase payouts included)',
      evm: 'distinct to_address',
      near: 'distinct tx_receiver',
      midgard: NOT_DEFINED,
    },
  },
  {
    name: 'successRate',
    kind: 'raw',
    unit: 'fraction [0, 1]',
    formula: 'successful / transactions with a known status',
    notes: {
      bitcoin: `${NOT_DEFINED}: confirmed transactions cannot fail`,
      evm: 'tx_succeeded (receipt status)',
      near: 'tx_succeeded',
      midgard: NOT_DEFINED,
    },
  },
  {
    name: 'feesNative',
    kind: 'raw',
    unit: 'native/day',
    formula: 'sum of fees paid',
    notes: {
      bitcoin: 'sum of fee (inputs − outputs), BTC',
      evm: 'sum of tx_fee (L2s: L1 data fee included)',
      near: 'sum of transaction_fee / 1e24 (yoctoNEAR → NEAR)',
      midgard: 'swap liquidity fees in CACAO/RUNE',
    },
  },
  {
    name: 'transferredNative',
    kind: 'raw',
    unit: 'native/day',
    formula: 'native value moved (never fees)',
    notes: {
      bitcoin: 'sum of output_value of non-coinbase transactions (change outputs included)',
      evm: 'sum of top-level value of successful transactions (internal transfers excluded)',
      near: 'deposits of successful Transfer actions except system gas refunds / 1e24',
      midgard: 'swap volume in CACAO (Maya) or RUNE (THORChain)',
    },
  },
  {
    name: 'gasUsed',
    kind: 'raw',
    unit: 'gas units/day',
    formula: 'sum of gas used',
    notes: {
      bitcoin: NOT_DEFINED,
      evm: 'sum of gas_used (chain-specific gas, not comparable across chains)',
      near: 'sum of gas_used in raw gas (1 Tgas = 1e12)',
      midgard: NOT_DEFINED,
    },
  },
  {
    name: 'contractCalls',
    kind: 'raw',
    unit: 'count/day',
    formula: 'transactions that call a contract',
    notes: {
      bitcoin: NOT_DEFINED,
      evm: "transactions with input_data ≠ '0x' (creations included)",
      near: 'transactions with ≥ 1 FunctionCall action (delegated included)',
      midgard: NOT_DEFINED,
    },
  },
  {
    name: 'txGrowth7dFrac',
    kind: 'derived',
    unit: 'fraction (0.1 = +10%)',
    formula: 'transactions_t / transactions_{t−7} − 1; null if either day is missing or the lag is 0',
    notes: {
      all: 'same formula for every chain; the lag of the first days comes from the warm-up fetched before `from`',
    },
  },
  {
    name: 'userGrowth7dFrac',
    kind: 'derived',
    unit: 'fraction (0.1 = +10%)',
    formula: 'activeSenders_t / activeSenders_{t−7} − 1; null if either is missing or the lag is 0',
    notes: { all: 'users = active senders', midgard: 'null unless the source reports swappers' },
  },
  {
    name: 'volumeGrowth7dFrac',
    kind: 'derived',
    unit: 'fraction (0.1 = +10%)',
    formula: 'transferredNative_t / transferredNative_{t−7} − 1; null if either is missing or the lag is 0',
    notes: { all: 'volume = transferredNative, in the chain’s own unit (so the ratio is unit-free)' },
  },
  {
    name: 'txVolatility7dLog',
    kind: 'derived',
    unit: 'ln units per day',
    formula:
      'sample std (n−1) of ln(transactions_s / transactions_{s−1}), s = t−6…t; null unless all 8 days t−7…t are present and > 0',
    notes: { all: 'scale-free: multiplying the series by any constant leaves it unchanged' },
  },
  {
    name: 'volumeVolatility7dLog',
    kind: 'derived',
    unit: 'ln units per day',
    formula:
      'sample std (n−1) of ln(transferredNative_s / transferredNative_{s−1}), s = t−6…t; null unless all 8 days t−7…t are present and > 0',
    notes: { all: 'scale-free; the regime rules use it (volatile at ≥ 0.30)' },
  },
  {
    name: 'feesPerTxNative',
    kind: 'derived',
    unit: 'native/transaction',
    formula: 'feesNative / transactions',
    notes: { all: 'mean fee per transaction', midgard: 'mean liquidity fee per swap' },
  },
  {
    name: 'valuePerTxNative',
    kind: 'derived',
    unit: 'native/transaction',
    formula: 'transferredNative / transactions',
    notes: { all: 'mean value moved per transaction', midgard: 'mean swap size' },
  },
  {
    name: 'txPerSender',
    kind: 'derived',
    unit: 'transactions/address',
    formula: 'transactions / activeSenders',
    notes: {
      all: 'activity per active user',
      bitcoin: 'per distinct input address (wallets use many addresses: an upper bound per wallet)',
    },
  },
  {
    name: 'gasPerTx',
    kind: 'derived',
    unit: 'gas units/transaction',
    formula: 'gasUsed / transactions',
    notes: { all: 'mean gas per transaction', bitcoin: NOT_DEFINED, midgard: NOT_DEFINED },
  },
  {
    name: 'contractCallFrac',
    kind: 'derived',
    unit: 'fraction [0, 1]',
    formula: 'contractCalls / transactions',
    notes: { all: 'share of transactions that call a contract', bitcoin: NOT_DEFINED, midgard: NOT_DEFINED },
  },
];

/** The definition of a metric (throws on an unknown name: a typo is a bug, not a missing value). */
export function metricDefinition(name: MetricName): MetricDefinition {
  const d = METRIC_DEFINITIONS.find((m) => m.name === name);
  if (!d) throw new Error(`no definition for metric ${name}`);
  return d;
}

/** The unit with "native" replaced by the chain's unit ("native/day" → "ETH/day"). */
export function unitFor(name: MetricName, chain: ChainId): string {
  return metricDefinition(name).unit.replace('native', CHAIN_INFO[chain].nativeUnit);
}

/** What the metric means on a chain (its family's note, else the general one). */
export function noteFor(name: MetricName, chain: ChainId): string {
  const d = metricDefinition(name);
  return d.notes[CHAIN_INFO[chain].family] ?? d.notes.all ?? '';
}

/** The table as Markdown (one row per metric, one column per family), for docs and reports. */
export function definitionsMarkdown(): string {
  const families: ChainFamily[] = ['bitcoin', 'evm', 'near', 'midgard'];
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  const head = `| metric | unit | formula | ${families.join(' | ')} |\n|---|---|---|${families.map(() => '---').join('|')}|`;
  const rows = METRIC_DEFINITIONS.map(
    (d) =>
      `| \`${d.name}\` | ${esc(d.unit)} | ${esc(d.formula)} | ${families.map((f) => esc(d.notes[f] ?? d.notes.all ?? '')).join(' | ')} |`,
  );
  return [head, ...rows].join('\n');
}
