import { weightedIndex, type Rng } from '../../core';

/**
 * Activity regimes: real feeds are not a stationary mix. Liquidity campaigns bring waves of
 * deposits into one pool, risk-off days bring withdrawal waves, exchanges batch CACAO transfers.
 * A regime lasts a few hundred blocks, so the recent window says which one is running: the
 * sequence structure a next-action model can learn and a per-feature majority cannot.
 */
export interface Regime {
  name: 'normal' | 'inflow' | 'outflow' | 'transfers';
  /** Retail intent shares: swap, send, add, withdraw. */
  mix: readonly [number, number, number, number];
  /** Multiplier on the retail actions per block. */
  activity: number;
  /** Mean length in blocks. */
  meanBlocks: number;
}

export const REGIMES: readonly Regime[] = [
  { name: 'normal', mix: [0.77, 0.11, 0.06, 0.06], activity: 1, meanBlocks: 600 },
  { name: 'inflow', mix: [0.2, 0.05, 0.72, 0.03], activity: 2.5, meanBlocks: 150 },
  { name: 'outflow', mix: [0.2, 0.05, 0.03, 0.72], activity: 2.5, meanBlocks: 150 },
  { name: 'transfers', mix: [0.2, 0.74, 0.03, 0.03], activity: 2.5, meanBlocks: 150 },
];

/** The running regime, the pool a liquidity wave is about, and the market's slow "heat" (log trade-size multiplier). */
export class RegimeState {
  index = 0;
  /** Pool index deposits and withdrawals of this regime favour. */
  focusPool = 0;
  /** AR(1) in log space: trade sizes run hot or cold for hours at a time. */
  private logHeat = 0;

  constructor(
    private readonly rng: Rng,
    private readonly poolWeights: readonly number[],
    private readonly enabled: boolean,
  ) {}

  get regime(): Regime {
    return REGIMES[this.index] as Regime;
  }

  /** Trade-size multiplier (median 1). */
  get heat(): number {
    return Math.exp(this.logHeat);
  }

  /** One block: maybe switch regime (normal ↔ one of the others), move the heat. */
  step(): void {
    if (!this.enabled) return;
    this.logHeat = 0.995 * this.logHeat + 0.06 * this.rng.normal();
    if (this.rng.next() >= 1 / this.regime.meanBlocks) return;
    this.index = this.index === 0 ? 1 + this.rng.int(REGIMES.length - 1) : 0;
    this.focusPool = weightedIndex(this.rng, this.poolWeights);
  }
}
