import type { BlockName, FeatureSet } from '../features';
import { emptyPredictions, targetRows, type Predictions } from '../predictions';
import { argmaxCount, fitColumnStats, idCounts, normalize, predictFromStats, type ColumnStats } from './baseline-stats';
import { catColumns, TYPE_COLUMN, type CatColumn } from './columns';
import { PAIRED_CATEGORICAL } from './paired';

/**
 * Baselines: each predicts every target of a block from the FeatureSet alone. Those that need
 * fitting use the train block's targets (rows windows.train + seqLen) and nothing else.
 */

function withPresence(n: number, F: number): Predictions {
  const p = emptyPredictions(n);
  p.numPresent = Array.from({ length: F }, () => new Uint8Array(n));
  return p;
}

/** The target is the last action of its window, every column; type probabilities are one-hot. */
export function copyLastBaseline(set: FeatureSet, block: BlockName): Predictions {
  const { catWidth: C, numWidth: F } = set.artifacts;
  const V = set.artifacts.vocabs.type.length;
  const rows = targetRows(set, block);
  const n = rows.length;
  const p = withPresence(n, F);
  const probs = new Float32Array(n * V);
  for (let k = 0; k < n; k++) {
    const r = (rows[k] as number) - 1;
    for (let c = 0; c < C; c++) (p.catIds[c] as Int32Array)[k] = set.cat[r * C + c] as number;
    for (let j = 0; j < F; j++) {
      (p.num[j] as Float32Array)[k] = set.num[r * F + j] as number;
      (p.numPresent?.[j] as Uint8Array)[k] = set.mask[r * F + j] as number;
    }
    const t = set.cat[r * C + TYPE_COLUMN] as number;
    if (t >= 0 && t < V) probs[k * V + t] = 1;
  }
  p.catProbs = [probs];
  // The other scored columns: a point mass on the last action's id, like the type.
  for (const { column: c, vocabSize: v } of scoredColumns(set)) {
    const d = new Float32Array(n * v);
    for (let k = 0; k < n; k++) {
      const id = set.cat[((rows[k] as number) - 1) * C + c] as number;
      if (id >= 0 && id < v) d[k * v + id] = 1;
    }
    p.catProbs[c] = d;
  }
  return p;
}

/** Every target gets the train majority of each column (median for numerics); type probabilities are the train frequencies. */
export function majorityBaseline(set: FeatureSet, block: BlockName): Predictions {
  const train = targetRows(set, 'train');
  const stats = fitColumnStats(set, train);
  const V = set.artifacts.vocabs.type.length;
  const freq = normalize(idCounts(set, train, TYPE_COLUMN, V));
  const n = set.windows[block].length;
  const p = withPresence(n, set.artifacts.numWidth);
  const probs = new Float32Array(n * V);
  for (let k = 0; k < n; k++) {
    predictFromStats(p, k, stats);
    probs.set(freq, k * V);
  }
  p.catProbs = [probs];
  for (const { column: c, vocabSize: v } of scoredColumns(set)) {
    const f = normalize(idCounts(set, train, c, v));
    const d = new Float32Array(n * f.length);
    for (let k = 0; k < n; k++) d.set(f, k * f.length);
    p.catProbs[c] = d;
  }
  return p;
}

/**
 * First-order Markov chain over the action type: the predicted type is the most frequent train
 * successor of the window's last type (ties: the more frequent type on train, then the smaller id;
 * a type never seen as a predecessor on train → the train majority type). Its probabilities are the
 * transition row (the train type frequencies for an unseen predecessor). Every other column is the
 * train majority (median for numerics) among train targets of the *predicted* type, or the global
 * train majority when that type has no train target.
 */
export function markovBaseline(set: FeatureSet, block: BlockName): Predictions {
  const C = set.artifacts.catWidth;
  const V = set.artifacts.vocabs.type.length;
  const train = targetRows(set, 'train');
  const typeOf = (r: number) => set.cat[r * C + TYPE_COLUMN] as number;
  const typeCounts = idCounts(set, train, TYPE_COLUMN, V);
  const freq = normalize(typeCounts);
  const trans = new Float64Array(V * V);
  const byType = new Map<number, number[]>();
  for (const r of train) {
    const from = typeOf(r - 1);
    const to = typeOf(r);
    if (from >= 0 && from < V && to >= 0 && to < V) trans[from * V + to]++;
    const list = byType.get(to) ?? [];
    list.push(r);
    byType.set(to, list);
  }
  const global = fitColumnStats(set, train);
  const perType = new Map<number, ColumnStats>([...byType].map(([t, rows]) => [t, fitColumnStats(set, rows)]));
  const majorityType = argmaxCount(new Map([...typeCounts].map((c, id) => [id, c])));
  // Per predecessor: the predicted type and its probability row.
  const next = Array.from({ length: V }, (_, from) => {
    const row = trans.subarray(from * V, (from + 1) * V);
    if (!row.some((c) => c > 0)) return { type: majorityType, probs: freq };
    let best = 0;
    for (let t = 1; t < V; t++) {
      const d = (row[t] as number) - (row[best] as number);
      if (d > 0 || (d === 0 && (typeCounts[t] as number) > (typeCounts[best] as number))) best = t;
    }
    return { type: best, probs: normalize(row) };
  });

  const rows = targetRows(set, block);
  const n = rows.length;
  const p = withPresence(n, set.artifacts.numWidth);
  const probs = new Float32Array(n * V);
  for (let k = 0; k < n; k++) {
    const from = typeOf((rows[k] as number) - 1);
    const step =
      from >= 0 && from < V
        ? (next[from] as { type: number; probs: Float32Array })
        : { type: majorityType, probs: freq };
    predictFromStats(p, k, perType.get(step.type) ?? global);
    (p.catIds[TYPE_COLUMN] as Int32Array)[k] = step.type;
    probs.set(step.probs, k * V);
  }
  p.catProbs = [probs];
  // The other scored columns: their train frequencies among targets of the predicted type (as the ids above).
  for (const { column: c, vocabSize: v } of scoredColumns(set)) {
    const all = normalize(idCounts(set, train, c, v));
    const byPredicted = new Map([...byType].map(([t, rows]) => [t, normalize(idCounts(set, rows, c, v))]));
    const d = new Float32Array(n * v);
    const types = p.catIds[TYPE_COLUMN] as Int32Array;
    for (let k = 0; k < n; k++) d.set(byPredicted.get(types[k] as number) ?? all, k * v);
    p.catProbs[c] = d;
  }
  return p;
}

/** Categorical columns besides the type that the paired log-loss comparison scores (PAIRED_CATEGORICAL). */
function scoredColumns(set: FeatureSet): CatColumn[] {
  const cols = catColumns(set.artifacts);
  return PAIRED_CATEGORICAL.filter((name) => name !== 'type').map((name) => {
    const c = cols.find((x) => x.name === name);
    if (!c) throw new Error(`feature spec has no categorical column ${name}`);
    return c;
  });
}

export const BASELINES = { 'copy-last': copyLastBaseline, majority: majorityBaseline, markov: markovBaseline } as const;

/** Every baseline's predictions for the block, keyed by name. */
export function baselinePredictions(set: FeatureSet, block: BlockName = 'test'): Record<string, Predictions> {
  return Object.fromEntries(Object.entries(BASELINES).map(([name, f]) => [name, f(set, block)]));
}
