/** Pearson's r of two equally long samples; null when either has no spread (or fewer than 2 points). */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2 || ys.length !== n) return null;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

/** Arithmetic mean; NaN for an empty sample (callers decide what "no data" shows). */
export function mean(xs: readonly number[], ifEmpty = Number.NaN): number {
  if (!xs.length) return ifEmpty;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample standard deviation with `ddof` degrees of freedom removed (1: the unbiased variance). */
export function std(xs: readonly number[], ddof = 1): number {
  const n = xs.length;
  if (n - ddof <= 0) return Number.NaN;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return Math.sqrt(s / (n - ddof));
}

/**
 * The q-quantile with linear interpolation between order statistics (numpy's default, "type 7"):
 * position q·(n−1). NaN for an empty sample. Sorts a copy.
 */
export function quantile(xs: readonly number[], q: number, ifEmpty = Number.NaN): number {
  if (!xs.length) return ifEmpty;
  const s = [...xs].sort((a, b) => a - b);
  const pos = Math.min(Math.max(q, 0), 1) * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = s[lo] as number;
  return a + ((s[hi] as number) - a) * (pos - lo);
}

export function median(xs: readonly number[], ifEmpty = Number.NaN): number {
  return quantile(xs, 0.5, ifEmpty);
}

/** Rounds half away from zero to `digits` decimals (for display and stable JSON, not for money). */
export function round(x: number, digits = 0): number {
  const f = 10 ** digits;
  return (Math.sign(x) * Math.round(Math.abs(x) * f)) / f;
}
