import { WorkbenchError } from '../core';
import type { MidgardStore } from '../midgard';
import type { PoolDepth } from './opportunity';
import { seedAnchor } from './pipeline';
import type { Chain } from './units';

export type AnchorMode = 'seed' | 'snapshot' | 'depths';

/**
 * Where the replay starts: `seed` = the simulator's starting pools (a simulated feed always starts
 * from them); `depths` = each pool's earliest stored depth-history point (real feeds: sync with
 * `--depths hour` first); `snapshot` = the latest stored /v2/pools snapshot (rough: it is the state
 * at sync time, not at the feed's start).
 */
export async function storeAnchor(store: MidgardStore, chain: Chain, mode: AnchorMode): Promise<PoolDepth[]> {
  if (mode === 'seed') {
    if (chain !== 'maya')
      throw new WorkbenchError(
        "--anchor seed is the Maya simulator's start; it cannot anchor THORChain",
        'use --anchor depths or --anchor snapshot for thorchain',
      );
    return seedAnchor();
  }
  const sql =
    mode === 'depths'
      ? `SELECT pool AS asset, asset_depth::VARCHAR AS a, native_depth::VARCHAR AS n FROM depth_history WHERE chain = $1
         QUALIFY row_number() OVER (PARTITION BY pool ORDER BY start_time) = 1`
      : `SELECT asset, asset_depth::VARCHAR AS a, native_depth::VARCHAR AS n FROM pool_snapshots WHERE chain = $1 AND status = 'available'
         AND fetched_at = (SELECT max(fetched_at) FROM pool_snapshots WHERE chain = $1)`;
  const rows = await store.query(sql, [chain]);
  if (!rows.length) {
    throw new WorkbenchError(
      `the store has no ${mode === 'depths' ? 'depth history' : 'pool snapshot'} for ${chain} to anchor the replay`,
      `sync with \`workbench midgard sync --chain ${chain} ${mode === 'depths' ? '--depths hour' : '--pools'}\`, or pass --anchor seed for a simulated Maya feed`,
    );
  }
  return rows.map((r) => ({
    chain,
    asset: String(r.asset),
    assetDepth: BigInt(String(r.a)),
    nativeDepth: BigInt(String(r.n)),
  }));
}
