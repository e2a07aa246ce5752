import { describe, expect, it } from 'vitest';
import { makeFolds, purgedKFold, walkForward } from '../../src/market';

const times = Array.from({ length: 100 }, (_, i) => i + 20);

describe('walk-forward', () => {
  it('tests later blocks and trains only on samples whose outcome is known at the block start', () => {
    const folds = walkForward(times, 7, {
      kind: 'walk-forward',
      mode: 'expanding',
      folds: 4,
      initialTrain: 0.5,
      window: 730,
    });
    expect(folds).toHaveLength(4);
    expect(folds.map((f) => f.test.length)).toEqual([12, 12, 12, 14]);
    expect(folds.flatMap((f) => f.test)).toEqual(times.slice(50));
    for (const f of folds) {
      const start = f.test[0] as number;
      expect(Math.max(...f.train) + 7).toBeLessThanOrEqual(start);
      // Expanding: every sample known by then is used (first fold: bars 20..63 for a test from bar 70).
      expect(f.train).toEqual(times.filter((t) => t + 7 <= start));
    }
    expect(folds[0]?.train).toEqual(times.slice(0, 44));
  });
  it('rolling keeps only the last `window` bars', () => {
    const folds = makeFolds(times, 1, {
      kind: 'walk-forward',
      mode: 'rolling',
      folds: 2,
      initialTrain: 0.5,
      window: 10,
    });
    for (const f of folds) {
      const start = f.test[0] as number;
      expect(f.train).toEqual(times.filter((t) => t + 1 <= start && t > start - 1 - 10));
      expect(f.train).toHaveLength(10);
    }
  });
});

describe('purged k-fold with embargo', () => {
  it('drops training samples whose label window overlaps the test block, and the embargo after it', () => {
    const folds = purgedKFold(times, 5, { kind: 'purged', folds: 5, embargo: 3 });
    expect(folds).toHaveLength(5);
    const mid = folds[2];
    if (!mid) throw new Error('no fold 2');
    expect(mid.test).toEqual(times.slice(40, 60)); // bars 60..79
    // Purge: labels of bars 55..59 end inside [60, 84]; bars 80..84 overlap too; embargo 85..87.
    expect(mid.train).toEqual([...times.filter((t) => t < 55), ...times.filter((t) => t > 87)]);
    for (const f of folds)
      for (const t of f.train)
        expect(t + 5 < (f.test[0] as number) || t > (f.test[f.test.length - 1] as number) + 5 + 3).toBe(true);
  });
});
