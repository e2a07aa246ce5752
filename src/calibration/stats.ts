import { pearson as pearsonR } from '../core/stats';

/** Separation statistics for calibration: AUC (Mann–Whitney), Spearman's ρ, Pearson's r. Ties count half. */

/** P(a random `hi` scores above a random `lo`), ties ½: 1 = perfect separation, 0.5 = none. */
export function auc(hi: readonly number[], lo: readonly number[]): number | null {
  if (!hi.length || !lo.length) return null;
  const all = [...hi.map((v) => ({ v, hi: true })), ...lo.map((v) => ({ v, hi: false }))].sort((a, b) => a.v - b.v);
  // Rank-sum with average ranks for ties.
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && (all[j] as { v: number }).v === (all[i] as { v: number }).v) j++;
    const avg = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if ((all[k] as { hi: boolean }).hi) rankSum += avg;
    i = j;
  }
  return (rankSum - (hi.length * (hi.length + 1)) / 2) / (hi.length * lo.length);
}

/** Average ranks (1-based), ties sharing the mean rank. */
export function ranks(xs: readonly number[]): number[] {
  const order = xs.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const out = new Array<number>(xs.length).fill(0);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && (order[j] as { v: number }).v === (order[i] as { v: number }).v) j++;
    for (let k = i; k < j; k++) out[(order[k] as { i: number }).i] = (i + 1 + j) / 2;
    i = j;
  }
  return out;
}

/** Pearson's r, null for fewer than 3 pairs (too few to say anything). */
export function pearson(a: readonly number[], b: readonly number[]): number | null {
  return a.length < 3 ? null : pearsonR(a, b);
}

export function spearman(a: readonly number[], b: readonly number[]): number | null {
  return pearson(ranks(a), ranks(b));
}
