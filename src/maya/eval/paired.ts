import { z } from 'zod';
import { dieboldMariano, mcnemarExact, pairedBootstrap } from '../../core/paired';
import { unscaleValue } from '../features';
import type { Predictions } from '../predictions';
import type { CatColumn, NumColumn } from './columns';
import type { BlockTruth } from './truth';
import { mean as meanOf } from '../../core/stats';
import { LOG_LOSS_FLOOR } from './calibration';

/**
 * Is the model's margin over a baseline more than chance? Per headline column, on the same
 * held-out targets: exact McNemar on which targets each got right (categoricals), and on the
 * absolute errors in log space of the targets whose true amount is present, Diebold–Mariano
 * (h = 1, HLN-corrected) with a seeded paired bootstrap interval of the mean difference. Where
 * both give full distributions of a categorical, the same test on its per-target log loss: a
 * proper score, so it also credits probabilities that are right short of changing the argmax.
 */
export const PairedComparisonSchema = z.object({
  model: z.string(),
  baseline: z.string(),
  column: z.string(),
  /** accuracy (higher is better), MAE in log space or log loss in nats (lower is better). */
  metric: z.enum(['accuracy', 'maeLog', 'logLoss']),
  targets: z.number().int().min(0),
  modelValue: z.number().nullable(),
  baselineValue: z.number().nullable(),
  /** In the better direction: accuracy model − baseline; MAE baseline − model. Positive = the model is better. */
  margin: z.number().nullable(),
  test: z.enum(['mcnemar-exact', 'diebold-mariano']),
  pValue: z.number().nullable(),
  /** McNemar: targets only the model / only the baseline got right. */
  onlyModel: z.number().int().nullable(),
  onlyBaseline: z.number().int().nullable(),
  /** Amounts and log loss: 95% paired bootstrap interval of the margin (2,000 resamples, seed 1). */
  marginLo: z.number().nullable(),
  marginHi: z.number().nullable(),
});
export type PairedComparison = z.infer<typeof PairedComparisonSchema>;

export const PAIRED_CATEGORICAL = ['type', 'pool1', 'inAsset', 'outAsset'] as const;
export const PAIRED_NUMERIC = ['inAmount', 'outAmount'] as const;

export function pairedComparisons(
  truth: BlockTruth,
  cats: CatColumn[],
  nums: NumColumn[],
  model: string,
  modelPred: Predictions,
  baselines: Readonly<Record<string, Predictions>>,
): PairedComparison[] {
  const out: PairedComparison[] = [];
  for (const [baseline, bp] of Object.entries(baselines)) {
    for (const name of PAIRED_CATEGORICAL) {
      const col = cats.find((c) => c.name === name);
      if (!col) continue;
      const t = truth.cat[col.column] as Int32Array;
      const right = (p: Predictions) => Array.from(t, (id, k) => (p.catIds[col.column] as Int32Array)[k] === id);
      const a = right(modelPred);
      const b = right(bp);
      const n = t.length;
      const acc = (xs: boolean[]) => (n ? xs.filter(Boolean).length / n : null);
      const m = mcnemarExact(a, b);
      const ma = acc(a);
      const ba = acc(b);
      out.push({
        model,
        baseline,
        column: name,
        metric: 'accuracy',
        targets: n,
        modelValue: ma,
        baselineValue: ba,
        margin: ma === null || ba === null ? null : ma - ba,
        test: 'mcnemar-exact',
        pValue: n ? m.pValue : null,
        onlyModel: m.b,
        onlyBaseline: m.c,
        marginLo: null,
        marginHi: null,
      });
    }
    for (const name of PAIRED_NUMERIC) {
      const col = nums.find((c) => c.name === name);
      if (!col) continue;
      const t = truth.num[col.column] as Float32Array;
      const mask = truth.mask[col.column] as Uint8Array;
      const lossA: number[] = [];
      const lossB: number[] = [];
      for (let k = 0; k < t.length; k++) {
        if (!mask[k]) continue;
        const tt = unscaleValue(col.scaler, t[k] as number);
        lossA.push(Math.abs(unscaleValue(col.scaler, (modelPred.num[col.column] as Float32Array)[k] as number) - tt));
        lossB.push(Math.abs(unscaleValue(col.scaler, (bp.num[col.column] as Float32Array)[k] as number) - tt));
      }
      out.push(lossComparison(model, baseline, name, 'maeLog', lossA, lossB));
    }
    for (const name of PAIRED_CATEGORICAL) {
      const col = cats.find((c) => c.name === name);
      const pa = modelPred.catProbs?.[col?.column ?? -1];
      const pb = bp.catProbs?.[col?.column ?? -1];
      if (!col || !pa || !pb) continue;
      const t = truth.cat[col.column] as Int32Array;
      const ll = (p: Float32Array) =>
        Array.from(t, (id, k) => -Math.log(Math.max(LOG_LOSS_FLOOR, p[k * col.vocabSize + id] ?? 0)));
      out.push(lossComparison(model, baseline, name, 'logLoss', ll(pa), ll(pb)));
    }
  }
  return out;
}

/** Paired comparison of two per-target loss series (lower is better): Diebold–Mariano and a bootstrap interval of the margin. */
function lossComparison(
  model: string,
  baseline: string,
  column: string,
  metric: 'maeLog' | 'logLoss',
  lossA: number[],
  lossB: number[],
): PairedComparison {
  const n = lossA.length;
  const ma = n ? meanOf(lossA) : null;
  const mb = n ? meanOf(lossB) : null;
  const enough = n >= 3;
  const dm = enough ? dieboldMariano(lossA, lossB) : null;
  const bs = enough ? pairedBootstrap(lossB, lossA, { samples: 2000, seed: 1 }) : null;
  return {
    model,
    baseline,
    column,
    metric,
    targets: n,
    modelValue: ma,
    baselineValue: mb,
    margin: ma === null || mb === null ? null : mb - ma,
    test: 'diebold-mariano',
    pValue: dm && Number.isFinite(dm.pValue) ? dm.pValue : null,
    onlyModel: null,
    onlyBaseline: null,
    marginLo: bs?.lo ?? null,
    marginHi: bs?.hi ?? null,
  };
}
