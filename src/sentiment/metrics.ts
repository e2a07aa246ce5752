import { bootstrapInterval } from '../core';
import type { SentimentLabel } from './labels';

type Gold = Exclude<SentimentLabel, 'neutral'>;

export interface ClassificationMetrics {
  n: number;
  /** Share right; a neutral prediction counts as wrong (the labels have no neutral class). */
  accuracy: number;
  accuracyCi: { lo: number; hi: number };
  /** Mean F1 of bullish and bearish; neutral predictions are false negatives of their gold class. */
  macroF1: number;
  macroF1Ci: { lo: number; hi: number };
  /** Share of rows with a bullish or bearish prediction, and the accuracy on those. */
  coverage: number;
  decidedAccuracy: number;
  /** confusion[gold][predicted]. */
  confusion: Record<Gold, Record<SentimentLabel, number>>;
}

interface Pair {
  gold: Gold;
  pred: SentimentLabel;
}

const accuracyOf = (ps: readonly Pair[]): number => ps.filter((p) => p.gold === p.pred).length / ps.length;

function f1(ps: readonly Pair[], cls: Gold): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of ps) {
    if (p.pred === cls && p.gold === cls) tp++;
    else if (p.pred === cls) fp++;
    else if (p.gold === cls) fn++;
  }
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

export const macroF1Of = (ps: readonly Pair[]): number => (f1(ps, 'bullish') + f1(ps, 'bearish')) / 2;

/** Accuracy, macro-F1 (with percentile-bootstrap 95% intervals over rows), coverage and the confusion matrix. */
export function classificationMetrics(
  gold: readonly Gold[],
  pred: readonly SentimentLabel[],
  opts: { seed?: number; samples?: number } = {},
): ClassificationMetrics {
  const ps: Pair[] = gold.map((g, i) => ({ gold: g, pred: pred[i] as SentimentLabel }));
  const boot = { seed: opts.seed ?? 7, samples: opts.samples ?? 2000 };
  const acc = bootstrapInterval(ps, accuracyOf, boot);
  const f = bootstrapInterval(ps, macroF1Of, boot);
  const decided = ps.filter((p) => p.pred !== 'neutral');
  const confusion: ClassificationMetrics['confusion'] = {
    bullish: { bullish: 0, bearish: 0, neutral: 0 },
    bearish: { bullish: 0, bearish: 0, neutral: 0 },
  };
  for (const p of ps) confusion[p.gold][p.pred]++;
  return {
    n: ps.length,
    accuracy: acc.estimate,
    accuracyCi: { lo: acc.lo, hi: acc.hi },
    macroF1: f.estimate,
    macroF1Ci: { lo: f.lo, hi: f.hi },
    coverage: decided.length / ps.length,
    decidedAccuracy: decided.length ? accuracyOf(decided) : Number.NaN,
    confusion,
  };
}
