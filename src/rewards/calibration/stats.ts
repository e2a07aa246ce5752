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

export function pearson(a: readonly number[], b: readonly number[]): number | null {
  const n = a.length;
  if (n < 3 || b.length !== n) return null;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = (a[i] as number) - ma;
    const db = (b[i] as number) - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : null;
}

export function spearman(a: readonly number[], b: readonly number[]): number | null {
  return pearson(ranks(a), ranks(b));
}
