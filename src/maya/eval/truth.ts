import { WorkbenchError } from '../../core/errors';
import type { BlockName, FeatureSet } from '../features';
import { targetRows, type Predictions } from '../predictions';

/** The true targets of one block, column-major (one typed array per column, indexed by target). */
export interface BlockTruth {
  block: BlockName;
  n: number;
  /** Row (into the FeatureSet's per-action matrices) of each target. */
  rows: Int32Array;
  cat: Int32Array[];
  num: Float32Array[];
  mask: Uint8Array[];
}

export function blockTruth(set: FeatureSet, block: BlockName): BlockTruth {
  const { catWidth: C, numWidth: F } = set.artifacts;
  const rows = targetRows(set, block);
  const n = rows.length;
  const cat = Array.from({ length: C }, () => new Int32Array(n));
  const num = Array.from({ length: F }, () => new Float32Array(n));
  const mask = Array.from({ length: F }, () => new Uint8Array(n));
  for (let k = 0; k < n; k++) {
    const r = rows[k] as number;
    for (let c = 0; c < C; c++) (cat[c] as Int32Array)[k] = set.cat[r * C + c] as number;
    for (let j = 0; j < F; j++) {
      (num[j] as Float32Array)[k] = set.num[r * F + j] as number;
      (mask[j] as Uint8Array)[k] = set.mask[r * F + j] as number;
    }
  }
  return { block, n, rows, cat, num, mask };
}

/** Throws a WorkbenchError naming the predictor when a Predictions does not fit the block. */
export function checkPredictions(name: string, p: Predictions, set: FeatureSet, n: number): void {
  const { catWidth: C, numWidth: F } = set.artifacts;
  const bad = (what: string) => {
    throw new WorkbenchError(
      `predictions "${name}": ${what}`,
      `give one prediction per target of the evaluated block (${n} targets), in the FeatureSet's column order`,
    );
  };
  if (p.n !== n) bad(`n = ${p.n}, but the block has ${n} targets`);
  if (p.catIds.length !== C || p.catIds.some((a) => a.length !== n)) bad(`catIds must be ${C} arrays of ${n} ids`);
  if (p.num.length !== F || p.num.some((a) => a.length !== n)) bad(`num must be ${F} arrays of ${n} values`);
  if (p.numPresent && (p.numPresent.length !== F || p.numPresent.some((a) => a.length !== n)))
    bad(`numPresent must be ${F} arrays of ${n} flags`);
  const sizes = set.artifacts.fields
    .filter((f) => f.matrix === 'cat')
    .sort((a, b) => a.column - b.column)
    .map((f) => f.vocabSize ?? 0);
  p.catProbs?.forEach((probs, c) => {
    if (probs && probs.length !== n * (sizes[c] as number))
      bad(`catProbs[${c}] must hold ${n} × ${sizes[c]} probabilities, got ${probs.length}`);
  });
}

/**
 * Columns (by field name) that do not vary over the block's targets: categorical columns with one
 * id on every target, numerics whose present values are all equal or that are never present.
 */
export function constantColumns(truth: BlockTruth, catNames: readonly string[], numNames: readonly string[]): string[] {
  const out: string[] = [];
  truth.cat.forEach((col, c) => {
    let constant = true;
    for (let k = 1; k < truth.n && constant; k++) constant = col[k] === col[0];
    if (constant) out.push(catNames[c] as string);
  });
  truth.num.forEach((col, j) => {
    const m = truth.mask[j] as Uint8Array;
    let first = NaN;
    let constant = true;
    for (let k = 0; k < truth.n && constant; k++) {
      if (!m[k]) continue;
      if (Number.isNaN(first)) first = col[k] as number;
      else constant = col[k] === first;
    }
    if (constant) out.push(numNames[j] as string);
  });
  return out;
}
