import { std } from '../../core/stats';

/**
 * Scale-free arithmetic on daily series where a missing day is `null`. Nothing here ever turns a
 * missing value into 0: any formula touching a missing or undefined input returns null.
 */
export type Series = readonly (number | null)[];

/** Days between a value and its lag for every 7-day growth. */
export const GROWTH_LAG_DAYS = 7;
/** Daily log changes in one volatility window (needs VOLATILITY_CHANGES + 1 present days). */
export const VOLATILITY_CHANGES = 7;

/** cur / lag − 1 (a fraction: 0.25 = +25%); null when either is missing or lag ≤ 0. */
export function growth(cur: number | null, lag: number | null): number | null {
  if (cur === null || lag === null || !(lag > 0)) return null;
  return cur / lag - 1;
}

/** ln(cur / lag) in natural-log units; null when either is missing or not > 0. */
export function logChange(cur: number | null, lag: number | null): number | null {
  if (cur === null || lag === null || !(cur > 0) || !(lag > 0)) return null;
  return Math.log(cur / lag);
}

/** num / den; null when either is missing or den ≤ 0. */
export function ratio(num: number | null, den: number | null): number | null {
  if (num === null || den === null || !(den > 0)) return null;
  return num / den;
}

/** Sample standard deviation (n − 1 denominator); needs ≥ 2 values. */
export function sampleStd(xs: readonly number[]): number {
  if (xs.length < 2) throw new RangeError('sample std needs at least 2 values');
  return std(xs, 1);
}

/**
 * Volatility at index t: the sample std of the VOLATILITY_CHANGES daily log changes
 * ln(x_s / x_{s−1}) for s = t−6 … t. Null unless all 8 days t−7 … t are present and > 0. Being
 * built from ratios, it is unchanged when the series is multiplied by any positive constant.
 */
export function logChangeVolatility(series: Series, t: number): number | null {
  const start = t - VOLATILITY_CHANGES;
  if (start < 0 || t >= series.length) return null;
  const changes: number[] = [];
  for (let s = start + 1; s <= t; s++) {
    const c = logChange(series[s] ?? null, series[s - 1] ?? null);
    if (c === null) return null;
    changes.push(c);
  }
  return sampleStd(changes);
}

/** Value at index i, or null outside the series. */
export function at(series: Series, i: number): number | null {
  return i >= 0 && i < series.length ? (series[i] ?? null) : null;
}
