import { z } from 'zod';
import { MODEL_NAMES } from './models/types';
import { SplitConfigSchema } from './splits';

/** Everything `market evaluate` takes; the quick preset is what the demo and tests run. */
export const EvaluateConfigSchema = z.object({
  horizon: z.number().int().min(1).max(30).default(1),
  /** |h-bar return| at or below this is "no direction": left out of training and scoring. */
  deadBand: z.number().min(0).max(0.2).default(0),
  cv: SplitConfigSchema.default({ kind: 'walk-forward', mode: 'expanding', folds: 5, initialTrain: 0.5, window: 730 }),
  models: z
    .array(z.enum(MODEL_NAMES))
    .min(1)
    .default([...MODEL_NAMES]),
  costBps: z.number().min(0).max(500).default(10),
  /** Bars of features each sequence model sees. */
  window: z.number().int().min(2).max(120).default(20),
  net: z
    .object({
      epochs: z.number().int().min(1).default(20),
      batchSize: z.number().int().min(1).default(64),
      learningRate: z.number().positive().default(1e-3),
      hidden: z.number().int().min(2).default(32),
      seed: z.number().int().default(1),
    })
    .default({}),
  l2: z.number().min(0).default(1),
  bootstrapSamples: z.number().int().min(100).default(1000),
  seed: z.number().int().default(1),
  latencyRepeats: z.number().int().min(1).default(50),
  periodsPerYear: z.number().positive().default(365),
});
export type EvaluateConfig = z.infer<typeof EvaluateConfigSchema>;
export type EvaluateConfigInput = z.input<typeof EvaluateConfigSchema>;

/** Small settings for the demo, the notebook and tests: three folds, a few epochs, small nets. */
export const QUICK: EvaluateConfigInput = {
  cv: { kind: 'walk-forward', mode: 'expanding', folds: 3, initialTrain: 0.6, window: 730 },
  window: 10,
  net: { epochs: 3, batchSize: 128, learningRate: 5e-3, hidden: 8, seed: 1 },
  bootstrapSamples: 500,
  latencyRepeats: 20,
};
