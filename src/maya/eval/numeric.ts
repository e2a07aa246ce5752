import { unscaleValue, type Scaler } from '../features';
import type { TransformName } from './columns';
import { median as medianOf } from '../../core/stats';

/**
 * Regression metrics for one numeric column, over the targets whose true value is present (mask
 * 1) only; the predicted value is ignored elsewhere. Three spaces:
 * - scaled: the model's space (standardised with the train scaler);
 * - transformed: scaler inverted, i.e. log1p units for log1p fields (an error of 0.1 ≈ 10% off),
 *   the field's own unit for identity fields;
 * - real: transform inverted too (log1p → expm1, clamped at 0 as decodeRow does; identity → itself);
 *   amounts are then in 1e8 base units. log1pAbs (liquidity units) is compared as a magnitude, its
 *   sign being the separate liquidityUnitsNegative flag.
 */
export interface NumericScores {
  /** Present true values scored. */
  count: number;
  maeScaled: number | null;
  rmseScaled: number | null;
  maeTransformed: number | null;
  rmseTransformed: number | null;
  maeReal: number | null;
  rmseReal: number | null;
}

/** Transformed (unscaled) value → real units. */
export function toReal(transform: TransformName, x: number): number {
  return transform === 'identity' ? x : Math.max(0, Math.expm1(x));
}

export function numericScores(
  truth: ArrayLike<number>,
  pred: ArrayLike<number>,
  mask: ArrayLike<number>,
  scaler: Scaler,
  transform: TransformName,
  idx?: ArrayLike<number>,
): NumericScores {
  const n = idx ? idx.length : truth.length;
  let count = 0;
  const abs = [0, 0, 0];
  const sq = [0, 0, 0];
  const add = (s: number, e: number) => {
    abs[s] = (abs[s] as number) + Math.abs(e);
    sq[s] = (sq[s] as number) + e * e;
  };
  for (let i = 0; i < n; i++) {
    const k = idx ? (idx[i] as number) : i;
    if (!mask[k]) continue;
    count++;
    const t = truth[k] as number;
    const p = pred[k] as number;
    const tt = unscaleValue(scaler, t);
    const pt = unscaleValue(scaler, p);
    add(0, p - t);
    add(1, pt - tt);
    add(2, toReal(transform, pt) - toReal(transform, tt));
  }
  const mae = (s: number) => (count ? (abs[s] as number) / count : null);
  const rmse = (s: number) => (count ? Math.sqrt((sq[s] as number) / count) : null);
  return {
    count,
    maeScaled: mae(0),
    rmseScaled: rmse(0),
    maeTransformed: mae(1),
    rmseTransformed: rmse(1),
    maeReal: mae(2),
    rmseReal: rmse(2),
  };
}

/** Share of targets where the predicted presence equals the true mask (all targets, present or not). */
export function presenceAccuracy(
  mask: ArrayLike<number>,
  present: ArrayLike<number>,
  idx?: ArrayLike<number>,
): number | null {
  const n = idx ? idx.length : mask.length;
  if (n === 0) return null;
  let ok = 0;
  for (let i = 0; i < n; i++) {
    const k = idx ? (idx[i] as number) : i;
    if (!mask[k] === !present[k]) ok++;
  }
  return ok / n;
}

/**
 * Mean absolute deviation of the present true values from their median: the MAE of the best
 * constant predictor. Null when nothing is present.
 */
export function madFromMedian(truth: ArrayLike<number>, mask: ArrayLike<number>): number | null {
  const xs: number[] = [];
  for (let k = 0; k < truth.length; k++) if (mask[k]) xs.push(truth[k] as number);
  if (xs.length === 0) return null;
  const median = medianOf(xs);
  let sum = 0;
  for (const x of xs) sum += Math.abs(x - median);
  return sum / xs.length;
}
