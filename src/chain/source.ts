import type { ChainId, SourceName } from './chains';
import type { DailyAggregate, IsoDate } from './daily';

/** What a source does while it fetches, for progress lines (one per query). */
export interface FetchEvents {
  onQuery?: (e: { chain: ChainId; label: string; state: string }) => void;
}

/**
 * A provider of raw daily aggregates. Derived metrics and regimes are computed from these in
 * TypeScript, identically for every source; a source never invents a row: a day it has no data
 * for is simply absent.
 */
export interface ChainMetricsSource {
  readonly name: SourceName;
  /**
   * Identity of the query for [from, toExclusive): equal keys return equal rows, so results are
   * cached by it. It names the source, its endpoint and the query text, never a secret.
   */
  queryKey(chain: ChainId, from: IsoDate, toExclusive: IsoDate): string;
  fetchDaily(
    chain: ChainId,
    from: IsoDate,
    toExclusive: IsoDate,
    opts?: FetchEvents & { signal?: AbortSignal },
  ): Promise<DailyAggregate[]>;
}
