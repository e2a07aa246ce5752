import { z } from 'zod';
import { WorkbenchError } from '../../core/errors';
import { BlockSchema } from '../features/artifacts';
import { BLOCK_NAMES } from '../features';
import { PairedComparisonSchema } from './paired';

/** What `evaluate` returns and metrics.json holds. Undefined metrics (nothing to score) are null. */
const Num = z.number().nullable();
const Int = z.number().int().min(0);

export const CategoricalMetricsSchema = z.object({
  name: z.string(),
  kind: z.enum(['category', 'flag', 'bucket']),
  n: Int,
  accuracy: Num,
  macroF1: Num,
  balancedAccuracy: Num,
  classesInTruth: Int,
  /** Share of targets whose true id is PAD (field absent) / UNKNOWN (token unseen on train). */
  padShare: Num,
  unknownShare: Num,
  confusion: z.object({ labels: z.array(z.string()), matrix: z.array(z.array(Int)) }),
});

export const NumericMetricsSchema = z.object({
  name: z.string(),
  transform: z.enum(['identity', 'log1p', 'log1pAbs']),
  realUnit: z.string(),
  count: Int,
  maeScaled: Num,
  rmseScaled: Num,
  maeTransformed: Num,
  rmseTransformed: Num,
  maeReal: Num,
  rmseReal: Num,
  /** max(0, 1 − maeScaled / MAD of the block's true values): the weighted score's numeric term. */
  skill: Num,
  presenceAccuracy: Num,
});

export const PerTypeSchema = z.object({
  type: z.string(),
  id: Int,
  targets: Int,
  categorical: z.array(z.object({ name: z.string(), accuracy: Num, macroF1: Num })),
  numeric: z.array(z.object({ name: z.string(), count: Int, maeScaled: Num, maeTransformed: Num, maeReal: Num })),
});

export const CalibrationSchema = z.object({
  n: Int,
  bins: z.array(z.object({ lo: z.number(), hi: z.number(), count: Int, confidence: Num, accuracy: Num })),
  ece: Num,
  logLoss: Num,
});

export const WeightedScoreSchema = z.object({
  score: Num,
  weightTotal: z.number(),
  features: z.array(
    z.object({
      old: z.string(),
      ours: z.string(),
      weight: z.number(),
      score: Num,
      included: z.boolean(),
      reason: z.string().nullable(),
    }),
  ),
});

export const HeadlineSchema = z.object({
  typeAccuracy: Num,
  typeMacroF1: Num,
  typeEce: Num,
  pool1Accuracy: Num,
  inAssetAccuracy: Num,
  outAssetAccuracy: Num,
  inAmountMaeReal: Num,
  inAmountMaeLog: Num,
  outAmountMaeReal: Num,
  outAmountMaeLog: Num,
  weightedScore: Num,
});

export const ModelMetricsSchema = z.object({
  headline: HeadlineSchema,
  categorical: z.array(CategoricalMetricsSchema),
  numeric: z.array(NumericMetricsSchema),
  perType: z.array(PerTypeSchema),
  /** Of the type column; null when the predictor gave no type probabilities. */
  calibration: CalibrationSchema.nullable(),
  weightedScore: WeightedScoreSchema,
});

/** A block's action range, heights and dates (ns) from the artifacts, plus the dates as ISO times. */
export const BoundarySchema = BlockSchema.extend({ firstTime: z.string().nullable(), lastTime: z.string().nullable() });

export const EVALUATION_VERSION = 'maya-evaluation/1';

export const EvaluationResultSchema = z.object({
  version: z.literal(EVALUATION_VERSION),
  /** The block every metric was measured on (normally 'test'). */
  block: z.enum(BLOCK_NAMES),
  targets: Int,
  seqLen: z.number().int().min(1),
  dataSha256: z.string(),
  boundaries: z.object({ train: BoundarySchema, validation: BoundarySchema, test: BoundarySchema }),
  /** Fields constant over the evaluated block's true targets. */
  constantFeatures: z.array(z.string()),
  /** Fields constant on the train block (from the artifacts). */
  trainConstantFeatures: z.array(z.string()),
  /** Mapped old features left out of the weighted score because ours is constant on the block. */
  weightedScoreExcluded: z.array(z.string()),
  options: z.object({ topK: Int, calibrationBins: z.number().int().min(1) }),
  models: z.record(z.string(), ModelMetricsSchema),
  /** Each model against each baseline on the headline columns, with a paired test's p-value (absent in older results). */
  paired: z.array(PairedComparisonSchema).default([]),
});
export type EvaluationResult = z.infer<typeof EvaluationResultSchema>;
export type ModelMetrics = z.infer<typeof ModelMetricsSchema>;
export type CategoricalMetrics = z.infer<typeof CategoricalMetricsSchema>;
export type NumericMetrics = z.infer<typeof NumericMetricsSchema>;

/** Validates a metrics.json read from anywhere. */
export function parseEvaluationResult(json: unknown, where: string): EvaluationResult {
  const r = EvaluationResultSchema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new WorkbenchError(
      `${where}: invalid evaluation result at ${i?.path.join('.') || '(root)'}: ${i?.message ?? 'invalid'}`,
      're-run the evaluation with this version of the workbench',
    );
  }
  return r.data;
}
