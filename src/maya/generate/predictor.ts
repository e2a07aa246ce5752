import type { Rng } from '../../core';
import type { EncodedRow } from '../features';

/**
 * What the next action looks like, as distributions in the encoded feature space: one
 * probability vector per categorical column (vocabulary order), a scaled value and a presence
 * probability per numeric column.
 */
export interface NextDistribution {
  cat: Float32Array[];
  num: Float32Array;
  present: Float32Array;
  /** byType[t]: the distributions given that the next action has type id t (a model that conditions on the type). */
  byType?: NextDistribution[];
  /** Draws the numerics given the sampled categorical ids (a model with amount distributions); else the point values serve. */
  drawNum?: (cat: Int32Array, rng: Rng) => Float32Array;
}

/** Anything that predicts the next action from the previous seqLen encoded rows (model or baseline). */
export interface NextActionPredictor {
  readonly name: string;
  readonly seqLen: number;
  predictNext(window: readonly EncodedRow[]): NextDistribution | Promise<NextDistribution>;
}

/** Keeps the last `size` items: the model's input window. */
export class Window<T> {
  private items: T[] = [];
  constructor(readonly size: number) {}
  push(x: T): void {
    this.items.push(x);
    if (this.items.length > this.size) this.items.shift();
  }
  get full(): boolean {
    return this.items.length === this.size;
  }
  get values(): readonly T[] {
    return this.items;
  }
}
