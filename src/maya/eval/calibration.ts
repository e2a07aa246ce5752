/**
 * Calibration of a predicted distribution (the type head): the prediction is the arg-max class
 * (ties: smaller id) and its confidence the max probability. Targets are binned by confidence into
 * equal-width bins over [0, 1] (bin b = [b/B, (b+1)/B), the last one closed).
 */

export interface ReliabilityBin {
  lo: number;
  hi: number;
  count: number;
  /** Mean max-probability of the bin's targets; null for an empty bin. */
  confidence: number | null;
  /** Share of the bin's targets whose arg-max class is the true one. */
  accuracy: number | null;
}

export interface Calibration {
  n: number;
  bins: ReliabilityBin[];
  /** Expected calibration error: Σ_b (count_b / n) · |accuracy_b − confidence_b|. */
  ece: number | null;
  /** Mean −ln p(true class), p clipped below at LOG_LOSS_FLOOR (one-hot predictors stay finite). */
  logLoss: number | null;
}

export const LOG_LOSS_FLOOR = 1e-7;

/** probs: n × vocabSize, row-major. */
export function calibration(
  probs: ArrayLike<number>,
  vocabSize: number,
  truth: ArrayLike<number>,
  binCount = 10,
): Calibration {
  const n = truth.length;
  const count = new Float64Array(binCount);
  const conf = new Float64Array(binCount);
  const hits = new Float64Array(binCount);
  let nll = 0;
  for (let k = 0; k < n; k++) {
    const at = k * vocabSize;
    let best = 0;
    let p = probs[at] as number;
    for (let v = 1; v < vocabSize; v++) {
      const q = probs[at + v] as number;
      if (q > p) {
        p = q;
        best = v;
      }
    }
    const t = truth[k] as number;
    const b = Math.min(binCount - 1, Math.max(0, Math.floor(p * binCount)));
    count[b]++;
    conf[b] += p;
    if (best === t) hits[b]++;
    const pt = t >= 0 && t < vocabSize ? (probs[at + t] as number) : 0;
    nll -= Math.log(Math.max(LOG_LOSS_FLOOR, pt));
  }
  let ece = 0;
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b < binCount; b++) {
    const c = count[b] as number;
    const confidence = c ? (conf[b] as number) / c : null;
    const accuracy = c ? (hits[b] as number) / c : null;
    if (c) ece += (c / n) * Math.abs((accuracy as number) - (confidence as number));
    bins.push({ lo: b / binCount, hi: (b + 1) / binCount, count: c, confidence, accuracy });
  }
  return { n, bins, ece: n ? ece : null, logLoss: n ? nll / n : null };
}
