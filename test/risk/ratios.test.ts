import { describe, expect, it } from 'vitest';
import { annualisedVolatility, cagr, omega, riskSummary, sharpe, sortino } from '../../src/risk';

// Same fifteen returns as var.test.ts; references computed in Python from the definitions
// (sample σ with n − 1; Sortino's downside deviation over all periods; 365 periods a year).
const R = [
  0.012, -0.034, 0.021, 0.005, -0.041, 0.027, 0.016, -0.008, 0.033, -0.019, 0.009, -0.062, 0.044, 0.002, -0.011,
];

describe('ratios', () => {
  it('annualises with 365 by default and with any other count when told', () => {
    expect(annualisedVolatility(R)).toBeCloseTo(0.5576932080326192, 10);
    expect(annualisedVolatility(R, 252)).toBeCloseTo(0.4633927060280514, 10);
  });
  it('Sharpe, Sortino, Omega and CAGR match the definitions', () => {
    expect(sharpe(R)).toBeCloseTo(-0.2617926808093037, 10);
    expect(sortino(R)).toBeCloseTo(-0.34815531191139587, 10);
    expect(omega(R)).toBeCloseTo(0.9657142857142855, 12);
    expect(cagr(R)).toBeCloseTo(-0.253931860088094, 10);
  });
  it('Sharpe by hand: returns 1%, 3% → mean 2%, σ √2 %, daily Sharpe √2', () => {
    expect(sharpe([0.01, 0.03], 0, 1)).toBeCloseTo(Math.SQRT2, 12);
  });
  it('Calmar is CAGR over the maximum drawdown (Python: −0.253931860088094 / 0.071540398)', () => {
    const dates = R.map((_, i) => `2024-01-${String(i + 2).padStart(2, '0')}`);
    const s = riskSummary(R, dates);
    expect(s.drawdown.maxDrawdown).toBeCloseTo(-0.07154039800000023, 12);
    expect(s.calmar).toBeCloseTo(-3.549489060545808, 8);
  });
});
