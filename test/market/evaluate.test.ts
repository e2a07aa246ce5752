import { describe, expect, it } from 'vitest';
import { evaluateSeries, marketFeatures, orderBars, type Bar, type FeatureFn } from '../../src/market';
import { createRng, geometricRandomWalk } from '../../src/core';

function walk(n: number, seed: number): Bar[] {
  const close = geometricRandomWalk(createRng(seed), { steps: n, start: 100, drift: 0, volatility: 0.03 });
  return close.map((c, i) => {
    const o = i ? (close[i - 1] as number) : c;
    return {
      date: new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10),
      open: o,
      high: Math.max(o, c) * 1.01,
      low: Math.min(o, c) * 0.99,
      close: c,
      volume: null,
    };
  });
}

const series = orderBars(walk(420, 5), 'WALK', 'random walk');
const small = {
  cv: { kind: 'walk-forward' as const, mode: 'expanding' as const, folds: 3, initialTrain: 0.5, window: 730 },
  window: 5,
  bootstrapSamples: 200,
  latencyRepeats: 3,
};

/** Leaks the answer: the next close's direction as a feature. */
const leaking: FeatureFn = (bars) => {
  const f = marketFeatures()(bars);
  return {
    names: [...f.names, 'next_up'],
    rows: f.rows.map((r, t) =>
      r && bars[t + 1] ? [...r, (bars[t + 1] as Bar).close > (bars[t] as Bar).close ? 1 : -1] : r ? [...r, 0] : null,
    ),
  };
};

describe('evaluateSeries', () => {
  it('scores every model on the same out-of-sample days, with tests against 50% and the best baseline', async () => {
    const r = await evaluateSeries(series, { ...small, models: ['majority', 'persistence', 'logistic'] });
    expect(r.models.map((m) => m.model)).toEqual(['majority', 'persistence', 'logistic']);
    const n = r.models[0]?.metrics.n;
    for (const m of r.models) {
      expect(m.metrics.n).toBe(n);
      expect(m.folds).toHaveLength(3);
      expect(m.metrics.accuracy.lo).toBeLessThanOrEqual(m.metrics.accuracy.estimate);
      expect(m.metrics.accuracy.hi).toBeGreaterThanOrEqual(m.metrics.accuracy.estimate);
    }
    expect(r.models.find((m) => m.model === 'logistic')?.mcnemar?.vs).toBe(r.bestBaseline);
    expect(r.models.find((m) => m.baseline)?.mcnemar).toBeNull();
    // A driftless random walk: nothing should be far from a coin flip.
    for (const m of r.models) expect(Math.abs(m.metrics.accuracy.estimate - 0.5)).toBeLessThan(0.12);
  });
  it('would report the leak: a feature that reads the next bar makes logistic regression near-perfect', async () => {
    const r = await evaluateSeries(series, { ...small, models: ['majority', 'logistic'] }, leaking);
    const lr = r.models.find((m) => m.model === 'logistic');
    expect(lr?.metrics.accuracy.estimate).toBeGreaterThan(0.9);
    expect(lr?.mcnemar?.pValue).toBeLessThan(0.001);
  });
  it('trains the LSTM, Transformer and ensemble seeded (same seed, same results); McNemar runs against the baselines even when they are not listed', async () => {
    const cfg = {
      ...small,
      cv: { ...small.cv, folds: 1, initialTrain: 0.8 },
      models: ['logistic', 'lstm', 'transformer', 'ensemble'] as ('logistic' | 'lstm' | 'transformer' | 'ensemble')[],
      net: { epochs: 1, batchSize: 64, learningRate: 0.01, hidden: 4, seed: 3 },
    };
    const a = await evaluateSeries(series, cfg);
    const b = await evaluateSeries(series, cfg);
    const acc = (r: typeof a, m: string) => r.models.find((x) => x.model === m)?.metrics.logLoss.estimate;
    for (const m of ['lstm', 'transformer', 'ensemble']) expect(acc(a, m)).toBe(acc(b, m));
    for (const m of a.models) expect(m.latencyMsP50).toBeGreaterThanOrEqual(0);
    expect(a.models.find((m) => m.model === 'ensemble')?.mcnemar).not.toBeNull();
  }, 60_000);
});
