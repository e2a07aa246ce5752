import { mean, quantile, std } from '../core';
import { normalPdf, normalQuantile } from './normal';

/**
 * Value at Risk and expected shortfall of one period's returns, as positive losses (a VaR of 0.05
 * at 95% means: on 5% of days the return is −5% or worse). Quantiles interpolate linearly
 * between order statistics (numpy's default); σ is the sample standard deviation (n − 1).
 */
export function historicalVaR(returns: readonly number[], confidence = 0.95): number {
  return -quantile(returns, 1 - confidence);
}

/** Normal VaR: −(μ + z₁₋c σ). */
export function parametricVaR(returns: readonly number[], confidence = 0.95): number {
  return -(mean(returns) + normalQuantile(1 - confidence) * std(returns));
}

/** Sample skewness and excess kurtosis from population moments (m3/m2^1.5, m4/m2² − 3). */
export function moments(returns: readonly number[]): { skew: number; excessKurtosis: number } {
  const m = mean(returns);
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const r of returns) {
    const d = r - m;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  const n = returns.length;
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return { skew: m2 > 0 ? m3 / m2 ** 1.5 : 0, excessKurtosis: m2 > 0 ? m4 / (m2 * m2) - 3 : 0 };
}

/** The Cornish–Fisher expansion of the quantile z for skewness S and excess kurtosis K. */
export function cornishFisherZ(z: number, S: number, K: number): number {
  return z + ((z * z - 1) * S) / 6 + ((z ** 3 - 3 * z) * K) / 24 - ((2 * z ** 3 - 5 * z) * S * S) / 36;
}

/** Modified (Cornish–Fisher) VaR, Favre & Galeano (2002): the normal VaR with a skew- and tail-adjusted quantile. */
export function cornishFisherVaR(returns: readonly number[], confidence = 0.95): number {
  const { skew, excessKurtosis } = moments(returns);
  return -(mean(returns) + cornishFisherZ(normalQuantile(1 - confidence), skew, excessKurtosis) * std(returns));
}

/** Historical expected shortfall (CVaR): the mean loss over the returns at or below the VaR quantile. */
export function historicalCVaR(returns: readonly number[], confidence = 0.95): number {
  const q = quantile(returns, 1 - confidence);
  const tail = returns.filter((r) => r <= q);
  return -mean(tail);
}

/** Normal expected shortfall: −(μ − σ φ(z)/(1 − c)) with z = Φ⁻¹(1 − c). */
export function parametricCVaR(returns: readonly number[], confidence = 0.95): number {
  const z = normalQuantile(1 - confidence);
  return -(mean(returns) - (std(returns) * normalPdf(z)) / (1 - confidence));
}
