import { describe, expect, it } from 'vitest';
import {
  cornishFisherVaR,
  cornishFisherZ,
  historicalCVaR,
  historicalVaR,
  moments,
  parametricCVaR,
  parametricVaR,
} from '../../src/risk';

// Fifteen daily returns used for every hand-derived value below. Reference values were computed
// independently in Python (numpy 'linear' quantiles; scipy.stats.norm, skew(bias=True),
// kurtosis(fisher=True, bias=True)) from the textbook formulas named in each test.
const R = [
  0.012, -0.034, 0.021, 0.005, -0.041, 0.027, 0.016, -0.008, 0.033, -0.019, 0.009, -0.062, 0.044, 0.002, -0.011,
];

describe('historical VaR and CVaR', () => {
  it('is the interpolated lower quantile, by hand on ten returns', () => {
    // Sorted: -5%, -3%, ...; the 10% quantile sits 0.9 of the way from -5% to -3%: -3.2%.
    const r = [0.03, -0.05, 0.0, 0.06, -0.01, 0.02, 0.04, -0.03, 0.05, 0.01];
    expect(historicalVaR(r, 0.9)).toBeCloseTo(0.032, 12);
    // Only -5% lies at or below -3.2%.
    expect(historicalCVaR(r, 0.9)).toBeCloseTo(0.05, 12);
  });
  it('matches numpy on the fifteen returns', () => {
    expect(historicalVaR(R, 0.95)).toBeCloseTo(0.0473, 10);
    expect(historicalCVaR(R, 0.95)).toBeCloseTo(0.062, 10);
  });
});

describe('parametric (normal) VaR and ES', () => {
  it('is −(μ + z σ) and −(μ − σ φ(z)/α)', () => {
    expect(parametricVaR(R, 0.95)).toBeCloseTo(0.04841491672236323, 8);
    expect(parametricCVaR(R, 0.95)).toBeCloseTo(0.06061264266424785, 8);
  });
});

describe('Cornish–Fisher VaR', () => {
  it('reduces to the normal quantile without skew or excess kurtosis', () => {
    expect(cornishFisherZ(-1.6448536269514722, 0, 0)).toBe(-1.6448536269514722);
  });
  it('expands the quantile by hand: z = −2, S = −0.5, K = 3', () => {
    // −2 + (4−1)(−0.5)/6 + (−8+6)(3)/24 − (−16+10)(0.25)/36 = −2 − 0.25 − 0.25 + 0.041666… = −2.458333…
    expect(cornishFisherZ(-2, -0.5, 3)).toBeCloseTo(-2.4583333333333335, 12);
  });
  it('matches the modified VaR of Favre & Galeano (2002) computed with scipy moments', () => {
    const m = moments(R);
    expect(m.skew).toBeCloseTo(-0.5474784220764843, 10);
    expect(m.excessKurtosis).toBeCloseTo(-0.4140438709491976, 10);
    expect(cornishFisherVaR(R, 0.95)).toBeCloseTo(0.05303732937671059, 8);
  });
});
