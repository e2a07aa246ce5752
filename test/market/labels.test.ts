import { describe, expect, it } from 'vitest';
import { directionLabels, type Bar } from '../../src/market';

const bars = [100, 101, 100.5, 100.5, 103, 99].map(
  (c, i): Bar => ({ date: `2024-01-0${i + 1}`, open: c, high: c, low: c, close: c, volume: null }),
);

describe('direction labels', () => {
  it('labels the sign of the next close; a flat day has no direction; the last bar has no label', () => {
    const l = directionLabels(bars, 1);
    expect(l.y).toEqual([1, 0, null, 1, 0, null]);
    expect(l.ret[0]).toBeCloseTo(0.01, 12);
  });
  it('with a dead band leaves small moves out, and looks h bars ahead', () => {
    // 100 → 101 is +1% and 101 → 100.5 is −0.495%: both inside a 1.1% band.
    expect(directionLabels(bars, 1, 0.011).y).toEqual([null, null, null, 1, 0, null]);
    // Two bars ahead: 100 → 100.5, 101 → 100.5, 100.5 → 103, 100.5 → 99.
    expect(directionLabels(bars, 2).y).toEqual([1, 0, 1, 0, null, null]);
  });
});
