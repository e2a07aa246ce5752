/**
 * Classification metrics over integer ids. Every class is an id, PAD and UNKNOWN included: a true
 * PAD is a legitimate answer for optional fields (pool2 of a single swap, outAsset of a pending
 * action), and a true UNKNOWN is a token the train block never saw, which a predictor can only get
 * "right" by predicting UNKNOWN. `idx` restricts the metrics to a subset of targets.
 */

export interface ClassScores {
  /** Targets scored. */
  n: number;
  /** Share of targets whose predicted id equals the true id; null when n = 0. */
  accuracy: number | null;
  /**
   * Mean F1 over the classes present in the truth (sklearn's f1_score(average='macro',
   * labels=<true classes>, zero_division=0)). A class predicted but absent from the truth adds no
   * F1 term of its own; it only costs the recall of the true classes it was predicted for.
   */
  macroF1: number | null;
  /** Mean recall over the classes present in the truth. */
  balancedAccuracy: number | null;
  classesInTruth: number;
}

interface Tally {
  support: number;
  predicted: number;
  correct: number;
}

function tally(
  truth: ArrayLike<number>,
  pred: ArrayLike<number>,
  idx?: ArrayLike<number>,
): { n: number; correct: number; byClass: Map<number, Tally> } {
  const byClass = new Map<number, Tally>();
  const get = (id: number) => {
    let t = byClass.get(id);
    if (!t) byClass.set(id, (t = { support: 0, predicted: 0, correct: 0 }));
    return t;
  };
  const n = idx ? idx.length : truth.length;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const k = idx ? (idx[i] as number) : i;
    const t = truth[k] as number;
    const p = pred[k] as number;
    get(t).support++;
    get(p).predicted++;
    if (t === p) {
      get(t).correct++;
      correct++;
    }
  }
  return { n, correct, byClass };
}

export function classScores(truth: ArrayLike<number>, pred: ArrayLike<number>, idx?: ArrayLike<number>): ClassScores {
  const { n, correct, byClass } = tally(truth, pred, idx);
  if (n === 0) return { n, accuracy: null, macroF1: null, balancedAccuracy: null, classesInTruth: 0 };
  let f1Sum = 0;
  let recallSum = 0;
  let classes = 0;
  for (const t of byClass.values()) {
    if (t.support === 0) continue;
    classes++;
    const recall = t.correct / t.support;
    const precision = t.predicted > 0 ? t.correct / t.predicted : 0;
    recallSum += recall;
    f1Sum += precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  }
  return {
    n,
    accuracy: correct / n,
    macroF1: f1Sum / classes,
    balancedAccuracy: recallSum / classes,
    classesInTruth: classes,
  };
}

export interface Confusion {
  /** Row/column labels: the top classes by true support, then OTHER_LABEL when anything fell outside them. */
  labels: string[];
  /** matrix[i][j]: targets of true class labels[i] predicted as labels[j]. */
  matrix: number[][];
}

export const OTHER_LABEL = '(other)';

/** Confusion matrix capped to the `topK` most frequent true classes (ties: smaller id) plus one "other" row and column. */
export function confusionMatrix(
  truth: ArrayLike<number>,
  pred: ArrayLike<number>,
  topK: number,
  label: (id: number) => string,
): Confusion {
  const support = new Map<number, number>();
  for (let k = 0; k < truth.length; k++) support.set(truth[k] as number, (support.get(truth[k] as number) ?? 0) + 1);
  const top = [...support]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, Math.max(1, topK))
    .map(([id]) => id);
  const slot = new Map(top.map((id, i) => [id, i]));
  const size = top.length + 1;
  const matrix = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let k = 0; k < truth.length; k++) {
    const i = slot.get(truth[k] as number) ?? top.length;
    const j = slot.get(pred[k] as number) ?? top.length;
    (matrix[i] as number[])[j]++;
  }
  const otherUsed =
    (matrix[top.length] as number[]).some((v) => v > 0) || matrix.some((r) => (r[top.length] as number) > 0);
  if (!otherUsed) {
    matrix.pop();
    for (const r of matrix) r.pop();
  }
  return { labels: [...top.map(label), ...(otherUsed ? [OTHER_LABEL] : [])], matrix };
}

/** Share of the (indexed) targets whose true id is `id`. */
export function shareOf(truth: ArrayLike<number>, id: number): number | null {
  if (truth.length === 0) return null;
  let c = 0;
  for (let k = 0; k < truth.length; k++) if (truth[k] === id) c++;
  return c / truth.length;
}
