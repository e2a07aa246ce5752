import { binomialTest, bootstrapInterval } from '../core';
import { clipP } from './models/types';

export interface Interval {
  estimate: number;
  lo: number;
  hi: number;
}

/** One scored prediction: P(up) and what happened. */
export interface Scored {
  p: number;
  y: 0 | 1;
}

export interface DirectionMetrics {
  n: number;
  accuracy: Interval;
  balancedAccuracy: Interval;
  logLoss: Interval;
  brier: Interval;
  /** Accuracy on the tenth of predictions furthest from 50%. */
  topDecileAccuracy: Interval & { n: number };
  /** Exact binomial test of the hit count against 50%, on non-overlapping samples (every h-th). */
  binomial: { k: number; n: number; pValue: number };
}

const correct = (s: Scored) => (s.p > 0.5 ? 1 : 0) === s.y;

export const accuracy = (xs: readonly Scored[]): number =>
  xs.length ? xs.filter(correct).length / xs.length : Number.NaN;

export function balancedAccuracy(xs: readonly Scored[]): number {
  return balancedFromRanges(xs, [0], xs.length);
}

/** Balanced accuracy over the samples in [start, start + h) for each start (repeats allowed). */
function balancedFromRanges(xs: readonly Scored[], starts: readonly number[], h: number): number {
  let tp = 0;
  let pos = 0;
  let tn = 0;
  let neg = 0;
  for (const a of starts) {
    const end = Math.min(xs.length, a + h);
    for (let i = a; i < end; i++) {
      const s = xs[i] as Scored;
      const up = s.p > 0.5;
      if (s.y === 1) {
        pos++;
        if (up) tp++;
      } else {
        neg++;
        if (!up) tn++;
      }
    }
  }
  // With one class absent, balanced accuracy is the recall of the class present.
  if (!pos) return neg ? tn / neg : Number.NaN;
  if (!neg) return tp / pos;
  return (tp / pos + tn / neg) / 2;
}

export function logLoss(xs: readonly Scored[]): number {
  let s = 0;
  for (const x of xs) s -= x.y === 1 ? Math.log(clipP(x.p)) : Math.log(1 - clipP(x.p));
  return xs.length ? s / xs.length : Number.NaN;
}

export function brier(xs: readonly Scored[]): number {
  let s = 0;
  for (const x of xs) s += (x.p - x.y) ** 2;
  return xs.length ? s / xs.length : Number.NaN;
}

/**
 * The tenth of the predictions furthest from 50%. Ties at the cut are all kept, so a model with
 * one confidence for every day (the baselines) gets its overall accuracy, not an arbitrary tenth.
 */
export function mostConfidentDecile(xs: readonly Scored[]): Scored[] {
  if (!xs.length) return [];
  const conf = (s: Scored) => Math.abs(s.p - 0.5);
  const sorted = [...xs].sort((a, b) => conf(b) - conf(a));
  const cut = conf(sorted[Math.max(1, Math.floor(xs.length / 10)) - 1] as Scored);
  return sorted.filter((s) => conf(s) >= cut);
}

export function topDecileAccuracy(xs: readonly Scored[]): number {
  return accuracy(mostConfidentDecile(xs));
}

/** Sums a per-sample quantity over resampled blocks [start, start + h): no copying per resample. */
function blockStat(
  h: number,
  n: number,
  per: (i: number) => number,
  combine: (sum: number, count: number) => number,
): (starts: readonly number[]) => number {
  return (starts) => {
    let sum = 0;
    let count = 0;
    for (const a of starts) {
      const end = Math.min(n, a + h);
      for (let i = a; i < end; i++) sum += per(i);
      count += end - a;
    }
    return combine(sum, count);
  };
}

/**
 * Every metric with a percentile bootstrap interval. Samples with an h-day horizon overlap, so
 * the bootstrap resamples blocks of h consecutive samples and the binomial test counts every
 * h-th sample only (independent outcomes). The most-confident-decile accuracy is resampled
 * within that decile (the decile is fixed by the model's own confidence).
 */
export function directionMetrics(
  xs: readonly Scored[],
  horizon: number,
  opts: { samples?: number; seed?: number } = {},
): DirectionMetrics {
  const h = Math.max(1, horizon);
  const n = xs.length;
  const bo = { samples: opts.samples ?? 1000, seed: opts.seed ?? 1 };
  const starts: number[] = [];
  for (let i = 0; i < n; i += h) starts.push(i);
  const hit = xs.map((s) => (correct(s) ? 1 : 0));
  const ll = xs.map((s) => -(s.y === 1 ? Math.log(clipP(s.p)) : Math.log(1 - clipP(s.p))));
  const sq = xs.map((s) => (s.p - s.y) ** 2);
  const mean = (sum: number, count: number) => (count ? sum / count : Number.NaN);
  const balanced = (bs: readonly number[]) => balancedFromRanges(xs, bs, h);
  const top = mostConfidentDecile(xs);
  const spaced = xs.filter((_, i) => i % h === 0);
  const k = spaced.filter(correct).length;
  return {
    n,
    accuracy: bootstrapInterval(
      starts,
      blockStat(h, n, (i) => hit[i] as number, mean),
      bo,
    ),
    balancedAccuracy: bootstrapInterval(starts, balanced, bo),
    logLoss: bootstrapInterval(
      starts,
      blockStat(h, n, (i) => ll[i] as number, mean),
      bo,
    ),
    brier: bootstrapInterval(
      starts,
      blockStat(h, n, (i) => sq[i] as number, mean),
      bo,
    ),
    topDecileAccuracy: { ...bootstrapInterval(top, accuracy, bo), n: top.length },
    binomial: binomialTest(k, spaced.length, 0.5),
  };
}
