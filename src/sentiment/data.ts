import { fromCSV } from 'arquero';
import { z } from 'zod';
import { readInputText, repoPath, sha256, WorkbenchError } from '../core';
import type { SentimentLabel } from './labels';

/** The Surge AI r/CryptoCurrency comments, labelled Positive/Negative by people (MIT; see data/fixtures/README.md). */
export const SURGE_CSV = repoPath('data', 'fixtures', 'sentiment', 'surge-crypto-reddit-sentiment.csv');

const RowSchema = z.object({
  'Comment Text': z.string().min(1),
  Sentiment: z.enum(['Positive', 'Negative']),
  URL: z.string(),
});

export interface LabelledText {
  id: string;
  text: string;
  /** Human label mapped to the scorers' vocabulary: Positive → bullish, Negative → bearish. */
  gold: Exclude<SentimentLabel, 'neutral'>;
  url: string;
}

/** Reads the labelled CSV (quoted fields may hold newlines: arquero's CSV reader handles RFC 4180 quoting). */
export function loadLabelled(path: string = SURGE_CSV): LabelledText[] {
  const text = readInputText(path, 'labelled CSV', 'pass a CSV with columns "Comment Text,Sentiment,URL"');
  const rows = fromCSV(text, { autoType: false }).objects() as unknown[];
  return rows.map((r, i) => {
    const p = RowSchema.safeParse(r);
    if (!p.success)
      throw new WorkbenchError(
        `${path} row ${i + 2}: ${p.error.issues[0]?.path.join('.')}: ${p.error.issues[0]?.message}`,
        'each row needs a comment, Positive or Negative, and a URL',
      );
    return {
      id: `r${i + 1}`,
      text: p.data['Comment Text'].trim(),
      gold: p.data.Sentiment === 'Positive' ? 'bullish' : 'bearish',
      url: p.data.URL,
    };
  });
}

/**
 * The fixed development/evaluation split: a row is development when the first 32 bits of
 * sha256(seed:text) fall below `devShare`, so the split depends only on the text (duplicated
 * texts land on the same side) and the seed. Metrics are reported on the evaluation rows only;
 * the development rows are the only ones anyone may read while changing the lexicon.
 */
export function splitRows<T extends { text: string }>(
  rows: readonly T[],
  opts: { seed?: number; devShare?: number } = {},
): { development: T[]; evaluation: T[] } {
  const seed = opts.seed ?? 19;
  const share = opts.devShare ?? 0.3;
  const development: T[] = [];
  const evaluation: T[] = [];
  for (const r of rows)
    (parseInt(sha256(`${seed}:${r.text}`).slice(0, 8), 16) / 2 ** 32 < share ? development : evaluation).push(r);
  return { development, evaluation };
}
