import { mcnemarExact } from '../core';
import { loadLabelled, splitRows, SURGE_CSV, type LabelledText } from './data';
import type { Score, Scorer, SentimentLabel } from './labels';
import { lexiconScorer } from './lexicon-scorer';
import { classificationMetrics, type ClassificationMetrics } from './metrics';

export interface ScorerResult {
  name: string;
  metrics: ClassificationMetrics;
  /** One per evaluation row, in row order. */
  predictions: {
    id: string;
    gold: LabelledText['gold'];
    pred: SentimentLabel;
    score: number;
    confidence: number;
    correct: boolean;
  }[];
}

export interface SentimentEvaluation {
  source: string;
  seed: number;
  rows: { total: number; development: number; evaluation: number };
  /** The development rows' majority class, predicted for every evaluation row. */
  majorityClass: LabelledText['gold'];
  scorers: ScorerResult[];
  /** Exact McNemar of each scorer against the plain AFINN lexicon on the same rows. */
  versusAfinn: { name: string; b: number; c: number; pValue: number }[];
}

function result(name: string, rows: readonly LabelledText[], scores: readonly Score[], seed: number): ScorerResult {
  const predictions = rows.map((r, i) => {
    const s = scores[i] as Score;
    return {
      id: r.id,
      gold: r.gold,
      pred: s.label,
      score: s.score,
      confidence: s.confidence,
      correct: s.label === r.gold,
    };
  });
  return {
    name,
    metrics: classificationMetrics(
      predictions.map((p) => p.gold),
      predictions.map((p) => p.pred),
      { seed },
    ),
    predictions,
  };
}

/**
 * Scores the evaluation rows (never the development rows) with the majority baseline, plain
 * AFINN, AFINN + crypto lexicon, the full lexicon scorer and any extra scorers (the LLM).
 */
export async function evaluateSentiment(
  opts: {
    path?: string;
    seed?: number;
    extraScorers?: readonly Scorer[];
    signal?: AbortSignal /** Only the first N evaluation rows (quick runs); default all. */;
    maxRows?: number;
  } = {},
): Promise<SentimentEvaluation> {
  const seed = opts.seed ?? 19;
  const path = opts.path ?? SURGE_CSV;
  const all = loadLabelled(path);
  const split = splitRows(all, { seed });
  const development = split.development;
  const evaluation = opts.maxRows ? split.evaluation.slice(0, opts.maxRows) : split.evaluation;
  const bull = development.filter((r) => r.gold === 'bullish').length;
  const majorityClass = bull >= development.length - bull ? 'bullish' : 'bearish';
  const texts = evaluation.map((r) => r.text);
  const scorers: ScorerResult[] = [
    result(
      `majority (${majorityClass})`,
      evaluation,
      evaluation.map(() => ({ label: majorityClass, score: 0, confidence: 1 })),
      seed,
    ),
  ];
  for (const s of [
    lexiconScorer('afinn'),
    lexiconScorer('crypto'),
    lexiconScorer('crypto+rules'),
    ...(opts.extraScorers ?? []),
  ]) {
    scorers.push(result(s.name, evaluation, await s.score(texts, { signal: opts.signal }), seed));
  }
  const afinn = scorers[1] as ScorerResult;
  const versusAfinn = scorers.slice(2).map((s) => {
    const m = mcnemarExact(
      s.predictions.map((p) => p.correct),
      afinn.predictions.map((p) => p.correct),
    );
    return { name: s.name, b: m.b, c: m.c, pValue: m.pValue };
  });
  return {
    source: path,
    seed,
    rows: { total: all.length, development: development.length, evaluation: evaluation.length },
    majorityClass,
    scorers,
    versusAfinn,
  };
}
