import { WorkbenchError } from '../core/errors';
import { silentProgress, type Progress } from '../core/progress';
import type { QueryCache } from './cache';
import type { ChainId } from './chains';
import { IsoDateSchema, type DailyAggregate, type IsoDate } from './daily';
import {
  addDays,
  ChainDaySchema,
  classBalance,
  deriveChainDays,
  warmupStart,
  type ChainDay,
  type ClassBalance,
} from './metrics';
import type { ChainMetricsSource } from './source';

export interface CollectOptions {
  source: ChainMetricsSource;
  chains: readonly ChainId[];
  /** First and last day wanted, both included (UTC). */
  from: string;
  to: string;
  cache?: QueryCache;
  signal?: AbortSignal;
  progress?: Progress;
  /** Called with each chain's rows as soon as they are derived (write them: a later chain's failure keeps them). */
  onChain?: (chain: ChainId, rows: ChainDay[]) => void | Promise<void>;
  /** "Today" for the up-front date check (tests); the current UTC day by default. */
  today?: IsoDate;
}

export interface CollectQuery {
  chain: ChainId;
  from: IsoDate;
  toExclusive: IsoDate;
  cached: boolean;
  rows: number;
}

export interface CollectResult {
  rows: ChainDay[];
  balance: ClassBalance;
  queries: CollectQuery[];
}

function checkDates(from: string, to: string, today: IsoDate): { from: IsoDate; to: IsoDate } {
  for (const [name, v] of [
    ['--from', from],
    ['--to', to],
  ] as const) {
    if (!IsoDateSchema.safeParse(v).success)
      throw new WorkbenchError(`${name} ${JSON.stringify(v)} is not a date`, 'use YYYY-MM-DD (UTC days)');
  }
  if (to < from)
    throw new WorkbenchError(`--to ${to} is before --from ${from}`, '--to is the last day wanted, included');
  if (to >= today)
    throw new WorkbenchError(
      `--to ${to} is not a complete day yet (today is ${today} UTC)`,
      `use --to ${addDays(today, -1)} or earlier`,
    );
  return { from, to };
}

/**
 * Per chain: one query for [from − warm-up, to + 1) (the warm-up feeds the 7-day lags and the
 * regimes' history), answered from the cache when the same query ran before; then the derived
 * metrics and regime labels for [from, to], one validated row per day (missing days included,
 * marked missing, never zero-filled).
 */
export async function collectChainDays(o: CollectOptions): Promise<CollectResult> {
  const today = o.today ?? new Date().toISOString().slice(0, 10);
  const { from, to } = checkDates(o.from, o.to, today);
  const progress = o.progress ?? silentProgress;
  const rows: ChainDay[] = [];
  const queries: CollectQuery[] = [];
  progress.start(o.chains.length, `${o.source.name} queries`);
  try {
    for (const [i, chain] of o.chains.entries()) {
      o.signal?.throwIfAborted();
      const qFrom = warmupStart(from);
      const toExclusive = addDays(to, 1);
      const key = o.source.queryKey(chain, qFrom, toExclusive);
      // Days within two of today may still fill in at the source: such windows are not cached.
      const cache = addDays(to, 2) < today ? o.cache : undefined;
      let aggregates: DailyAggregate[] | undefined = cache?.get(key);
      const cached = aggregates !== undefined;
      if (!aggregates) {
        aggregates = await o.source.fetchDaily(chain, qFrom, toExclusive, {
          signal: o.signal,
          onQuery: (e) => progress.update(i, `${e.label}: ${e.state}`),
        });
        cache?.put(key, aggregates);
      }
      queries.push({ chain, from: qFrom, toExclusive, cached, rows: aggregates.length });
      const days = deriveChainDays(aggregates, { from, to, chains: [chain] }).map((d) => ChainDaySchema.parse(d));
      rows.push(...days);
      await o.onChain?.(chain, days);
      progress.update(i + 1, `${chain}: ${days.length} days${cached ? ' (cached)' : ''}`);
    }
  } finally {
    progress.stop();
  }
  return { rows, balance: classBalance(rows), queries };
}
