import { readJsonl, WorkbenchError, writeFileAtomic } from '../core';
import { dailyIndex, TimedTextSchema, type DailySentiment, type TimedText } from './daily';
import type { Scorer } from './labels';

/**
 * Scores every line of a JSONL of {time, text, source, assets?} and writes each with its
 * `sentiment` (label, score, confidence). A bad line stops the run with its number; the
 * output appears whole or not at all (temp file, then rename).
 */
export async function scoreTextFile(
  input: string,
  output: string,
  scorer: Scorer,
  opts: { signal?: AbortSignal } = {},
): Promise<{ scored: number; daily: DailySentiment[] }> {
  const rows: TimedText[] = [];
  try {
    for await (const l of readJsonl(input)) {
      if ('error' in l)
        throw new WorkbenchError(
          `${input} line ${l.line} is not JSON: ${l.error}`,
          'one JSON object per line: {"time", "text", "source", "assets"?}',
        );
      const p = TimedTextSchema.safeParse(l.value);
      if (!p.success)
        throw new WorkbenchError(
          `${input} line ${l.line}: ${p.error.issues[0]?.path.join('.') || '(line)'}: ${p.error.issues[0]?.message}`,
          'one JSON object per line: {"time": ISO date or ms, "text", "source", "assets"?: ["BTC"]}',
        );
      rows.push(p.data);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new WorkbenchError(`${input} does not exist`, 'pass a JSONL of timestamped texts with --in');
    throw e;
  }
  const scores = await scorer.score(
    rows.map((r) => r.text),
    opts,
  );
  writeFileAtomic(
    output,
    rows.map((r, i) => JSON.stringify({ ...r, sentiment: scores[i] })).join('\n') + (rows.length ? '\n' : ''),
    { overwrite: true, what: 'scored texts' },
  );
  return { scored: rows.length, daily: dailyIndex(rows, scores) };
}
