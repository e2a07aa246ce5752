import type { MidgardClient } from './client';
import type { MidgardStore } from './store';

/** Stores a /v2/pools snapshot and, when asked, each pool's depth history (prices over time). */
export async function syncPools(
  client: MidgardClient,
  store: MidgardStore,
  chain: string,
  opts: { depthInterval?: string; depthCount?: number; signal?: AbortSignal } = {},
): Promise<{ pools: number; depthIntervals: number }> {
  const pools = await client.pools(opts.signal);
  await store.savePools(chain, pools);
  let depthIntervals = 0;
  if (opts.depthInterval) {
    for (const p of pools) {
      const h = await client.depthHistory(
        p.asset,
        { interval: opts.depthInterval, count: opts.depthCount ?? 30 },
        opts.signal,
      );
      depthIntervals += await store.saveDepthHistory(chain, p.asset, opts.depthInterval, h);
    }
  }
  return { pools: pools.length, depthIntervals };
}
