/** Kelly fraction for a bet won with probability p paying b per unit staked (lost stake otherwise): p − (1 − p)/b. */
export function kellyBinary(p: number, b: number): number {
  return p - (1 - p) / b;
}

/** Continuous-time Kelly leverage for excess drift μ and variance σ² (same period): μ/σ². */
export function kellyContinuous(meanExcess: number, variance: number): number {
  return variance > 0 ? meanExcess / variance : Number.NaN;
}

/** Volatility-targeted position: target / realised (both annualised), capped at `maxLeverage`. */
export function volTargetSize(targetVol: number, realisedVol: number, maxLeverage = 1): number {
  if (!(realisedVol > 0)) return 0;
  return Math.min(maxLeverage, targetVol / realisedVol);
}
