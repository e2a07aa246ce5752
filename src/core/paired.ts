/**
 * Significance tests for "is model A better than model B on the same test block?" and interval
 * estimates, implemented once for every evaluation (Maya, market, registry comparisons).
 */
import { createRng } from './rng';
import { logGamma, studentTCdf } from './special';
import { mean, quantile } from './stats';

function binomLogPmf(k: number, n: number, p: number): number {
  if (p === 0) return k === 0 ? 0 : -Infinity;
  if (p === 1) return k === n ? 0 : -Infinity;
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log(1 - p);
}

/**
 * Two-sided exact binomial test of k successes in n trials against p0: the total probability of
 * every outcome no more likely than k (R's binom.test, with its 1e-7 relative tolerance for ties).
 */
export function binomialTest(k: number, n: number, p0 = 0.5): { k: number; n: number; pValue: number } {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n)
    throw new RangeError(`binomialTest: need integers 0 ≤ k ≤ n, got k=${k}, n=${n}`);
  if (n === 0) return { k, n, pValue: 1 };
  const observed = binomLogPmf(k, n, p0);
  let p = 0;
  for (let i = 0; i <= n; i++) {
    const li = binomLogPmf(i, n, p0);
    if (li <= observed + Math.log1p(1e-7)) p += Math.exp(li);
  }
  return { k, n, pValue: Math.min(1, p) };
}

/** Exact McNemar: b = pairs only A got right, c = pairs only B got right; binomial on b of b + c. */
export function mcnemarExact(
  aCorrect: readonly boolean[],
  bCorrect: readonly boolean[],
): { b: number; c: number; n: number; pValue: number } {
  if (aCorrect.length !== bCorrect.length)
    throw new RangeError(`mcnemarExact: ${aCorrect.length} vs ${bCorrect.length} paired outcomes`);
  let b = 0;
  let c = 0;
  for (let i = 0; i < aCorrect.length; i++) {
    if (aCorrect[i] && !bCorrect[i]) b++;
    else if (!aCorrect[i] && bCorrect[i]) c++;
  }
  return { b, c, n: aCorrect.length, pValue: binomialTest(b, b + c).pValue };
}

/**
 * Diebold–Mariano test on the loss differential d = lossA − lossB at horizon h (autocovariances up to
 * lag h−1), with the Harvey–Leybourne–Newbold small-sample correction and Student t (n−1 df).
 * meanDiff < 0: A has the lower loss.
 */
export function dieboldMariano(
  lossA: readonly number[],
  lossB: readonly number[],
  h = 1,
): { statistic: number; pValue: number; meanDiff: number; n: number } {
  const n = lossA.length;
  if (n !== lossB.length) throw new RangeError(`dieboldMariano: ${n} vs ${lossB.length} losses`);
  if (n < 2)
    return {
      statistic: Number.NaN,
      pValue: Number.NaN,
      meanDiff: n ? (lossA[0] as number) - (lossB[0] as number) : Number.NaN,
      n,
    };
  const d = lossA.map((a, i) => a - (lossB[i] as number));
  const dbar = mean(d);
  let variance = 0;
  for (let k = 0; k < h; k++) {
    let g = 0;
    for (let t = k; t < n; t++) g += ((d[t] as number) - dbar) * ((d[t - k] as number) - dbar);
    variance += (k === 0 ? 1 : 2) * (g / n);
  }
  variance /= n;
  if (!(variance > 0)) {
    // No spread in the differential: identical losses (no evidence) or a constant gap (certain).
    const certain = dbar !== 0;
    return { statistic: certain ? Math.sign(dbar) * Infinity : 0, pValue: certain ? 0 : 1, meanDiff: dbar, n };
  }
  const dm = dbar / Math.sqrt(variance);
  const statistic = dm * Math.sqrt((n + 1 - 2 * h + (h * (h - 1)) / n) / n);
  const pValue = 2 * (1 - studentTCdf(Math.abs(statistic), n - 1));
  return { statistic, pValue: Math.min(1, pValue), meanDiff: dbar, n };
}

export interface BootstrapOptions {
  samples?: number;
  seed?: number;
  /** Central coverage of the interval, e.g. 0.95. */
  level?: number;
}

/**
 * Paired bootstrap of mean(lossA − lossB): resamples whole pairs, so the pairing is kept. The
 * p-value is two-sided for "no difference": twice the smaller share of resampled means on either
 * side of 0, with the +1 correction so it is never exactly 0.
 */
export function pairedBootstrap(
  lossA: readonly number[],
  lossB: readonly number[],
  opts: BootstrapOptions = {},
): { meanDiff: number; lo: number; hi: number; pValue: number; samples: number } {
  if (lossA.length !== lossB.length) throw new RangeError(`pairedBootstrap: ${lossA.length} vs ${lossB.length} losses`);
  const d = lossA.map((a, i) => a - (lossB[i] as number));
  const samples = opts.samples ?? 2000;
  const level = opts.level ?? 0.95;
  const n = d.length;
  if (!n) return { meanDiff: Number.NaN, lo: Number.NaN, hi: Number.NaN, pValue: Number.NaN, samples };
  const rng = createRng(opts.seed ?? 1);
  const means = new Array<number>(samples);
  let below = 0;
  let above = 0;
  for (let s = 0; s < samples; s++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += d[rng.int(n)] as number;
    const m = sum / n;
    means[s] = m;
    if (m <= 0) below++;
    if (m >= 0) above++;
  }
  const pValue = Math.min(1, (2 * (Math.min(below, above) + 1)) / (samples + 1));
  return {
    meanDiff: mean(d),
    lo: quantile(means, (1 - level) / 2),
    hi: quantile(means, 1 - (1 - level) / 2),
    pValue,
    samples,
  };
}

/** Percentile bootstrap interval of any statistic of one sample (items resampled with replacement). */
export function bootstrapInterval<T>(
  items: readonly T[],
  statistic: (sample: readonly T[]) => number,
  opts: BootstrapOptions = {},
): { estimate: number; lo: number; hi: number } {
  const samples = opts.samples ?? 2000;
  const level = opts.level ?? 0.95;
  const estimate = statistic(items);
  const n = items.length;
  if (!n) return { estimate, lo: Number.NaN, hi: Number.NaN };
  const rng = createRng(opts.seed ?? 1);
  const stats: number[] = [];
  const sample = new Array<T>(n);
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < n; i++) sample[i] = items[rng.int(n)] as T;
    const v = statistic(sample);
    if (Number.isFinite(v)) stats.push(v);
  }
  return { estimate, lo: quantile(stats, (1 - level) / 2), hi: quantile(stats, 1 - (1 - level) / 2) };
}
