import { describe, expect, it } from 'vitest';
import { binomialTest, bootstrapInterval, dieboldMariano, mcnemarExact, pairedBootstrap } from '../../src/core/paired';
import { logGamma, normalCdf, regularizedBeta, studentTCdf } from '../../src/core/special';

// Reference values: exact binomial sums done by hand where stated, otherwise SciPy 1.17
// (scipy.stats.binomtest / t.cdf / special.betainc / special.gammaln / norm.cdf), an independent
// implementation of the same definitions.
describe('special functions', () => {
  it('log-gamma, incomplete beta, Student t and normal CDFs match SciPy', () => {
    expect(logGamma(10.5)).toBeCloseTo(13.940625219403763, 10);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12); // Γ(5) = 4!
    expect(regularizedBeta(0.3, 2.5, 1.5)).toBeCloseTo(0.08894372317066562, 10);
    expect(studentTCdf(2.228, 10)).toBeCloseTo(0.9749941140914443, 9); // the t table's 97.5% point
    expect(studentTCdf(-1.5, 3)).toBeCloseTo(0.11529193262241147, 9);
    expect(studentTCdf(0.7, 2.5)).toBeCloseTo(0.728297528405226, 9);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 6);
  });
});

describe('binomial and McNemar', () => {
  it('two-sided exact binomial p-values', () => {
    // 7 of 10 at 1/2: P(X ≥ 7) = (120 + 45 + 10 + 1) / 1024, doubled by symmetry.
    expect(binomialTest(7, 10).pValue).toBeCloseTo(352 / 1024, 12);
    expect(binomialTest(5, 10).pValue).toBeCloseTo(1, 12);
    expect(binomialTest(2, 10, 0.3).pValue).toBeCloseTo(0.7331720679999996, 9);
    expect(binomialTest(13, 40, 0.2).pValue).toBeCloseTo(0.07170371683606827, 9);
    expect(() => binomialTest(11, 10)).toThrow(RangeError);
  });

  it('McNemar counts the discordant pairs and tests them exactly', () => {
    // 1 pair only A right, 9 only B right, 5 concordant: 2·P(X ≤ 1 | 10, ½) = 2·11/1024.
    const a = [true, ...Array(9).fill(false), ...Array(5).fill(true)];
    const b = [false, ...Array(9).fill(true), ...Array(5).fill(true)];
    const r = mcnemarExact(a, b);
    expect([r.b, r.c, r.n]).toEqual([1, 9, 15]);
    expect(r.pValue).toBeCloseTo(22 / 1024, 12);
    expect(mcnemarExact([true, false], [true, false]).pValue).toBe(1);
  });
});

describe('Diebold–Mariano with the HLN correction', () => {
  it('matches the formula evaluated independently (h = 1 and h = 2)', () => {
    // d = 1,2,3,4: mean 2.5, γ0 = 1.25, DM = 2.5/√(1.25/4) = √20; HLN factor √(3/4).
    const one = dieboldMariano([2, 4, 6, 8], [1, 2, 3, 4]);
    expect(one.statistic).toBeCloseTo(Math.sqrt(20) * Math.sqrt(0.75), 12);
    expect(one.pValue).toBeCloseTo(0.030466291662170963, 8);
    const a = [0.5, 1.2, 0.3, 0.8, 1.1, 0.4, 0.9, 0.7];
    const b = [0.6, 1.0, 0.7, 1.1, 1.0, 0.9, 1.2, 0.6];
    const two = dieboldMariano(a, b, 2);
    expect(two.meanDiff).toBeCloseTo(-0.15, 12);
    expect(two.statistic).toBeCloseTo(-2.2013981571160284, 9);
    expect(two.pValue).toBeCloseTo(0.06359962262480945, 8);
  });

  it('identical losses give no evidence; a constant gap is certain', () => {
    expect(dieboldMariano([1, 2, 3], [1, 2, 3]).pValue).toBe(1);
    expect(dieboldMariano([1, 2, 3], [2, 3, 4]).pValue).toBe(0);
  });
});

describe('bootstrap', () => {
  it('paired bootstrap finds a clear difference and not a null one, reproducibly', () => {
    const a = Array.from({ length: 200 }, (_, i) => (i % 7) / 7);
    const better = a.map((x) => x - 0.2);
    const clear = pairedBootstrap(better, a, { samples: 500, seed: 3 });
    expect(clear.meanDiff).toBeCloseTo(-0.2, 12);
    expect(clear.hi).toBeLessThan(0);
    expect(clear.pValue).toBeLessThan(0.01);
    expect(pairedBootstrap(better, a, { samples: 500, seed: 3 })).toEqual(clear);
    const same = pairedBootstrap(a, [...a].reverse(), { samples: 500, seed: 3 });
    expect(same.lo).toBeLessThan(0);
    expect(same.hi).toBeGreaterThan(0);
    expect(same.pValue).toBeGreaterThan(0.2);
  });

  it('percentile interval of a statistic covers the estimate and narrows with n', () => {
    const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const small = bootstrapInterval([0, 1, 0, 1, 1, 0, 1, 1], mean, { samples: 400, seed: 1 });
    const big = bootstrapInterval(
      Array.from({ length: 800 }, (_, i) => (i % 8 < 5 ? 1 : 0)),
      mean,
      { samples: 400, seed: 1 },
    );
    expect(small.estimate).toBe(0.625);
    expect(small.lo).toBeLessThanOrEqual(0.625);
    expect(small.hi).toBeGreaterThanOrEqual(0.625);
    expect(big.hi - big.lo).toBeLessThan((small.hi - small.lo) / 4);
  });
});
