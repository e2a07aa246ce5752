import { describe, expect, it } from 'vitest';
import { christoffersen, chiSquareSurvival, kupiec, rollingVaRExceptions } from '../../src/risk';

const seq = (T: number, N: number) => Array.from({ length: T }, (_, i) => i < N);
const accepted = (T: number, N: number, p: number) => kupiec(seq(T, N), p).lr < 3.841458820694124;

describe('Kupiec POF', () => {
  it("reproduces Jorion's non-rejection regions at 95% (Value at Risk, 3rd ed., Table 6-3 after Kupiec 1995)", () => {
    // p = 1%, T = 255: N < 7.
    expect(accepted(255, 6, 0.01)).toBe(true);
    expect(accepted(255, 7, 0.01)).toBe(false);
    // p = 1%, T = 510: 1 < N < 11.
    expect(accepted(510, 1, 0.01)).toBe(false);
    expect(accepted(510, 2, 0.01)).toBe(true);
    expect(accepted(510, 10, 0.01)).toBe(true);
    expect(accepted(510, 11, 0.01)).toBe(false);
    // p = 5%, T = 1000: 37 < N < 65.
    expect(accepted(1000, 37, 0.05)).toBe(false);
    expect(accepted(1000, 38, 0.05)).toBe(true);
    expect(accepted(1000, 64, 0.05)).toBe(true);
    expect(accepted(1000, 65, 0.05)).toBe(false);
  });
  it('gives the LR and p-value of T = 250, N = 5 at 1% (scipy.stats.chi2.sf: 1.956809788230622 → 0.16185)', () => {
    const k = kupiec(seq(250, 5), 0.01);
    expect(k.lr).toBeCloseTo(1.956809788230622, 9);
    expect(k.pValue).toBeCloseTo(0.1618549171960387, 6);
  });
});

describe('Christoffersen', () => {
  it('counts transitions and tests independence and conditional coverage (hand-derived, 20 days, 6 exceptions)', () => {
    const e = [0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0].map(Boolean);
    const c = christoffersen(e, 0.05);
    expect([c.n00, c.n01, c.n10, c.n11]).toEqual([11, 3, 3, 2]);
    // π0 = 3/14, π1 = 2/5, π = 5/19; LR_ind = −2[ln L(π) − ln L(π0, π1)].
    expect(c.lrInd).toBeCloseTo(0.6223446890094912, 9);
    expect(c.pValueInd).toBeCloseTo(0.4301773171257125, 6);
    expect(c.lrCc).toBeCloseTo(9.625060471423584, 9);
    expect(c.pValueCc).toBeCloseTo(chiSquareSurvival(9.625060471423584, 2), 12);
    expect(c.pValueCc).toBeCloseTo(0.008127269751791334, 9);
  });
});

describe('rollingVaRExceptions', () => {
  it('forecasts from the returns before t only', () => {
    const r = [0.01, -0.01, 0.02, -0.02, -0.5];
    const ex = rollingVaRExceptions(r, 4, 0.75, (w) => -Math.min(...w));
    expect(ex).toEqual([{ index: 4, var: 0.02, exception: true }]);
  });
});
