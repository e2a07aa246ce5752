import { z } from 'zod';
import type { Score } from './labels';

/** One timestamped text: a post, a headline, a comment. `assets` tags what it is about (e.g. ["BTC"]). */
export const TimedTextSchema = z.object({
  time: z.union([
    z.string().datetime({ offset: true }),
    z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    z.number().int().nonnegative(),
  ]),
  text: z.string().min(1),
  source: z.string().min(1),
  assets: z.array(z.string().min(1)).optional(),
});
export type TimedText = z.infer<typeof TimedTextSchema>;

/** Texts without `assets` count for this pseudo-asset: the whole market. */
export const MARKET = '*';

export interface DailySentiment {
  date: string;
  asset: string;
  n: number;
  /** Mean signed score (the lexicon's weight sum; the LLM's ±confidence). */
  mean: number;
  bullishShare: number;
  bearishShare: number;
}

/** UTC day of a time: ISO strings as written, numbers as ms since the epoch (seconds when < 1e11). */
export function utcDay(time: TimedText['time']): string {
  if (typeof time === 'string')
    return /^\d{4}-\d{2}-\d{2}$/.test(time) ? time : new Date(time).toISOString().slice(0, 10);
  return new Date(time < 1e11 ? time * 1000 : time).toISOString().slice(0, 10);
}

/** The daily index per asset (and for MARKET, every text): only days that have text appear. */
export function dailyIndex(texts: readonly TimedText[], scores: readonly Score[]): DailySentiment[] {
  const acc = new Map<string, { date: string; asset: string; n: number; sum: number; bull: number; bear: number }>();
  texts.forEach((t, i) => {
    const s = scores[i] as Score;
    const date = utcDay(t.time);
    for (const asset of new Set([MARKET, ...(t.assets ?? []).map((a) => a.toUpperCase())])) {
      const k = `${date}|${asset}`;
      const a = acc.get(k) ?? { date, asset, n: 0, sum: 0, bull: 0, bear: 0 };
      a.n++;
      a.sum += s.score;
      if (s.label === 'bullish') a.bull++;
      if (s.label === 'bearish') a.bear++;
      acc.set(k, a);
    }
  });
  return [...acc.values()]
    .map((a) => ({
      date: a.date,
      asset: a.asset,
      n: a.n,
      mean: a.sum / a.n,
      bullishShare: a.bull / a.n,
      bearishShare: a.bear / a.n,
    }))
    .sort((x, y) => (x.date === y.date ? x.asset.localeCompare(y.asset) : x.date.localeCompare(y.date)));
}

export interface SentimentColumns {
  sentiment_n?: number;
  sentiment_mean?: number;
  sentiment_bullish_share?: number;
}

/**
 * Adds the day's sentiment of `assetOf(row)` to chain-day (or any dated) rows as optional
 * columns. A day without text gets no columns at all: nothing is invented or carried forward.
 */
export function joinSentiment<T extends { date: string }>(
  rows: readonly T[],
  index: readonly DailySentiment[],
  assetOf: (row: T) => string,
): (T & SentimentColumns)[] {
  const byKey = new Map(index.map((d) => [`${d.date}|${d.asset.toUpperCase()}`, d]));
  return rows.map((r) => {
    const d = byKey.get(`${r.date}|${assetOf(r).toUpperCase()}`);
    return d ? { ...r, sentiment_n: d.n, sentiment_mean: d.mean, sentiment_bullish_share: d.bullishShare } : { ...r };
  });
}
