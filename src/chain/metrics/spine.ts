import { z } from 'zod';
import { WorkbenchError } from '../../core/errors';
import { isChainId, type ChainId } from '../chains';
import { DailyAggregateSchema, type DailyAggregate, type IsoDate } from '../daily';
import { addDays, dateRange, isIsoDate } from './dates';
import { GROWTH_LAG_DAYS } from './series';

/** Previous weeks a regime compares against (its "prior week" volume change). */
export const REGIME_HISTORY_DAYS = 7;

/**
 * Days fetched before `from` so that every day of [from, to] has its full history: 7-day growth
 * at `from` needs `from − 7`; the volatility window at `from` is `from − 7 … from` (inside the
 * same 7 days); the regime's prior-week change at `from` needs `from − 14`. So 14 = 7 (growth
 * lag) + 7 (regime history). Warm-up days feed lags only and are never output.
 */
export const WARMUP_DAYS = GROWTH_LAG_DAYS + REGIME_HISTORY_DAYS;

/** One chain's days from `from − WARMUP_DAYS` to `to`, each its aggregate or null (no data). */
export interface ChainSpine {
  chain: ChainId;
  dates: IsoDate[];
  rows: (DailyAggregate | null)[];
  /** Index of `from` in `dates`: output starts here. */
  firstOutput: number;
}

/** The first day to fetch for an output window starting at `from`. */
export function warmupStart(from: IsoDate): IsoDate {
  return addDays(from, -WARMUP_DAYS);
}

/**
 * Validates every aggregate (zod), rejects an unknown chain or a second row for the same chain
 * and day, and lays each chain's rows on a continuous date spine. Rows outside the spine are
 * ignored; a day with no row stays null (missing), never zero. `chains` adds chains that have no
 * row at all (all days missing); otherwise the chains are those present, in first-seen order.
 */
export function buildSpines(
  aggregates: readonly unknown[],
  from: IsoDate,
  to: IsoDate,
  chains: readonly ChainId[] = [],
): ChainSpine[] {
  const bad = (where: string, why: string): WorkbenchError =>
    new WorkbenchError(`invalid daily aggregate at ${where}: ${why}`, 'sources must return DailyAggregateSchema rows');
  aggregates.forEach((a, i) => {
    // Checked first because IsoDateSchema throws (rather than fails) on some non-dates.
    const date = typeof a === 'object' && a !== null ? (a as { date?: unknown }).date : undefined;
    if (!isIsoDate(date)) throw bad(`${i}.date`, `not a calendar date: ${JSON.stringify(date)}`);
  });
  const parsed = z.array(DailyAggregateSchema).safeParse(aggregates);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw bad(issue?.path.join('.') ?? '?', issue?.message ?? 'unknown');
  }
  const byChain = new Map<ChainId, Map<IsoDate, DailyAggregate>>();
  for (const c of chains) byChain.set(c, new Map());
  for (const a of parsed.data) {
    if (!isChainId(a.chain))
      throw new WorkbenchError(
        `unknown chain "${a.chain}" in daily aggregates (${a.date})`,
        'chains are listed in src/chain/chains.ts',
      );
    let days = byChain.get(a.chain);
    if (!days) byChain.set(a.chain, (days = new Map()));
    if (days.has(a.date)) {
      throw new WorkbenchError(
        `duplicate daily aggregate for chain ${a.chain} on ${a.date}`,
        'a source must return at most one row per chain and UTC day',
      );
    }
    days.set(a.date, a);
  }
  const dates = dateRange(warmupStart(from), to);
  return [...byChain].map(([chain, days]) => ({
    chain,
    dates,
    rows: dates.map((d) => days.get(d) ?? null),
    firstOutput: WARMUP_DAYS,
  }));
}
