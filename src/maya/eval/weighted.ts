import { OLD_FEATURE_MAP, oldWeight } from './weights';

/**
 * The prototype's "weighted score", recomputed on one block for comparison:
 *   score = Σ_f w_f · s_f / Σ_f w_f
 * over the old features that map to ours (OLD_FEATURE_MAP), where s_f is
 * - categorical: accuracy;
 * - numeric: skill = max(0, 1 − MAE / MAD), both in the scaled space over present true values,
 *   MAD being the mean absolute deviation of the block's true values from their median, i.e. the
 *   MAE of the best constant. Scale-free; 0 = no better than a constant, 1 = exact.
 * Features that are constant on the evaluated block are excluded (and listed): a constant is
 * trivially predictable and is what inflated the prototype's 0.8316. So are weight-0 features and
 * features without a score (no present true value).
 */
export interface WeightedFeature {
  old: string;
  ours: string;
  weight: number;
  score: number | null;
  included: boolean;
  reason: string | null;
}

export interface WeightedScore {
  score: number | null;
  weightTotal: number;
  features: WeightedFeature[];
}

export const EXCLUDED_CONSTANT = 'constant on the evaluated block';

export function numericSkill(mae: number | null, mad: number | null): number | null {
  if (mae === null || mad === null || !(mad > 0)) return null;
  return Math.max(0, 1 - mae / mad);
}

/** featureScores: our field name → s_f; constant: our fields constant on the evaluated block. */
export function weightedScore(
  featureScores: Readonly<Record<string, number | null>>,
  constant: ReadonlySet<string>,
): WeightedScore {
  let sum = 0;
  let weightTotal = 0;
  const features = Object.entries(OLD_FEATURE_MAP).map(([old, ours]): WeightedFeature => {
    const weight = oldWeight(old);
    const score = featureScores[ours] ?? null;
    const reason = constant.has(ours)
      ? EXCLUDED_CONSTANT
      : weight === 0
        ? 'weight 0'
        : score === null
          ? 'no score (no present true value)'
          : null;
    if (reason === null) {
      sum += weight * (score as number);
      weightTotal += weight;
    }
    return { old, ours, weight, score, included: reason === null, reason };
  });
  return { score: weightTotal > 0 ? sum / weightTotal : null, weightTotal, features };
}
