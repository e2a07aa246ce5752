import { describe, expect, it } from 'vitest';
import { checkNoLookahead, marketFeatures, type Bar, type FeatureFn } from '../../src/market';
import { createRng, geometricRandomWalk } from '../../src/core';

function walk(n: number, seed: number): Bar[] {
  const rng = createRng(seed);
  const close = geometricRandomWalk(rng, { steps: n, start: 100, drift: 0, volatility: 0.03 });
  return close.map((c, i) => {
    const o = i ? (close[i - 1] as number) : c;
    return {
      date: new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10),
      open: o,
      high: Math.max(o, c) * 1.01,
      low: Math.min(o, c) * 0.99,
      close: c,
      volume: 1000 + i,
    };
  });
}

/** The honest features plus one that reads bar t+1: the deliberately leaking feature. */
const peeking: FeatureFn = (bars) => {
  const f = marketFeatures()(bars);
  return {
    names: [...f.names, 'next_return'],
    rows: f.rows.map((r, t) =>
      r && bars[t + 1] ? [...r, (bars[t + 1] as Bar).close / (bars[t] as Bar).close - 1] : null,
    ),
  };
};

/** A subtler leak: a centred 5-bar average (two bars ahead), the kind a smoothing step brings in. */
const centred: FeatureFn = (bars) => ({
  names: ['centred_ma'],
  rows: bars.map((_, t) =>
    t >= 2 && t + 2 < bars.length ? [bars.slice(t - 2, t + 3).reduce((s, b) => s + b.close, 0) / 5] : null,
  ),
});

describe('look-ahead check', () => {
  const bars = walk(260, 3);
  it('finds no look-ahead in the market features (indicators, returns, volatility)', () => {
    expect(checkNoLookahead(marketFeatures(), bars, { points: 4 })).toEqual([]);
  });
  it('fails a feature that peeks at bar t+1', () => {
    const v = checkNoLookahead(peeking, bars, { points: 4 });
    expect(v.length).toBeGreaterThan(0);
    expect(new Set(v.map((x) => x.feature))).toEqual(new Set(['next_return']));
  });
  it('fails a centred moving average', () => {
    expect(checkNoLookahead(centred, bars, { points: 4 }).map((x) => x.feature)).toContain('centred_ma');
  });
});
