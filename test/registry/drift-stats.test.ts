import { describe, expect, it } from 'vitest';
import {
  chiSquare,
  gammaQ,
  jensenShannon,
  kolmogorovSf,
  ksTwoSample,
  psi,
  wasserstein1,
} from '../../src/registry/drift-stats';
import { columnDrift, driftReport } from '../../src/registry/drift';

describe('drift statistics against published reference values', () => {
  it('Kolmogorov survival function: scipy.special.kolmogorov docs ([0, 0.5, 1.0] → [1, 0.96394524, 0.26999967]) and kolmogi(0.05) = 1.3580986393', () => {
    expect(kolmogorovSf(0)).toBe(1);
    expect(kolmogorovSf(0.5)).toBeCloseTo(0.96394524, 7);
    expect(kolmogorovSf(1.0)).toBeCloseTo(0.26999967, 7);
    expect(kolmogorovSf(1.3580986393225505)).toBeCloseTo(0.05, 9);
  });

  it('two-sample KS statistic, hand-derived: [1,2,3,4] vs [3,4,5,6] has D = 0.5; identical samples D = 0, p = 1', () => {
    expect(ksTwoSample([1, 2, 3, 4], [3, 4, 5, 6]).statistic).toBe(0.5);
    // Ties across samples step together: [1,1,2] vs [1,2,2] differ by 2/3 − 1/3 at x = 1.
    expect(ksTwoSample([1, 1, 2], [1, 2, 2]).statistic).toBeCloseTo(1 / 3, 12);
    const same = ksTwoSample([1, 2, 3], [1, 2, 3]);
    expect(same.statistic).toBe(0);
    expect(same.pValue).toBe(1);
  });

  it('chi-square: scipy.stats.chisquare docs examples (2.0, p 0.849145036; with f_exp 3.5, p 0.623387628)', () => {
    const a = chiSquare([16, 18, 16, 14, 12, 12]);
    expect(a.statistic).toBeCloseTo(2.0, 12);
    expect(a.pValue).toBeCloseTo(0.84914503608460956, 10);
    const b = chiSquare([16, 18, 16, 14, 12, 12], [16, 16, 16, 16, 16, 8]);
    expect(b.statistic).toBeCloseTo(3.5, 12);
    expect(b.pValue).toBeCloseTo(0.62338762774958223, 10);
    // Q(1, x) = e^{−x} (exponential survival), both branches of gammaQ.
    expect(gammaQ(1, 0.5)).toBeCloseTo(Math.exp(-0.5), 12);
    expect(gammaQ(1, 5)).toBeCloseTo(Math.exp(-5), 12);
  });

  it('Jensen–Shannon distance: scipy.spatial.distance.jensenshannon docs examples', () => {
    expect(jensenShannon([1, 0, 0], [0, 1, 0], 2)).toBeCloseTo(1.0, 12);
    expect(jensenShannon([1, 0], [0.5, 0.5])).toBeCloseTo(0.46450140402245893, 12);
    expect(jensenShannon([1, 0, 0], [1, 0, 0])).toBe(0);
  });

  it('Wasserstein distance: scipy.stats.wasserstein_distance docs examples (5.0, 0.25, 4.0781331438)', () => {
    expect(wasserstein1([0, 1, 3], [5, 6, 8])).toBeCloseTo(5.0, 12);
    expect(wasserstein1([0, 1], [0, 1], [3, 1], [2, 2])).toBeCloseTo(0.25, 12);
    expect(wasserstein1([3.4, 3.9, 7.5, 7.8], [4.5, 1.4], [1.4, 0.9, 3.1, 7.2], [3.2, 3.5])).toBeCloseTo(
      4.0781331438047861,
      10,
    );
  });

  it('PSI, hand-derived: [0.5, 0.5] → [0.9, 0.1] is 0.4·ln 1.8 + 0.4·ln 5 = 0.878890', () => {
    expect(psi([0.5, 0.5], [0.9, 0.1])).toBeCloseTo(0.4 * Math.log(1.8) + 0.4 * Math.log(5), 12);
    expect(psi([0.5, 0.5], [0.5, 0.5])).toBe(0);
  });
});

