import { mean, std } from '../core';

/** Crypto trades every day: 365 periods a year unless told otherwise. */
export const DEFAULT_PERIODS_PER_YEAR = 365;

export function annualisedVolatility(returns: readonly number[], periodsPerYear = DEFAULT_PERIODS_PER_YEAR): number {
  return std(returns) * Math.sqrt(periodsPerYear);
}

/** Compound annual growth rate of simple returns. */
export function cagr(returns: readonly number[], periodsPerYear = DEFAULT_PERIODS_PER_YEAR): number {
  const growth = returns.reduce((g, r) => g * (1 + r), 1);
  return returns.length ? growth ** (periodsPerYear / returns.length) - 1 : Number.NaN;
}

/** Annualised Sharpe ratio: mean excess return over its standard deviation, × √periods. `riskFree` is per period. */
export function sharpe(returns: readonly number[], riskFree = 0, periodsPerYear = DEFAULT_PERIODS_PER_YEAR): number {
  const ex = returns.map((r) => r - riskFree);
  const s = std(ex);
  return s > 0 ? (mean(ex) / s) * Math.sqrt(periodsPerYear) : Number.NaN;
}

/**
 * Annualised Sortino ratio (Sortino & Price 1994): mean excess over the target divided by the
 * downside deviation √(mean(min(r − T, 0)²)) taken over all periods.
 */
export function sortino(returns: readonly number[], target = 0, periodsPerYear = DEFAULT_PERIODS_PER_YEAR): number {
  const dd = Math.sqrt(mean(returns.map((r) => Math.min(r - target, 0) ** 2)));
  return dd > 0 ? (mean(returns.map((r) => r - target)) / dd) * Math.sqrt(periodsPerYear) : Number.NaN;
}

/** Omega ratio at threshold L: Σ max(r − L, 0) / Σ max(L − r, 0) (Keating & Shadwick 2002, discrete form). */
export function omega(returns: readonly number[], threshold = 0): number {
  let up = 0;
  let down = 0;
  for (const r of returns) {
    if (r > threshold) up += r - threshold;
    else down += threshold - r;
  }
  return down > 0 ? up / down : Number.POSITIVE_INFINITY;
}
