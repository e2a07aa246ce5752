import type { MidgardAction } from '../../midgard';
import { amountE8, type AssetUnits } from '../features/units';
import { quantile as quantileOf } from '../../core/stats';

/** What the simulation report compares between a simulated and a real stretch of the feed. */
export interface FeedSummary {
  actions: number;
  /** Share of each action type. */
  typeMix: Record<string, number>;
  /** log10 of the first input coin's amount in whole units of its asset, per action that has one. */
  logSizes: number[];
  /** Seconds between consecutive actions (same block: 0). */
  interArrivalSec: number[];
}

export function summarizeFeed(actions: readonly MidgardAction[], units: AssetUnits): FeedSummary {
  const counts: Record<string, number> = {};
  const logSizes: number[] = [];
  const interArrivalSec: number[] = [];
  actions.forEach((a, i) => {
    counts[a.type] = (counts[a.type] ?? 0) + 1;
    const coin = a.in[0]?.coins[0];
    if (coin) {
      const whole = amountE8(coin.amount, coin.asset, units) / 1e8;
      if (whole > 0) logSizes.push(Math.log10(whole));
    }
    const prev = actions[i - 1];
    if (prev) interArrivalSec.push(Number(BigInt(a.date) - BigInt(prev.date)) / 1e9);
  });
  const typeMix = Object.fromEntries(Object.entries(counts).map(([t, c]) => [t, c / actions.length]));
  return { actions: actions.length, typeMix, logSizes, interArrivalSec };
}

/** Total variation distance between two discrete distributions (0 = identical, 1 = disjoint). */
export function totalVariation(p: Readonly<Record<string, number>>, q: Readonly<Record<string, number>>): number {
  let d = 0;
  for (const k of new Set([...Object.keys(p), ...Object.keys(q)])) d += Math.abs((p[k] ?? 0) - (q[k] ?? 0));
  return d / 2;
}

/** Two-sample Kolmogorov–Smirnov statistic: the largest gap between the empirical CDFs (null if a sample is empty). */
export function ksStatistic(a: readonly number[], b: readonly number[]): number | null {
  if (!a.length || !b.length) return null;
  const x = [...a].sort((u, v) => u - v);
  const y = [...b].sort((u, v) => u - v);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i] as number, y[j] as number);
    while (i < x.length && (x[i] as number) <= v) i++;
    while (j < y.length && (y[j] as number) <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

/** The q-quantile (core's), null for no data. */
export function quantile(xs: readonly number[], q: number): number | null {
  return xs.length ? quantileOf(xs, q) : null;
}

export interface FeedComparison {
  simulated: FeedSummary;
  real: FeedSummary;
  typeMixTvd: number;
  sizeKs: number | null;
  interArrivalKs: number | null;
}

export function compareFeeds(
  simulated: readonly MidgardAction[],
  real: readonly MidgardAction[],
  units: AssetUnits,
): FeedComparison {
  const s = summarizeFeed(simulated, units);
  const r = summarizeFeed(real, units);
  return {
    simulated: s,
    real: r,
    typeMixTvd: totalVariation(s.typeMix, r.typeMix),
    sizeKs: ksStatistic(s.logSizes, r.logSizes),
    interArrivalKs: ksStatistic(s.interArrivalSec, r.interArrivalSec),
  };
}
