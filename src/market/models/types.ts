/**
 * What every direction model sees: standardised feature rows by bar (null in warm-up), labels by
 * bar, and the past h-bar return (persistence). Models read only rows at or before a sample's bar;
 * sequence models read the `window` rows ending at it.
 */
export interface ModelData {
  X: (number[] | null)[];
  y: (0 | 1 | null)[];
  pastRet: (number | null)[];
  window: number;
  features: number;
}

export interface DirectionModel {
  readonly name: string;
  /** Trains on the samples decided at these bars (ascending). */
  fit(data: ModelData, train: readonly number[]): Promise<void>;
  /** P(up) for the samples decided at these bars. */
  predict(data: ModelData, at: readonly number[]): Promise<number[]>;
  dispose(): void;
}

export const BASELINES = ['majority', 'persistence'] as const;
export const MODEL_NAMES = ['majority', 'persistence', 'logistic', 'lstm', 'transformer', 'ensemble'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

/** Probabilities are clipped before log loss and kept in (0, 1) by every model. */
export const clipP = (p: number): number => Math.min(1 - 1e-6, Math.max(1e-6, p));
