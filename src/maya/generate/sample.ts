import type { Rng } from '../../core';

export interface SamplingOptions {
  /** Softmax temperature: 1 samples the model's distribution, → 0 approaches argmax. */
  temperature: number;
  /** Keep only the k most likely ids (0 = all). */
  topK: number;
}

/**
 * Draws an id from a probability vector with temperature and top-k; `forbidden` ids (PAD or
 * UNKNOWN where a real value is required) are never drawn unless nothing else has mass.
 */
export function sampleId(
  probs: ArrayLike<number>,
  rng: Rng,
  o: SamplingOptions,
  forbidden: readonly number[] = [],
): number {
  const n = probs.length;
  const ids: number[] = [];
  for (let i = 0; i < n; i++) if (!forbidden.includes(i) && (probs[i] as number) > 0) ids.push(i);
  if (!ids.length) return argmax(probs);
  ids.sort((a, b) => (probs[b] as number) - (probs[a] as number));
  const kept = o.topK > 0 ? ids.slice(0, o.topK) : ids;
  if (o.temperature <= 1e-6) return kept[0] as number;
  // p^(1/T), renormalised: the same as softmax(logits / T).
  const w = kept.map((i) => (probs[i] as number) ** (1 / o.temperature));
  const total = w.reduce((s, x) => s + x, 0);
  let u = rng.next() * total;
  for (let k = 0; k < kept.length; k++) {
    u -= w[k] as number;
    if (u <= 0) return kept[k] as number;
  }
  return kept[kept.length - 1] as number;
}

export function argmax(xs: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if ((xs[i] as number) > (xs[best] as number)) best = i;
  return best;
}
