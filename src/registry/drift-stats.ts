import { logGamma } from '../core';

/**
 * Distribution distances and two-sample tests for drift, written out because no maintained
 * JavaScript package offers scipy's set (ks_2samp, chisquare, jensenshannon,
 * wasserstein_distance) with p-values; each is checked against scipy's documented examples.
 */

/** Kolmogorov's limiting survival function Q(λ) = 2 Σ_{j≥1} (−1)^{j−1} e^{−2j²λ²} (scipy.special.kolmogorov). */
export function kolmogorovSf(lambda: number): number {
  if (lambda <= 0) return 1;
  if (lambda < 0.2) return 1; // the series needs many terms here and equals 1 to 1e-16
  let sum = 0;
  for (let j = 1; j <= 100; j++) {
    const term = Math.exp(-2 * j * j * lambda * lambda);
    sum += (j % 2 ? 1 : -1) * term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/**
 * Two-sample Kolmogorov–Smirnov: D = sup |F_ref − F_cur|, p from the asymptotic distribution
 * with Stephens' small-sample correction λ = (√n_e + 0.12 + 0.11/√n_e)·D, n_e = nm/(n+m)
 * (Numerical Recipes §14.3). Ties are handled by stepping over equal values together.
 */
export function ksTwoSample(ref: readonly number[], cur: readonly number[]): { statistic: number; pValue: number } {
  const a = [...ref].sort((x, y) => x - y);
  const b = [...cur].sort((x, y) => x - y);
  const n = a.length;
  const m = b.length;
  if (!n || !m) return { statistic: NaN, pValue: NaN };
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const x = Math.min(a[i] as number, b[j] as number);
    while (i < n && (a[i] as number) <= x) i++;
    while (j < m && (b[j] as number) <= x) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  const ne = Math.sqrt((n * m) / (n + m));
  return { statistic: d, pValue: kolmogorovSf((ne + 0.12 + 0.11 / ne) * d) };
}

/** Regularized upper incomplete gamma Q(a, x): series below a+1, continued fraction above (Numerical Recipes §6.2). */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lead = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let del = sum;
    for (let n = 1; n < 500; n++) {
      del *= x / (a + n);
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(lead);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.exp(lead) * h;
}

/** Pearson's chi-square goodness of fit of observed counts to expected counts (scipy.stats.chisquare); df = k − 1. */
export function chiSquare(
  observed: readonly number[],
  expected?: readonly number[],
): { statistic: number; pValue: number; df: number } {
  const total = observed.reduce((s, x) => s + x, 0);
  const exp = expected ?? observed.map(() => total / observed.length);
  let stat = 0;
  for (let i = 0; i < observed.length; i++) {
    const e = exp[i] as number;
    if (e > 0) stat += ((observed[i] as number) - e) ** 2 / e;
  }
  const df = observed.length - 1;
  return { statistic: stat, pValue: df > 0 ? gammaQ(df / 2, stat / 2) : NaN, df };
}

/** Jensen–Shannon distance (the square root of the divergence), natural log unless `base` is given (scipy.spatial.distance.jensenshannon). */
export function jensenShannon(p: readonly number[], q: readonly number[], base?: number): number {
  const sp = p.reduce((s, x) => s + x, 0);
  const sq = q.reduce((s, x) => s + x, 0);
  let div = 0;
  for (let i = 0; i < p.length; i++) {
    const a = (p[i] as number) / sp;
    const b = (q[i] as number) / sq;
    const m = (a + b) / 2;
    if (a > 0) div += 0.5 * a * Math.log(a / m);
    if (b > 0) div += 0.5 * b * Math.log(b / m);
  }
  if (base) div /= Math.log(base);
  return Math.sqrt(Math.max(0, div));
}

/** First Wasserstein distance between two weighted samples: ∫|F_u − F_v| (scipy.stats.wasserstein_distance). */
export function wasserstein1(
  u: readonly number[],
  v: readonly number[],
  uWeights?: readonly number[],
  vWeights?: readonly number[],
): number {
  const pts = [...new Set([...u, ...v])].sort((a, b) => a - b);
  const cdf = (xs: readonly number[], ws: readonly number[] | undefined) => {
    const w = ws ?? xs.map(() => 1);
    const tot = w.reduce((s, x) => s + x, 0);
    const at = new Map<number, number>();
    for (let i = 0; i < xs.length; i++)
      at.set(xs[i] as number, (at.get(xs[i] as number) ?? 0) + (w[i] as number) / tot);
    let acc = 0;
    return pts.map((p) => (acc += at.get(p) ?? 0));
  };
  const fu = cdf(u, uWeights);
  const fv = cdf(v, vWeights);
  let dist = 0;
  for (let i = 0; i + 1 < pts.length; i++)
    dist += Math.abs((fu[i] as number) - (fv[i] as number)) * ((pts[i + 1] as number) - (pts[i] as number));
  return dist;
}

/** Population stability index Σ (c − r)·ln(c / r) over matching bin proportions (Evidently floors empty bins at 1e-4). */
export function psi(refProportions: readonly number[], curProportions: readonly number[], floor = 1e-4): number {
  let s = 0;
  for (let i = 0; i < refProportions.length; i++) {
    const r = Math.max(floor, refProportions[i] as number);
    const c = Math.max(floor, curProportions[i] as number);
    s += (c - r) * Math.log(c / r);
  }
  return s;
}
