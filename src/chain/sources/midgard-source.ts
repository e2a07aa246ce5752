import { WorkbenchError } from '../../core/errors';
import { MidgardClient } from '../../midgard';
import type { ChainId, MidgardChain } from '../chains';
import type { DailyAggregate, IsoDate } from '../daily';
import { midgardDailyAggregates } from '../midgard-history';
import type { ChainMetricsSource, FetchEvents } from '../source';

/** Public Midgard hosts (keyless); `--midgard-url` points elsewhere, e.g. `workbench midgard serve`. */
export const PUBLIC_MIDGARD: Readonly<Record<MidgardChain, string>> = {
  maya: 'https://midgard.mayachain.info',
  thorchain: 'https://midgard.ninerealms.com',
};

/** Daily swap counts, volumes and fees from Midgard's history endpoints (see midgard-history.ts). */
export class MidgardHistorySource implements ChainMetricsSource {
  readonly name = 'midgard' as const;
  private readonly clients = new Map<string, MidgardClient>();

  constructor(private readonly o: { baseUrl?: string; onRetry?: (message: string) => void } = {}) {}

  get endpoint(): string {
    return this.o.baseUrl ?? Object.values(PUBLIC_MIDGARD).join(', ');
  }

  private urlFor(chain: ChainId): string {
    if (this.o.baseUrl) return this.o.baseUrl;
    const url = PUBLIC_MIDGARD[chain as MidgardChain];
    if (!url)
      throw new WorkbenchError(
        `Midgard serves no chain "${chain}"`,
        `use one of ${Object.keys(PUBLIC_MIDGARD).join(', ')}`,
      );
    return url;
  }

  private client(chain: ChainId): MidgardClient {
    const url = this.urlFor(chain);
    let c = this.clients.get(url);
    if (!c) {
      const onRetry = this.o.onRetry;
      c = new MidgardClient(url, {
        rps: 1,
        onRetry: onRetry && ((r) => onRetry(`${url}: retry ${r.attempt} in ${Math.round(r.delayMs)} ms (${r.reason})`)),
      });
      this.clients.set(url, c);
    }
    return c;
  }

  queryKey(chain: ChainId, from: IsoDate, toExclusive: IsoDate): string {
    return `midgard ${this.urlFor(chain)} history/swaps+earnings interval=day chain=${chain} from=${from} to=${toExclusive}`;
  }

  fetchDaily(
    chain: ChainId,
    from: IsoDate,
    toExclusive: IsoDate,
    o: FetchEvents & { signal?: AbortSignal } = {},
  ): Promise<DailyAggregate[]> {
    return midgardDailyAggregates(this.client(chain), chain as MidgardChain, from, toExclusive, o);
  }
}
