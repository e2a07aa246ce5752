import { describe, expect, it } from 'vitest';
import { strategyReturns } from '../../src/market';

describe('strategy returns after costs (hand-derived)', () => {
  it('charges cost on every unit of position change, entering from flat included', () => {
    // Long, long, flat, short on next-day returns +1%, −2%, +3%, −1% at 10 bp per unit.
    const r = strategyReturns([1, 1, 0, -1], [0.01, -0.02, 0.03, -0.01], 10);
    expect(r.map((x) => Number(x.toFixed(6)))).toEqual([0.009, -0.02, -0.001, 0.009]);
  });
  it('long/short flipping pays two units', () => {
    expect(strategyReturns([1, -1], [0, 0], 25)).toEqual([-0.0025, -0.005]);
  });
});