describe("column and dataset drift with Evidently's rules", () => {
  const seq = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

  it('a shifted numeric column drifts by KS on a small reference; the same one does not', () => {
    const ref = seq(200, (i) => (i * 7919) % 200);
    expect(columnDrift('x', ref, ref).drift).toBe(false);
    const moved = columnDrift(
      'x',
      ref,
      ref.map((x) => x + 80),
    );
    expect(moved.kind).toBe('numeric');
    expect(moved.method).toBe('ks');
    expect(moved.ks?.statistic).toBeCloseTo(0.4, 12); // a uniform 0..199 shifted by 80: D = 80/200
    expect(moved.drift).toBe(true);
  });

  it('a large reference switches to Wasserstein (normed) and Jensen–Shannon; categorical shares move', () => {
    const ref = seq(1500, (i) => i % 100);
    const r = columnDrift(
      'x',
      ref,
      ref.map((x) => x + 10),
    );
    expect(r.method).toBe('wasserstein');
    // Shift by 10 over a uniform 0..99 with sd ≈ 28.88: W/sd ≈ 0.346.
    expect(r.wassersteinNormed).toBeCloseTo(10 / Math.sqrt((((100 * 100 - 1) / 12) * 1500) / 1499), 2);
    expect(r.drift).toBe(true);
    const cats = seq(1500, (i) => (i % 3 === 0 ? 'swap' : 'add'));
    expect(columnDrift('type', cats, cats).drift).toBe(false);
    const c = columnDrift(
      'type',
      cats,
      seq(1500, (i) => (i % 3 === 0 ? 'add' : 'swap')),
    );
    expect(c.kind).toBe('categorical');
    expect(c.method).toBe('jensenshannon');
    expect(c.drift).toBe(true);
  });

  it('the dataset drifts when at least half its columns drift; missing values are counted', () => {
    const ref = seq(100, (i) => ({ a: i, b: i % 2 ? 'x' : 'y' }));
    const cur = seq(100, (i) => ({ a: i + 60, b: i % 2 ? 'x' : 'y' }));
    const d = driftReport(ref, [...cur, { a: null, b: 'x' }]);
    expect(d.columns.map((c) => [c.column, c.drift])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    expect(d.datasetDrift).toBe(true);
    expect(d.columns[0]?.missingCurrent).toBe(1);
  });
});

describe('DriftMonitor for live consumers', () => {
  it('stays quiet until enough rows, keeps the last window, alerts on a shifted stream', async () => {
    const { DriftMonitor } = await import('../../src/registry');
    const ref = Array.from({ length: 300 }, (_, i) => ({ size: (i * 37) % 300, type: i % 2 ? 'swap' : 'add' }));
    const m = new DriftMonitor(ref, { window: 150, minRows: 100, critical: ['size'] });
    m.push(...ref.slice(0, 50));
    expect(m.check()).toBeNull();
    m.push(...ref.slice(50, 200));
    expect(m.size).toBe(150);
    expect(m.check()?.alert).toBe(false);
    m.push(...ref.slice(0, 150).map((r) => ({ ...r, size: r.size + 200 })));
    const a = m.check();
    expect(a?.drifted).toEqual(['size']);
    expect(a?.alert).toBe(true); // one of two columns: no dataset drift, but size is critical
  });
});

describe('nested rows', () => {
  it('flattens objects to dotted columns, dates to ISO strings; a column that is null on both sides is left out', async () => {
    const { flattenRow, driftReport } = await import('../../src/registry');
    expect(
      flattenRow({
        a: 1,
        r: { label: 'bull', inputs: { x: 2 } },
        d: new Date('2025-01-02T00:00:00Z'),
        n: 5n,
        list: [1, 2],
      }),
    ).toEqual({ a: 1, 'r.label': 'bull', 'r.inputs.x': 2, d: '2025-01-02T00:00:00.000Z', n: 5 });
    const rows = (label: string) => Array.from({ length: 50 }, (_, i) => ({ regime: i % 5 ? { label } : null }));
    const d = driftReport(rows('bull'), rows('bear'));
    expect(d.columns.map((c) => [c.column, c.drift])).toEqual([['regime.label', true]]);
  });
});
