import { createRng } from '../../core';
import type { ModelData } from './types';

/** The `window` feature rows ending at each bar, flattened [n, window, features] for a tensor. */
export function windowsAt(data: ModelData, at: readonly number[]): Float32Array {
  const { window: L, features: F } = data;
  const out = new Float32Array(at.length * L * F);
  at.forEach((t, i) => {
    for (let k = 0; k < L; k++) {
      const row = data.X[t - L + 1 + k];
      if (!row) throw new Error(`no features at bar ${t - L + 1 + k} (window of bar ${t})`);
      out.set(row, (i * L + k) * F);
    }
  });
  return out;
}

/** Training samples with a label, in a seeded random order per epoch. */
export function shuffled(items: readonly number[], seed: number): number[] {
  const rng = createRng(seed);
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j] as number, a[i] as number];
  }
  return a;
}

export interface NetConfig {
  epochs: number;
  batchSize: number;
  learningRate: number;
  hidden: number;
  seed: number;
}
