import type { FeatureSet } from '../features';
import type { Predictions } from '../predictions';
import { median } from '../../core/stats';

/** Per-column summary of a set of rows: the majority id, the median value, the majority presence. */
export interface ColumnStats {
  /** Most frequent id per categorical column (ties: smaller id; PAD when there are no rows). */
  cat: Int32Array;
  /**
   * Median scaled value per numeric column over rows where it is present (0 = the train mean when
   * none). The median is the best constant under absolute error, and every transform is monotone,
   * so it is the median in real units and in log space too: the strongest constant for MAE.
   */
  num: Float32Array;
  /** 1 when the numeric is present on at least half of the rows. */
  present: Uint8Array;
}

export function fitColumnStats(set: FeatureSet, rows: ArrayLike<number>): ColumnStats {
  const { catWidth: C, numWidth: F } = set.artifacts;
  const counts = Array.from({ length: C }, () => new Map<number, number>());
  const values = Array.from({ length: F }, (): number[] => []);
  const present = new Float64Array(F);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    for (let c = 0; c < C; c++) {
      const m = counts[c] as Map<number, number>;
      const id = set.cat[r * C + c] as number;
      m.set(id, (m.get(id) ?? 0) + 1);
    }
    for (let j = 0; j < F; j++) {
      if (!set.mask[r * F + j]) continue;
      present[j]++;
      (values[j] as number[]).push(set.num[r * F + j] as number);
    }
  }
  const stats: ColumnStats = { cat: new Int32Array(C), num: new Float32Array(F), present: new Uint8Array(F) };
  counts.forEach((m, c) => (stats.cat[c] = argmaxCount(m)));
  for (let j = 0; j < F; j++) {
    const p = present[j] as number;
    stats.num[j] = p ? median(values[j] as number[]) : 0;
    stats.present[j] = rows.length > 0 && 2 * p >= rows.length ? 1 : 0;
  }
  return stats;
}

/** Key with the largest count; ties go to the smaller key; 0 (PAD) for an empty map. */
export function argmaxCount(m: ReadonlyMap<number, number>): number {
  let best = 0;
  let bestCount = -1;
  for (const [id, c] of m) if (c > bestCount || (c === bestCount && id < best)) [best, bestCount] = [id, c];
  return best;
}

/** Writes the stats as the prediction of target k (every column). */
export function predictFromStats(p: Predictions, k: number, s: ColumnStats): void {
  p.catIds.forEach((col, c) => (col[k] = s.cat[c] as number));
  p.num.forEach((col, j) => (col[k] = s.num[j] as number));
  p.numPresent?.forEach((col, j) => (col[k] = s.present[j] as number));
}

/** Counts of each id of categorical column c over the rows (length vocabSize). */
export function idCounts(set: FeatureSet, rows: ArrayLike<number>, c: number, vocabSize: number): Float64Array {
  const out = new Float64Array(vocabSize);
  const C = set.artifacts.catWidth;
  for (let i = 0; i < rows.length; i++) {
    const id = set.cat[(rows[i] as number) * C + c] as number;
    if (id >= 0 && id < vocabSize) out[id]++;
  }
  return out;
}

/** counts / Σ counts as float32 (uniform when all zero). */
export function normalize(counts: ArrayLike<number>): Float32Array {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i] as number;
  return Float32Array.from({ length: counts.length }, (_, i) =>
    total > 0 ? (counts[i] as number) / total : 1 / counts.length,
  );
}
