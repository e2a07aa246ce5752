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
