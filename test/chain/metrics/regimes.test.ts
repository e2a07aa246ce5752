import { describe, expect, it } from 'vitest';
import {
  classBalance,
  classifyRegime,
  deriveChainDays,
  REGIME_RULES,
  REGIMES,
  type ChainDay,
  type Regime,
} from '../../../src/chain/metrics';
import type { DailyAggregate } from '../../../src/chain/daily';
import { days, geometric } from './helpers';

// Index 0 is t−14 (2024-03-01), index 14 is t (2024-03-15): exactly the history a label needs.
const START = '2024-03-01';
const T = '2024-03-15';
const flat = (v: number) => Array.from({ length: 15 }, () => v);
/** Falls ×f1 a day for the first week (indices 0…7), then ×f2 a day (7…14). */
const turn = (start: number, f1: number, f2: number) => {
  const first = geometric(start, f1, 8);
  return [...first, ...geometric(first[7]!, f2, 8).slice(1)];
};
const int = (xs: number[]) => xs.map((x) => Math.round(x));

function chain(volume: number[], transactions: number[]): DailyAggregate[] {
  return days(
    START,
    volume.map((v, i) => ({ transferredNative: v, transactions: transactions[i]! })),
  );
}
function labelAt(aggs: DailyAggregate[]): ChainDay {
  const rows = deriveChainDays(aggs, { from: T, to: T });
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

// Hand values: ln 1.03 = 0.0295588, ln 0.97 = −0.0304592; one week of each is ×7.
const UP = 0.2069116; // 7 · ln 1.03
const DOWN = -0.2132144; // 7 · ln 0.97

describe('regime rules fire on constructed series', () => {
  const cases: { label: Regime; id: string; volume: number[]; tx: number[]; v: number; a: number; p: number }[] = [
    { label: 'recovery', id: 'R2', volume: turn(1000, 0.97, 1.03), tx: flat(500_000), v: UP, a: 0, p: DOWN },
    { label: 'correction', id: 'R3', volume: turn(1000, 1.03, 0.97), tx: flat(500_000), v: DOWN, a: 0, p: UP },
    {
      label: 'bull',
      id: 'R4',
      volume: geometric(1000, 1.03, 15),
      tx: int(geometric(1_000_000, 1.03, 15)),
      v: UP,
      a: UP,
      p: UP,
    },
    {
      label: 'bear',
      id: 'R5',
      volume: geometric(1000, 0.97, 15),
      tx: int(geometric(1_000_000, 0.97, 15)),
      v: DOWN,
      a: DOWN,
      p: DOWN,
    },
    { label: 'accumulation', id: 'R6', volume: flat(1000), tx: int(geometric(1_000_000, 1.03, 15)), v: 0, a: UP, p: 0 },
    { label: 'distribution', id: 'R7', volume: geometric(1000, 1.03, 15), tx: flat(500_000), v: UP, a: 0, p: UP },
    // ×1.01 a day is +0.0697 a week: under the 0.10 trend threshold.
    {
      label: 'sideways',
      id: 'R8',
      volume: geometric(1000, 1.01, 15),
      tx: flat(500_000),
      v: 7 * 0.00995033,
      a: 0,
      p: 7 * 0.00995033,
    },
  ];
  for (const c of cases) {
    it(`${c.id} ${c.label}`, () => {
      const row = labelAt(chain(c.volume, c.tx));
      expect(row.regime?.label).toBe(c.label);
      expect(row.regime?.ruleId).toBe(c.id);
      expect(row.regime?.rule.startsWith(`${c.id}: `)).toBe(true);
      expect(row.regimeReason).toBeNull();
      const inputs = row.regime!.inputs;
      expect(inputs.volumeLogChange7d).toBeCloseTo(c.v, 5);
      expect(inputs.activityLogChange7d).toBeCloseTo(c.a, 5);
      expect(inputs.priorVolumeLogChange7d).toBeCloseTo(c.p, 5);
      expect(inputs.volumeVolatility7dLog).toBeCloseTo(0, 6); // constant daily change in the last week
    });
  }

  it('R1 volatile comes first: alternating volume has σ = ln2·√(8/7) ≈ 0.741 ≥ 0.30', () => {
    const volume = Array.from({ length: 15 }, (_, i) => (i % 2 ? 2000 : 1000));
    const row = labelAt(chain(volume, int(geometric(1_000_000, 1.03, 15))));
    expect(row.regime?.label).toBe('volatile');
    expect(row.regime?.inputs.volumeVolatility7dLog).toBeCloseTo(0.741006, 5);
    expect(row.regime?.rule).toBe('R1: volume volatility σ 0.741 ≥ 0.300 (std of 7 daily log changes)');
  });

  it('writes the numbers into the rule', () => {
    const row = labelAt(chain(turn(1000, 0.97, 1.03), flat(500_000)));
    expect(row.regime?.rule).toBe(
      'R2: volume fell the week before (p -0.213 ≤ -0.100) and rose this week (v +0.207 ≥ +0.100)',
    );
  });

  it('is scale-free: volume ×1e6 and transactions ×1000 give the same label and inputs', () => {
    const volume = geometric(1000, 1.03, 15);
    const tx = int(geometric(1000, 0.97, 15));
    const a = labelAt(chain(volume, tx));
    const b = labelAt(
      chain(
        volume.map((v) => v * 1e6),
        tx.map((x) => x * 1000),
      ),
    );
    expect(b.regime?.label).toBe(a.regime?.label);
    expect(b.regime?.inputs.volumeLogChange7d).toBeCloseTo(a.regime!.inputs.volumeLogChange7d, 10);
    expect(b.regime?.inputs.activityLogChange7d).toBeCloseTo(a.regime!.inputs.activityLogChange7d, 10);
  });

  it('has one rule per label, in the documented priority order', () => {
    expect(REGIME_RULES.map((r) => r.id)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8']);
    expect([...REGIME_RULES.map((r) => r.label)].sort()).toEqual([...REGIMES].sort());
  });

  it('labels every point of the (v, a) plane (R4–R8 partition it)', () => {
    const grid = [-0.5, -0.1, -0.05, 0, 0.05, 0.0999, 0.1, 0.5];
    for (const v of grid)
      for (const a of grid) {
        const r = classifyRegime({
          volumeLogChange7d: v,
          activityLogChange7d: a,
          priorVolumeLogChange7d: 0,
          volumeVolatility7dLog: 0,
        });
        expect(REGIMES).toContain(r.label);
      }
  });
});

describe('insufficient history', () => {
  const base = () => chain(geometric(1000, 1.03, 15), int(geometric(1_000_000, 1.03, 15)));

  it('gives no label and names the missing day t−14', () => {
    const row = labelAt(base().filter((a) => a.date !== '2024-03-01'));
    expect(row.regime).toBeNull();
    expect(row.regimeReason).toMatch(/insufficient history/);
    expect(row.regimeReason).toContain('volume on 2024-03-01');
    expect(row.volumeGrowth7dFrac).not.toBeNull(); // the day's own metrics are still there
  });

  it('gives no label when the volatility window has a gap or a zero', () => {
    const gap = labelAt(base().filter((a) => a.date !== '2024-03-12'));
    expect(gap.regime).toBeNull();
    expect(gap.regimeReason).toContain('2024-03-12');
    const zero = labelAt(base().map((a) => (a.date === '2024-03-10' ? { ...a, transferredNative: 0 } : a)));
    expect(zero.regime).toBeNull();
    expect(zero.regimeReason).toContain('volume on 2024-03-10');
  });

  it('gives no label when the activity lag is missing', () => {
    const row = labelAt(base().map((a) => (a.date === '2024-03-08' ? { ...a, transactions: 0 } : a)));
    expect(row.regimeReason).toContain('transactions on 2024-03-08');
  });
});

describe('classBalance', () => {
  const r = (label: Regime | null) => ({ regime: label ? { label } : null });

  it('counts labels and shares of the labelled rows, and the unlabelled rows', () => {
    const b = classBalance([r('bull'), r('bull'), r('bear'), r(null), r('volatile')]);
    expect(b.total).toBe(5);
    expect(b.labelled).toBe(4);
    expect(b.unlabelled).toBe(1);
    expect(b.counts).toEqual({
      bull: 2,
      bear: 1,
      sideways: 0,
      volatile: 1,
      accumulation: 0,
      distribution: 0,
      recovery: 0,
      correction: 0,
    });
    expect(b.shares.bull).toBe(0.5);
    expect(b.shares.bear).toBe(0.25);
    expect(b.shares.sideways).toBe(0);
  });

  it('reports zero shares when nothing is labelled', () => {
    const b = classBalance([r(null), r(null)]);
    expect(b).toMatchObject({ total: 2, labelled: 0, unlabelled: 2 });
    expect(Object.values(b.shares)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('works on derived rows without adding any', () => {
    const rows = deriveChainDays(chain(geometric(1000, 1.03, 15), int(geometric(1_000_000, 1.03, 15))), {
      from: '2024-03-14',
      to: T,
    });
    const b = classBalance(rows);
    expect(b.total).toBe(rows.length);
    expect(b.counts.bull).toBe(1); // the 15th only; the 14th lacks its t−14
    expect(b.unlabelled).toBe(1);
  });
});
