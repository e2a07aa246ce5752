import { describe, expect, it } from 'vitest';
import { createRng, geometricRandomWalk } from '../../src/core';

describe('createRng', () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('draws uniforms in [0,1), integers in range and standard normals', () => {
    const r = createRng(1);
    const n = 50_000;
    const u = Array.from({ length: n }, () => r.next());
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    const ints = new Set(Array.from({ length: 1000 }, () => r.int(6)));
    expect([...ints].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    const z = Array.from({ length: n }, () => r.normal());
    const mean = z.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(z.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
    // Standard error of the mean is 1/sqrt(n) ≈ 0.0045: these bounds are 5 standard errors.
    expect(Math.abs(mean)).toBeLessThan(0.025);
    expect(Math.abs(sd - 1)).toBeLessThan(0.02);
  });
});

describe('geometricRandomWalk', () => {
  it('has the requested length, starts at start and moves by exp(drift + vol·z)', () => {
    const w = geometricRandomWalk(createRng(3), { steps: 1000, start: 100, drift: 0, volatility: 0.01 });
    expect(w).toHaveLength(1000);
    expect(w[0]).toBe(100);
    const logs = w.slice(1).map((v, i) => Math.log(v / (w[i] as number)));
    const sd = Math.sqrt(logs.reduce((s, x) => s + x * x, 0) / logs.length);
    expect(sd).toBeGreaterThan(0.009);
    expect(sd).toBeLessThan(0.011);
    expect(geometricRandomWalk(createRng(3), { steps: 1000, start: 100, drift: 0, volatility: 0.01 })).toEqual(w);
  });
});
