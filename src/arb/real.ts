import { readFileSync } from 'node:fs';
import { WorkbenchError } from '../core';
import { ActionsPageSchema, PoolsSchema, type MidgardAction } from '../midgard';
import { FeeBook } from './fees';
import { pairsOf, poolUsd, twoLeg, type Opportunity, type PoolDepth } from './opportunity';
import { NATIVE, isStable, tickerOf, type Chain } from './units';

export interface RealSwapCheck {
  height: string;
  date: string;
  pools: string;
  sold: string;
  bought: string;
  /** Whether the swap sold an asset that the snapshot shows dear against its equivalent (or bought a cheap one). */
  withTheGap: boolean | undefined;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    throw new WorkbenchError(
      `cannot read ${file}: ${(e as Error).message}`,
      'pass a saved /v2/pools or /v2/actions response',
    );
  }
}

/**
 * A recorded /v2/pools snapshot holds no external prices, so only what one snapshot can show
 * is listed: equivalent assets on one chain priced apart (triangles through the native asset),
 * valued at the snapshot's own USD prices (the deeper pool of a ticker; stablecoins at $1).
 * Recorded swaps of the same chain are checked against the gaps' direction. Snapshots of two
 * chains taken at different times are not compared with each other.
 */
export function realSnapshotScan(
  chain: Chain,
  poolsFile: string,
  actionsFile?: string,
): { opportunities: Opportunity[]; swaps: RealSwapCheck[]; nativeUsd: number } {
  const pools = PoolsSchema.parse(readJson(poolsFile)).filter(
    (p) => p.status === 'available' && Number(p.assetDepth) > 0 && Number(p.runeDepth) > 0,
  );
  const any = pools.find((p) => Number(p.assetPrice) > 0);
  const nativeUsd = any ? Number(any.assetPriceUSD) / Number(any.assetPrice) : 0;
  const depths: PoolDepth[] = pools.map((p) => ({
    chain,
    asset: p.asset,
    assetDepth: BigInt(p.assetDepth),
    nativeDepth: BigInt(p.runeDepth),
  }));
  const deepest = new Map<string, PoolDepth>();
  for (const d of depths) {
    const k = isStable(d.asset) ? 'USD' : tickerOf(d.asset);
    const cur = deepest.get(k);
    if (!cur || d.nativeDepth > cur.nativeDepth) deepest.set(k, d);
  }
  const usd = (_c: Chain, a: string) => {
    if (a === NATIVE[chain]) return nativeUsd;
    if (isStable(a)) return 1;
    const ref = deepest.get(tickerOf(a));
    return ref ? poolUsd(ref, nativeUsd) : undefined;
  };
  const fees = new FeeBook();
  const actions: MidgardAction[] = actionsFile
    ? (ActionsPageSchema.parse(readJson(actionsFile)).actions as MidgardAction[])
    : [];
  for (const a of actions) fees.observe(chain, a);
  const opportunities = pairsOf(depths)
    .filter((p) => p.kind === 'triangle')
    .flatMap(
      (p) => twoLeg('triangle', depths[p.a] as PoolDepth, depths[p.b] as PoolDepth, { usd, fees }, 0, 'start') ?? [],
    )
    .sort((x, y) => y.profitUsd - x.profitUsd);
  // Dear = priced above its ticker's reference (the deeper pool, or $1 for stablecoins).
  const dear = new Map(depths.map((d) => [d.asset, poolUsd(d, nativeUsd) - (usd(chain, d.asset) ?? 0)]));
  const swaps = actions
    .filter((a) => a.type === 'swap')
    .map((a) => {
      const sold = a.in[0]?.coins[0]?.asset ?? '';
      const bought =
        a.pools.length >= 2 ? (a.pools[1] as string) : sold === NATIVE[chain] ? (a.pools[0] ?? '') : NATIVE[chain];
      const s = dear.get(sold);
      const b = dear.get(bought);
      const withTheGap = s === undefined && b === undefined ? undefined : (s ?? 0) > 0 || (b ?? 0) < 0;
      return {
        height: a.height,
        date: new Date(Number(BigInt(a.date) / 1_000_000n)).toISOString(),
        pools: a.pools.join(' → '),
        sold,
        bought,
        withTheGap,
      };
    });
  return { opportunities, swaps, nativeUsd };
}
