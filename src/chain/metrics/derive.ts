import { WorkbenchError } from '../../core/errors';
import { CHAIN_INFO, type ChainId } from '../chains';
import type { DailyAggregate, IsoDate } from '../daily';
import { checkIsoDate } from './dates';
import { regimeAt } from './regimes';
import { ChainDaySchema, type ChainDay } from './row';
import { growth, GROWTH_LAG_DAYS, logChangeVolatility, ratio, type Series } from './series';
import { buildSpines, type ChainSpine } from './spine';

export interface DeriveOptions {
  /** First output day; aggregates from `from − WARMUP_DAYS` on feed its lags. */
  from: IsoDate;
  /** Last output day, included. */
  to: IsoDate;
  /** Chains to output even if they have no row at all (every day then missing). */
  chains?: readonly ChainId[];
}

/**
 * ChainDay rows for [from, to] (both included) of every chain in `aggregates`, sorted by chain
 * then date. Derived metrics are computed here, identically for every source, on a continuous
 * date spine: a missing day stays missing and makes every metric that needs it null. Input may
 * be unsorted; two rows for one chain and day are an error naming both.
 */
export function deriveChainDays(aggregates: readonly DailyAggregate[], opts: DeriveOptions): ChainDay[] {
  const from = checkIsoDate(opts.from, 'from');
  const to = checkIsoDate(opts.to, 'to');
  if (to < from)
    throw new WorkbenchError(`empty window: to ${to} is before from ${from}`, 'to is the last day wanted, included');
  const spines = buildSpines(aggregates, from, to, opts.chains ?? []);
  spines.sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
  return spines.flatMap(deriveSpine);
}

function column(rows: readonly (DailyAggregate | null)[], pick: (a: DailyAggregate) => number | null): Series {
  return rows.map((r) => (r ? pick(r) : null));
}

function deriveSpine(spine: ChainSpine): ChainDay[] {
  const { chain, dates, rows } = spine;
  const tx = column(rows, (a) => a.transactions);
  const users = column(rows, (a) => a.activeSenders);
  const volume = column(rows, (a) => a.transferredNative);
  const out: ChainDay[] = [];
  for (let t = spine.firstOutput; t < dates.length; t++) {
    const a = rows[t] ?? null;
    const lag = t - GROWTH_LAG_DAYS;
    const regime = a ? regimeAt(tx, volume, dates, t) : { regime: null, reason: 'no data for this day' };
    const row: ChainDay = {
      chain,
      date: dates[t]!,
      source: a?.source ?? null,
      missing: a === null,
      nativeUnit: CHAIN_INFO[chain].nativeUnit,
      transactions: a?.transactions ?? null,
      activeSenders: a?.activeSenders ?? null,
      activeReceivers: a?.activeReceivers ?? null,
      successRate: a?.successRate ?? null,
      feesNative: a?.feesNative ?? null,
      transferredNative: a?.transferredNative ?? null,
      gasUsed: a?.gasUsed ?? null,
      contractCalls: a?.contractCalls ?? null,
      txGrowth7dFrac: growth(tx[t] ?? null, tx[lag] ?? null),
      userGrowth7dFrac: growth(users[t] ?? null, users[lag] ?? null),
      volumeGrowth7dFrac: growth(volume[t] ?? null, volume[lag] ?? null),
      txVolatility7dLog: logChangeVolatility(tx, t),
      volumeVolatility7dLog: logChangeVolatility(volume, t),
      feesPerTxNative: ratio(a?.feesNative ?? null, a?.transactions ?? null),
      valuePerTxNative: ratio(a?.transferredNative ?? null, a?.transactions ?? null),
      txPerSender: ratio(a?.transactions ?? null, a?.activeSenders ?? null),
      gasPerTx: ratio(a?.gasUsed ?? null, a?.transactions ?? null),
      contractCallFrac: ratio(a?.contractCalls ?? null, a?.transactions ?? null),
      regime: regime.regime,
      regimeReason: regime.reason,
    };
    out.push(ChainDaySchema.parse(row));
  }
  return out;
}
