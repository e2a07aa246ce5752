import { describe, expect, it } from 'vitest';
import {
  accuracy,
  balancedAccuracy,
  brier,
  directionMetrics,
  logLoss,
  topDecileAccuracy,
  type Scored,
} from '../../src/market';

const xs: Scored[] = [
  { p: 0.9, y: 1 },
  { p: 0.6, y: 0 },
  { p: 0.4, y: 0 },
  { p: 0.2, y: 1 },
];

describe('direction metrics (hand-derived)', () => {
  it('accuracy, balanced accuracy, log loss and Brier', () => {
    expect(accuracy(xs)).toBe(0.5);
    // Recall up: 1/2, recall down: 1/2.
    expect(balancedAccuracy(xs)).toBe(0.5);
    expect(
      balancedAccuracy([
        { p: 0.9, y: 1 },
        { p: 0.8, y: 1 },
        { p: 0.7, y: 1 },
        { p: 0.3, y: 0 },
        { p: 0.6, y: 0 },
        { p: 0.6, y: 0 },
      ]),
    ).toBeCloseTo((1 + 1 / 3) / 2, 12);
    expect(logLoss(xs)).toBeCloseTo(-(Math.log(0.9) + Math.log(0.4) + Math.log(0.6) + Math.log(0.2)) / 4, 12);
    expect(brier(xs)).toBeCloseTo((0.01 + 0.36 + 0.16 + 0.64) / 4, 12);
  });
  it('top decile: the tenth furthest from 50%', () => {
    const many: Scored[] = Array.from({ length: 20 }, (_, i) => ({
      p: 0.5 + (i - 9.5) / 25,
      y: i === 0 || i === 19 ? 1 : 0,
    }));
    // Furthest from 0.5: i = 0 (p 0.12, wrong) and i = 19 (p 0.88, right), both 0.38 away.
    expect(topDecileAccuracy(many)).toBe(0.5);
  });
  it('top decile keeps ties at the cut: one confidence for every day gives the overall accuracy', () => {
    const flat: Scored[] = Array.from({ length: 30 }, (_, i) => ({ p: 0.6, y: i < 12 ? 1 : 0 }));
    expect(topDecileAccuracy(flat)).toBeCloseTo(0.4, 12);
    expect(directionMetrics(flat, 1, { samples: 100 }).topDecileAccuracy.n).toBe(30);
  });
  it('intervals bracket the estimate; the binomial test counts every h-th sample for h > 1', () => {
    const long: Scored[] = Array.from({ length: 140 }, (_, i) => ({ p: 0.7, y: i % 10 < 6 ? 1 : 0 }));
    const m1 = directionMetrics(long, 1, { samples: 300 });
    expect(m1.accuracy.estimate).toBeCloseTo(0.6, 12);
    expect(m1.accuracy.lo).toBeLessThan(0.6);
    expect(m1.accuracy.hi).toBeGreaterThan(0.6);
    expect(m1.binomial).toMatchObject({ k: 84, n: 140 });
    const m7 = directionMetrics(long, 7, { samples: 300 });
    expect(m7.binomial.n).toBe(20);
  });
});
