import type { FeatureSet } from './features';
import { CAT_WIDTH, NUM_WIDTH } from './features';

/**
 * The contract between whatever predicts the next action (the model, each baseline) and the
 * evaluation: one prediction per target of a block, in the encoded feature space of the
 * FeatureSet (categorical ids, scaled numerics). Target k of a block is the action right after
 * window k: index `windows[block][k] + seqLen` in the FeatureSet's per-action matrices.
 */
export interface Predictions {
  /** Number of targets. */
  n: number;
  /** catIds[c][k]: predicted id of categorical column c (artifacts' `cat` matrix order) for target k. */
  catIds: Int32Array[];
  /**
   * Optional full distributions: catProbs[c] holds n × vocabSize(c) probabilities, row-major,
   * for columns where the predictor has them (the type head at least, for calibration).
   */
  catProbs?: (Float32Array | undefined)[];
  /** num[j][k]: predicted scaled value of numeric column j for target k (ignored where the truth is masked). */
  num: Float32Array[];
  /** numPresent[j][k]: 1 when the predictor says numeric j is present for target k. */
  numPresent?: Uint8Array[];
}

/** Row indexes (into the per-action matrices) of a block's targets. */
export function targetRows(set: FeatureSet, block: 'train' | 'validation' | 'test'): Int32Array {
  const starts = set.windows[block];
  const out = new Int32Array(starts.length);
  for (let k = 0; k < starts.length; k++) out[k] = (starts[k] as number) + set.artifacts.seqLen;
  return out;
}

export function emptyPredictions(n: number): Predictions {
  return {
    n,
    catIds: Array.from({ length: CAT_WIDTH }, () => new Int32Array(n)),
    num: Array.from({ length: NUM_WIDTH }, () => new Float32Array(n)),
  };
}
