import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { WorkbenchError } from '../../core/errors';
import { AMOUNT_PRIOR_FILE } from './amount-prior';
import { ModelConfigSchema } from './config';

export const MODEL_FORMAT = 'maya-model/1';
export const MANIFEST_FILE = 'manifest.json';
/** The feature spec the model was trained on (vocabularies, scalers): what inference encodes with. */
export const SPEC_COPY = 'spec.json';

export const LossPartsSchema = z.object({ total: z.number(), cat: z.number(), num: z.number(), presence: z.number() });
export type LossValues = z.infer<typeof LossPartsSchema>;

export const EpochRecordSchema = z.object({
  epoch: z.number().int().min(1),
  steps: z.number().int().min(0),
  /** Mean training objective over the epoch's steps. */
  trainLoss: z.number(),
  /** Composite loss at the last position of validation windows (what evaluation predicts); null without a validation block. */
  val: LossPartsSchema.nullable(),
  /** Learning rate of the epoch's last step. */
  lr: z.number(),
  seconds: z.number(),
  /** Training windows per second (each holds seqLen targets when every position is supervised). */
  seqPerSec: z.number(),
});
export type EpochRecord = z.infer<typeof EpochRecordSchema>;

export const BackendRecordSchema = z.object({
  backend: z.string(),
  package: z.string(),
  version: z.string(),
  forwardedKernels: z.array(z.string()),
});

export const ModelManifestSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  preset: z.string(),
  config: ModelConfigSchema,
  features: z.object({
    version: z.string(),
    dataSha256: z.string().regex(/^[0-9a-f]{64}$/),
    seqLen: z.number().int(),
    catWidth: z.number().int(),
    numWidth: z.number().int(),
    buckets: z.number().int(),
    vocabSizes: z.array(z.number().int()),
    spec: z.literal(SPEC_COPY),
    /** The features folder it was trained from, as given (evaluation and simulation find the data there; the sha256 above checks it). */
    dir: z.string().nullable().default(null),
  }),
  backend: BackendRecordSchema,
  seed: z.number().int(),
  git: z.object({ commit: z.string().nullable(), dirty: z.boolean().nullable() }),
  parameters: z.number().int(),
  metrics: z.object({
    epochs: z.array(EpochRecordSchema),
    bestEpoch: z.number().int().nullable(),
    bestValLoss: z.number().nullable(),
    stoppedEarly: z.boolean(),
  }),
  timings: z.object({
    startedAt: z.string(),
    finishedAt: z.string(),
    /** Seconds spent in epochs, summed over the original run and every resume. */
    trainSeconds: z.number(),
    /** Epoch the final run resumed after (0 = started fresh). */
    resumedFromEpoch: z.number().int().min(0),
  }),
  weights: z.object({ file: z.literal('weights.bin'), index: z.literal('weights.json'), sha256: z.string() }),
  /** The amounts' train-block counts (arch.amountPrior); null in models without it. */
  amountPrior: z
    .object({ file: z.literal(AMOUNT_PRIOR_FILE), sha256: z.string() })
    .nullable()
    .default(null),
  node: z.string(),
});
export type ModelManifest = z.infer<typeof ModelManifestSchema>;

export function readManifest(dir: string): ModelManifest {
  const path = join(dir, MANIFEST_FILE);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new WorkbenchError(
      `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`,
      'point at a model folder written by trainModel',
    );
  }
  const format = typeof json === 'object' && json !== null ? (json as { format?: unknown }).format : undefined;
  if (format !== MODEL_FORMAT)
    throw new WorkbenchError(
      `${path}: model format ${JSON.stringify(format)}, but this code reads ${MODEL_FORMAT}`,
      'train the model again with this version',
    );
  const r = ModelManifestSchema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new WorkbenchError(
      `${path}: invalid manifest at ${i?.path.join('.') || '(root)'}: ${i?.message ?? 'invalid'}`,
      'train the model again',
    );
  }
  return r.data;
}
