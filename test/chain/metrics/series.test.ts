import { describe, expect, it } from 'vitest';
import { growth, logChange, logChangeVolatility, sampleStd } from '../../../src/chain/metrics';

describe('series arithmetic', () => {
  it('sample std uses n − 1', () => {
    // mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, / 7.
    expect(sampleStd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(() => sampleStd([1])).toThrow(RangeError);
  });

  it('growth and log change are null, never 0 or ±Infinity, on missing or non-positive inputs', () => {
    expect(growth(150, 100)).toBeCloseTo(0.5, 12);
    expect([growth(null, 100), growth(100, null), growth(100, 0)]).toEqual([null, null, null]);
    expect(logChange(200, 100)).toBeCloseTo(Math.LN2, 12);
    expect([logChange(0, 100), logChange(100, 0), logChange(null, 1)]).toEqual([null, null, null]);
  });

  it('volatility at t reads exactly the 8 values t−7 … t', () => {
    const xs = [null, 100, 200, 100, 200, 100, 200, 100, 200];
    expect(logChangeVolatility(xs, 8)).toBeCloseTo(Math.LN2 * Math.sqrt(8 / 7), 12);
    expect(logChangeVolatility(xs, 7)).toBeNull(); // would need index 0
    expect(
      logChangeVolatility(
        xs.map((x) => (x === null ? null : x * 1000)),
        8,
      ),
    ).toBeCloseTo(Math.LN2 * Math.sqrt(8 / 7), 12);
  });
});
