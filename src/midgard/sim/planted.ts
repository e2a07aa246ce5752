import type { MidgardAction } from '../schema';
import type { SwapIntent } from './agents';

/**
 * Ground truth the simulator can report about the mispricings it plants (optional; drawing no
 * random numbers, so a run with a listener emits exactly the same feed as one without).
 *
 * - `gap`: a pool's state at the start of a block, when agents decide, with the external prices:
 *   depths exact (asset 1e8, CACAO 1e10 base units), USD prices of the asset and of CACAO.
 * - `arb` / `backrun`: a trade an arbitrageur made against a gap, with the depths it met, its
 *   input and what it received (net of the outbound fee), so its realised profit is exact.
 */
export interface PlantedGap {
  kind: 'gap';
  height: number;
  pool: string;
  assetDepth: bigint;
  cacaoDepth: bigint;
  assetUSD: number;
  cacaoUSD: number;
}

export interface PlantedTrade {
  kind: 'arb' | 'backrun';
  height: number;
  pool: string;
  /** The arbitrageur's sending address (on the inbound chain). */
  address: string;
  /** Where the output went (the memo's destination). */
  to: string;
  inAsset: string;
  inAmount: bigint;
  outAsset: string;
  /** Received by the arbitrageur, net of the outbound fee; 0 when refunded. */
  outAmount: bigint;
  refunded: boolean;
  assetDepth: bigint;
  cacaoDepth: bigint;
  assetUSD: number;
  cacaoUSD: number;
}

export type Planted = PlantedGap | PlantedTrade;
export type PlantListener = (p: Planted) => void;

/** The record of an arbitrageur's executed swap (or refund): what it paid in and what reached its destination. */
export function plantedTrade(
  kind: 'arb' | 'backrun',
  height: number,
  it: SwapIntent,
  pool: string,
  d: { assetDepth: bigint; cacaoDepth: bigint },
  a: MidgardAction,
  assetUSD: number,
  cacaoUSD: number,
): PlantedTrade {
  const refunded = a.type !== 'swap';
  let got = 0n;
  if (!refunded)
    for (const t of a.out)
      if (t.address === it.destination) for (const c of t.coins) if (c.asset === it.outAsset) got += BigInt(c.amount);
  return {
    kind,
    height,
    pool,
    address: it.from,
    to: it.destination,
    inAsset: it.inAsset,
    inAmount: it.inAmount,
    outAsset: it.outAsset,
    outAmount: got,
    refunded,
    assetDepth: d.assetDepth,
    cacaoDepth: d.cacaoDepth,
    assetUSD,
    cacaoUSD,
  };
}
