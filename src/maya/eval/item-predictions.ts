import { unscaleValue, type BlockName, type FeatureSet } from '../features';
import type { Predictions } from '../predictions';
import { LOG_LOSS_FLOOR } from './calibration';
import { catColumns, numColumns, TYPE_COLUMN, type CatColumn, type NumColumn } from './columns';
import { PAIRED_CATEGORICAL, PAIRED_NUMERIC } from './paired';
import { blockTruth, type BlockTruth } from './truth';

/** File name of the per-target predictions an evaluation writes (`workbench compare` reads it). */
export const ITEM_PREDICTIONS_FILE = 'predictions.jsonl';

/**
 * One JSON line per target of the evaluated block, in the form `workbench compare` pairs runs by
 * (src/registry/compare.ts: {id, loss?, correct?}):
 * - `id`: the data's sha256 prefix and the target's row in the feature set, so two runs match
 *   item by item only when they were scored on the same data and split;
 * - `loss`: log loss of the true action type (nats; probabilities floored at LOG_LOSS_FLOOR, as
 *   the calibration's log loss), the proper score compare's Diebold–Mariano test uses;
 * - `correct`: the predicted type is the true one (compare's McNemar test);
 * - per headline column: `<column>Correct` for pool1 and the assets, and `<amount>AbsErrorLog`
 *   (absolute error in log1p units; null where the true amount is absent).
 */
export function itemPredictionLines(
  dataSha256: string,
  truth: BlockTruth,
  cats: readonly CatColumn[],
  nums: readonly NumColumn[],
  p: Predictions,
): string {
  const typeCol = cats[TYPE_COLUMN] as CatColumn;
  const typeProbs = p.catProbs?.[TYPE_COLUMN];
  const V = typeCol.vocabSize;
  const catCols = PAIRED_CATEGORICAL.map((name) => cats.find((c) => c.name === name)).filter(
    (c): c is CatColumn => c !== undefined,
  );
  const numCols = PAIRED_NUMERIC.map((name) => nums.find((c) => c.name === name)).filter(
    (c): c is NumColumn => c !== undefined,
  );
  const prefix = dataSha256.slice(0, 16);
  const lines: string[] = [];
  for (let k = 0; k < truth.n; k++) {
    const trueType = (truth.cat[TYPE_COLUMN] as Int32Array)[k] as number;
    const correct = (p.catIds[TYPE_COLUMN] as Int32Array)[k] === trueType;
    // Without type probabilities the loss is the 0/1 error.
    const loss = typeProbs
      ? -Math.log(Math.max((typeProbs[k * V + trueType] as number) ?? 0, LOG_LOSS_FLOOR))
      : correct
        ? 0
        : 1;
    const line: Record<string, string | number | boolean | null> = {
      id: `${prefix}:${truth.rows[k]}`,
      loss,
      correct,
    };
    for (const c of catCols)
      if (c.column !== TYPE_COLUMN)
        line[`${c.name}Correct`] = (p.catIds[c.column] as Int32Array)[k] === (truth.cat[c.column] as Int32Array)[k];
    for (const c of numCols) {
      const present = (truth.mask[c.column] as Uint8Array)[k] === 1;
      line[`${c.name}AbsErrorLog`] = present
        ? Math.abs(
            unscaleValue(c.scaler, (p.num[c.column] as Float32Array)[k] as number) -
              unscaleValue(c.scaler, (truth.num[c.column] as Float32Array)[k] as number),
          )
        : null;
    }
    lines.push(JSON.stringify(line));
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** itemPredictionLines for one predictor on a block of a feature set. */
export function itemPredictionsJsonl(set: FeatureSet, block: BlockName, p: Predictions): string {
  const a = set.artifacts;
  return itemPredictionLines(a.data.sha256, blockTruth(set, block), catColumns(a), numColumns(a), p);
}
