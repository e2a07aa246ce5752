import { join } from 'node:path';
import { round } from '../core';
import { Report, writeReport } from '../report';
import type { SentimentEvaluation } from './evaluate';

const r3 = (x: number) => round(x, 3);

/** The evaluation as a report: the scorers beside the baselines, intervals, confusion matrices, McNemar against AFINN. */
export function sentimentReport(e: SentimentEvaluation): Report {
  const rep = new Report(
    'Crypto sentiment scorers on human-labelled Reddit comments',
    `Surge AI r/CryptoCurrency comments: ${e.rows.evaluation} evaluation rows (of ${e.rows.total}; ${e.rows.development} development rows set aside by a fixed split, seed ${e.seed})`,
  );
  rep.markdown(
    [
      'The labels are binary (Positive → bullish, Negative → bearish); a scorer may also say **neutral**. A neutral prediction **counts as wrong** in accuracy and',
      'as a missed row of its gold class in macro-F1; *coverage* is the share of rows with a bullish or bearish call and *decided accuracy* the accuracy on those.',
      'Intervals are 95% percentile bootstraps over rows (2000 resamples). Nothing was tuned on the evaluation rows: the crypto lexicon was written',
      'from forum slang before any row was read, and the majority baseline takes its class from the development rows.',
    ].join(' '),
  );
  rep.table(
    e.scorers.map((s) => ({
      scorer: s.name,
      accuracy: r3(s.metrics.accuracy),
      'accuracy 95% CI': `${r3(s.metrics.accuracyCi.lo)} – ${r3(s.metrics.accuracyCi.hi)}`,
      'macro-F1': r3(s.metrics.macroF1),
      'macro-F1 95% CI': `${r3(s.metrics.macroF1Ci.lo)} – ${r3(s.metrics.macroF1Ci.hi)}`,
      coverage: r3(s.metrics.coverage),
      'decided accuracy': r3(s.metrics.decidedAccuracy),
    })),
    { caption: 'evaluation rows only' },
  );
  rep.table(
    e.versusAfinn.map((v) => ({
      scorer: v.name,
      'right where AFINN is wrong (b)': v.b,
      'wrong where AFINN is right (c)': v.c,
      'exact McNemar p': Number(v.pValue.toPrecision(3)),
    })),
    { caption: 'paired against plain AFINN on the same rows: what the crypto lexicon (and the LLM) adds' },
  );
  for (const s of e.scorers.slice(1)) {
    const c = s.metrics.confusion;
    rep.table(
      [
        { gold: 'bullish (Positive)', ...c.bullish },
        { gold: 'bearish (Negative)', ...c.bearish },
      ],
      { caption: `confusion matrix: ${s.name} (columns: predicted)` },
    );
  }
  rep.figure(
    {
      data: [
        {
          type: 'bar',
          x: e.scorers.map((s) => s.name),
          y: e.scorers.map((s) => s.metrics.accuracy),
          error_y: {
            type: 'data',
            symmetric: false,
            array: e.scorers.map((s) => s.metrics.accuracyCi.hi - s.metrics.accuracy),
            arrayminus: e.scorers.map((s) => s.metrics.accuracy - s.metrics.accuracyCi.lo),
          },
        },
      ],
      layout: {
        title: { text: 'Accuracy with 95% bootstrap interval' },
        yaxis: { title: { text: 'accuracy' }, range: [0, 1] },
      },
    },
    'neutral predictions count as wrong',
  );
  return rep;
}

/** Writes dir/{index.html, metrics.json, predictions-<k>.jsonl}: one predictions file per scorer (what `workbench compare` reads). */
export async function writeSentimentReport(
  dir: string,
  e: SentimentEvaluation,
  opts: { startedAt: Date; params?: Record<string, unknown> },
): Promise<{ dir: string; predictionFiles: string[] }> {
  const rep = sentimentReport(e);
  const extraFiles: Record<string, string> = {
    'metrics.json': `${JSON.stringify({ rows: e.rows, seed: e.seed, majorityClass: e.majorityClass, scorers: e.scorers.map((s) => ({ name: s.name, ...s.metrics })), versusAfinn: e.versusAfinn }, null, 2)}\n`,
  };
  const names = e.scorers.map((_, i) => `predictions-${i}.jsonl`);
  e.scorers.forEach((s, i) => {
    extraFiles[names[i] as string] =
      `${s.predictions.map((p) => JSON.stringify({ id: p.id, correct: p.correct, loss: p.correct ? 0 : 1, pred: p.pred, gold: p.gold, scorer: s.name })).join('\n')}\n`;
  });
  await writeReport(
    dir,
    { title: rep.title, subtitle: rep.subtitle, blocks: rep.blocks },
    {
      kind: 'cli',
      provenance: { startedAt: opts.startedAt, inputs: [e.source], params: { seed: e.seed, ...opts.params } },
      extraFiles,
    },
  );
  return { dir, predictionFiles: names.map((n) => join(dir, n)) };
}
