import { describe, expect, it } from 'vitest';
import { goldenMax, legFee, legOutput, optimalInput, streamingOutput } from '../../src/arb/clp';

const leg = (X: bigint, Y: bigint, minSlipBps = 0) => ({ X, Y, minSlipBps });

describe('CLP legs', () => {
  it('output x·X·Y/(x+X)² and fee x²·Y/(x+X)², floored (hand: x=100, X=Y=1000)', () => {
    // 100·1000·1000 / 1100² = 82.64… → 82; x·Y/(x+X) = 90.9… → 90, so the pool keeps 8.
    expect(legOutput(100n, leg(1000n, 1000n))).toBe(82n);
    expect(legFee(100n, leg(1000n, 1000n))).toBe(8n);
    expect(legOutput(0n, leg(1000n, 1000n))).toBe(0n);
  });

  it('a slip floor charges the floor on small swaps, the slip on large ones', () => {
    // 1 bps slip under a 50 bps floor: 1e6·1e10/(1.0001e10)·0.995 = 994,900.5 → 994,900.
    expect(legOutput(1_000_000n, leg(10n ** 10n, 10n ** 10n, 50))).toBe(994900n);
    // 10% slip is above the floor: the plain CLP output, 1e9·1e10·1e10/(1.1e10)² = 826,446,280.99 → 826,446,280.
    expect(legOutput(10n ** 9n, leg(10n ** 10n, 10n ** 10n, 50))).toBe(826446280n);
  });
});

describe('optimal input', () => {
  const X = 10n ** 12n;
  const profit = (x: bigint, Y: bigint, pIn: number, pOut: number, f = 0) =>
    pOut * Number(legOutput(x, leg(X, Y, f))) - pIn * Number(x);

  it('is zero without an edge (marginal value ratio r ≤ 1)', () => {
    expect(optimalInput(leg(X, X), 1, 1)).toBe(0n);
    expect(optimalInput(leg(X, X), 1, 0.99)).toBe(0n);
    // a 20 bps edge under a 30 bps floor is no edge either
    expect(optimalInput(leg(X, X, 30), 1, 1.002)).toBe(0n);
  });

  it('matches a brute-force grid search (independent of the closed form), with and without a floor', () => {
    for (const [edge, f] of [
      [1.01, 0],
      [1.003, 0],
      [1.2, 0],
      [1.01, 5],
      [1.004, 30],
    ] as const) {
      const x = optimalInput(leg(X, X, f), 1, edge);
      let best = 0;
      for (let i = 1; i <= 20000; i++) best = Math.max(best, profit((X * BigInt(i)) / 100000n, X, 1, edge, f));
      const got = profit(x, X, 1, edge, f);
      expect(got, `edge ${edge} floor ${f}`).toBeGreaterThanOrEqual(best * (1 - 1e-6));
      // and it is a local maximum in exact integers
      expect(got).toBeGreaterThanOrEqual(profit(x + X / 10000n, X, 1, edge, f));
      expect(got).toBeGreaterThanOrEqual(profit(x - X / 10000n, X, 1, edge, f));
    }
  });

  it('for a small gap g, sizes about X·g/4 (first order of v³ + r·v − 2r = 0 at r = 1 + g)', () => {
    // v = 1 + ε: 3ε + ε·1 ≈ g → ε = g/4.
    const x = optimalInput(leg(X, X), 1, 1.001);
    expect(Number(x) / Number(X)).toBeCloseTo(0.001 / 4, 5);
  });
});

describe('golden-section and streaming', () => {
  it('finds the top of a concave function', () => {
    expect(goldenMax((x) => -((x - 1234.5) ** 2), 1e6)).toBeCloseTo(1234.5, 0);
  });

  it('streaming with full recovery pays q one-shot outputs of x/q; without recovery about one long swap', () => {
    const l = leg(10n ** 10n, 10n ** 10n);
    const x = 10n ** 9n;
    expect(streamingOutput(x, l, 4, 1)).toBe(4n * legOutput(x / 4n, l));
    const none = streamingOutput(x, l, 4, 0);
    // Four swaps in a row on a moving pool slip less than one (each pays slip on its own size only) but more than full recovery.
    expect(none).toBeGreaterThan(legOutput(x, l));
    expect(none).toBeLessThan(4n * legOutput(x / 4n, l));
  });
});
