import { describe, expect, it } from 'vitest';
import { createRng, lognormal, pareto, pick, poisson, weightedIndex } from '../../../src/core';

// The small distribution helpers the simulator added to src/core/rng.ts.
describe('rng helpers', () => {
  const n = 40_000;

  it('poisson has mean and variance lambda', () => {
    const r = createRng(1);
    const xs = Array.from({ length: n }, () => poisson(r, 2.5));
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const v = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
    expect(Math.abs(mean - 2.5)).toBeLessThan(0.05);
    expect(Math.abs(v - 2.5)).toBeLessThan(0.1);
  });

  it('lognormal has median exp(mu); pareto never goes below its scale and has tail P(X > x) = (xm/x)^alpha', () => {
    const r = createRng(2);
    const ln = Array.from({ length: n }, () => lognormal(r, Math.log(250), 1.6)).sort((a, b) => a - b);
    expect(ln[n / 2]! / 250).toBeGreaterThan(0.95);
    expect(ln[n / 2]! / 250).toBeLessThan(1.05);
    const pa = Array.from({ length: n }, () => pareto(r, 100, 1.5));
    expect(Math.min(...pa)).toBeGreaterThanOrEqual(100);
    const tail = pa.filter((x) => x > 400).length / n; // (100/400)^1.5 = 0.125
    expect(Math.abs(tail - 0.125)).toBeLessThan(0.01);
  });

  it('weightedIndex follows the weights and pick stays in the array', () => {
    const r = createRng(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < n; i++) counts[weightedIndex(r, [1, 0, 3])]!++;
    expect(counts[1]).toBe(0);
    expect(Math.abs(counts[2]! / n - 0.75)).toBeLessThan(0.015);
    expect(new Set(Array.from({ length: 200 }, () => pick(r, ['a', 'b'])))).toEqual(new Set(['a', 'b']));
    expect(() => pick(r, [])).toThrow();
  });
});
