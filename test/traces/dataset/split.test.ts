import { describe, expect, it } from 'vitest';
import { addDays, dateRange } from '../../../src/chain/metrics/dates';
import { WorkbenchError } from '../../../src/core/errors';
import { assertNoLeakage, planTimeSplit } from '../../../src/traces/dataset';

const days = (stratum: string, from: string, n: number) =>
  dateRange(from, addDays(from, n - 1)).map((date) => ({ stratum, date }));

describe('time split', () => {
  it('puts each chain’s last days in eval with a gap before them', () => {
    // 20 days: eval = last round(0.2·20) = 4 days (Jan 17–20); gap 3 → train up to Jan 13.
    const plan = planTimeSplit([...days('ethereum', '2025-01-01', 20), ...days('bitcoin', '2025-01-01', 20)], {
      evalFraction: 0.2,
      gapDays: 3,
    });
    expect(plan.trainCutoff).toBe('2025-01-13');
    expect(plan.strata).toEqual([
      {
        stratum: 'bitcoin',
        days: 20,
        trainDays: 13,
        evalDays: 4,
        gapDays: 3,
        trainFrom: '2025-01-01',
        trainTo: '2025-01-13',
        evalFrom: '2025-01-17',
        evalTo: '2025-01-20',
      },
      {
        stratum: 'ethereum',
        days: 20,
        trainDays: 13,
        evalDays: 4,
        gapDays: 3,
        trainFrom: '2025-01-01',
        trainTo: '2025-01-13',
        evalFrom: '2025-01-17',
        evalTo: '2025-01-20',
      },
    ]);
    expect(plan.assign('ethereum', '2025-01-13')).toBe('train');
    expect(plan.assign('ethereum', '2025-01-14')).toBe('gap');
    expect(plan.assign('ethereum', '2025-01-16')).toBe('gap');
    expect(plan.assign('ethereum', '2025-01-17')).toBe('eval');
  });

  it('never lets an eval day of one chain precede a train day of another', () => {
    // 35 items: the global eval start is the 29th date, Jan 15. bitcoin's own last 3 days
    // (Jan 13–15) are clipped to Jan 15; ethereum keeps its own Jan 17–20; train ends Jan 11.
    const items = [...days('ethereum', '2025-01-01', 20), ...days('bitcoin', '2025-01-01', 15)];
    const plan = planTimeSplit(items, { evalFraction: 0.2, gapDays: 3 });
    expect(plan.evalFrom.get('bitcoin')).toBe('2025-01-15');
    expect(plan.evalFrom.get('ethereum')).toBe('2025-01-17');
    expect(plan.trainCutoff).toBe('2025-01-11');
    const train = items.filter((i) => plan.assign(i.stratum, i.date) === 'train');
    const evals = items.filter((i) => plan.assign(i.stratum, i.date) === 'eval');
    const maxTrain = train
      .map((t) => t.date)
      .sort()
      .pop() as string;
    expect(evals.every((e) => e.date > maxTrain)).toBe(true);
    expect(() => assertNoLeakage(train, evals, 3)).not.toThrow();
  });

  it('a stratum with a few early days does not pull everyone’s cut-off back', () => {
    const items = [...days('ethereum', '2025-01-01', 20), { stratum: 'cross-chain', date: '2025-01-02' }];
    const plan = planTimeSplit(items, { evalFraction: 0.2, gapDays: 3 });
    expect(plan.trainCutoff).toBe('2025-01-13');
    expect(plan.assign('cross-chain', '2025-01-02')).toBe('train');
    expect(plan.evalFrom.has('cross-chain')).toBe(false);
  });

  it('assertNoLeakage catches an eval day before a train day, and a gap too small', () => {
    expect(() =>
      assertNoLeakage([{ stratum: 'a', date: '2025-01-10' }], [{ stratum: 'b', date: '2025-01-09' }], 0),
    ).toThrow(WorkbenchError);
    expect(() =>
      assertNoLeakage([{ stratum: 'a', date: '2025-01-10' }], [{ stratum: 'a', date: '2025-01-13' }], 3),
    ).toThrow(/within 3 days/);
    expect(() =>
      assertNoLeakage([{ stratum: 'a', date: '2025-01-10' }], [{ stratum: 'a', date: '2025-01-14' }], 3),
    ).not.toThrow();
  });

  it('checks its options', () => {
    expect(() => planTimeSplit([], { evalFraction: 1, gapDays: 0 })).toThrow(/evalFraction/);
    expect(() => planTimeSplit([], { evalFraction: 0.1, gapDays: -1 })).toThrow(/gapDays/);
    expect(planTimeSplit(days('a', '2025-01-01', 5), { evalFraction: 0, gapDays: 7 }).strata[0]?.trainDays).toBe(5);
  });
});
