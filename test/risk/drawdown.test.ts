import { describe, expect, it } from 'vitest';
import { drawdowns } from '../../src/risk';

describe('drawdowns', () => {
  it('finds peak, trough, recovery, the longest spell and the ulcer index (hand-derived)', () => {
    // Wealth: 1.1, 0.88, 0.924, 1.1088, 0.99792. Drawdowns: 0, −20%, −16%, 0, −10%.
    const dates = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'];
    const d = drawdowns([0.1, -0.2, 0.05, 0.2, -0.1], dates);
    expect(d.series.map((x) => Number(x.toFixed(10)))).toEqual([0, -0.2, -0.16, 0, -0.1]);
    expect(d.maxDrawdown).toBeCloseTo(-0.2, 12);
    expect(d.peakDate).toBe('2024-01-01');
    expect(d.troughDate).toBe('2024-01-02');
    expect(d.recoveryDate).toBe('2024-01-04');
    expect(d.longestDrawdownPeriods).toBe(2);
    // Martin's ulcer index: √((0² + 20² + 16² + 0² + 10²)/5) = √151.2.
    expect(d.ulcerIndex).toBeCloseTo(Math.sqrt(151.2), 10);
  });
  it('dates a drawdown from the start the day before the first return, and reports no recovery', () => {
    const d = drawdowns([-0.1, -0.1, 0.05], ['2024-03-01', '2024-03-02', '2024-03-03']);
    expect(d.peakDate).toBe('2024-02-29');
    expect(d.troughDate).toBe('2024-03-02');
    expect(d.recoveryDate).toBeNull();
    expect(d.longestDrawdownPeriods).toBe(3);
    expect(d.maxDrawdown).toBeCloseTo(0.81 - 1, 12);
  });
});
