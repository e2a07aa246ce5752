import { z } from 'zod';
import { WorkbenchError } from '../../core/errors';

/** Network shape. Embedding widths are per column kind; each column's embedding is concatenated, then projected to dModel. */
export const ArchSchema = z
  .object({
    dModel: z.number().int().positive(),
    heads: z.number().int().positive(),
    ffn: z.number().int().positive(),
    layers: z.number().int().min(1),
    dropout: z.number().min(0).max(0.9),
    /** Where layer norm sits: 'post' as in PyTorch's default encoder layer, 'pre' trains more stably. */
    norm: z.enum(['pre', 'post']),
    /** Causal self-attention (position t sees rows ≤ t only). */
    causal: z.boolean(),
    /** Supervise the last position only, or every position (requires causal). */
    targets: z.enum(['last', 'all']),
    /** Embedding widths: type/status/flags, pool/asset, address buckets. */
    embed: z.object({
      small: z.number().int().positive(),
      pool: z.number().int().positive(),
      bucket: z.number().int().positive(),
    }),
    /** Address buckets: a softmax over every bucket, or a pointer "same address as window slot k / new / none". */
    addressHead: z.enum(['softmax', 'pointer']),
    /** Width of the pointer head's queries and keys. */
    pointerDim: z.number().int().positive(),
    /** Heads other than `type` see the target's type (teacher-forced in training, marginalised in prediction). */
    typeConditioned: z.boolean(),
    /** Predict each numeric's presence (the truth mask) with a sigmoid head. */
    presenceHead: z.boolean(),
    /** Numeric MSE over every target ('all': missing values count as 0) or only where the truth mask is 1. */
    numericLoss: z.enum(['all', 'masked']),
    /** Numeric residual: squared (regresses the conditional mean) or absolute (the conditional median, what MAE rewards). */
    numericError: z.enum(['mse', 'l1']).default('mse'),
    /** Add β_column · (share of each id in the window) to the categorical logits (copy-prior.ts); off in older models. */
    copyPrior: z.boolean().default(false),
    /** Decode each amount as the median of p(type)·p(asset | type)·p(amount | type, asset) from train counts (amount-prior.ts); off in older models. */
    amountPrior: z.boolean().default(false),
  })
  .strict()
  .refine((a) => !a.amountPrior || a.typeConditioned, 'amountPrior needs typeConditioned heads')
  .refine((a) => a.dModel % a.heads === 0, 'dModel must be a multiple of heads')
  .refine(
    (a) => a.targets === 'last' || a.causal,
    'targets "all" needs causal attention (otherwise position t sees its own target)',
  );
export type Arch = z.infer<typeof ArchSchema>;

/** Composite loss: weighted mean of per-column cross-entropies, numeric errors (MSE or L1) and presence BCEs. */
export const LossSchema = z
  .object({
    /** Weight per categorical column name (default 1). */
    catWeights: z.record(z.string(), z.number().min(0)),
    /** Weight per numeric column name (default 1). */
    numWeights: z.record(z.string(), z.number().min(0)),
    /** Weight of each numeric's presence BCE (needs presenceHead). */
    presenceWeight: z.number().min(0),
  })
  .strict();

export const TrainSchema = z
  .object({
    epochs: z.number().int().min(1),
    batch: z.number().int().min(1),
    /** Peak learning rate (after warmup). */
    lr: z.number().positive(),
    warmupSteps: z.number().int().min(0),
    /** Cosine decay from lr to lr · minLrRatio over the planned steps. */
    minLrRatio: z.number().min(0).max(1),
    /** AdamW decoupled weight decay (matrices only; not biases, norms or embeddings). */
    weightDecay: z.number().min(0),
    beta1: z.number().min(0).lt(1),
    beta2: z.number().min(0).lt(1),
    eps: z.number().positive(),
    /** Global gradient-norm clip. */
    clipNorm: z.number().positive(),
    /** Early stopping: epochs without a validation improvement of more than minDelta. */
    patience: z.number().int().min(1),
    minDelta: z.number().min(0),
    /** Train on every k-th window per epoch (random phase); with targets 'all' each row is still a target ≈ seqLen/k times. */
    trainStride: z.number().int().min(1),
    /** Validation windows evaluated per epoch (evenly spaced over the block). */
    valMaxWindows: z.number().int().min(1),
  })
  .strict();

export const ModelConfigSchema = z
  .object({ preset: z.string(), arch: ArchSchema, loss: LossSchema, train: TrainSchema })
  .strict();
export type ModelConfig = z.infer<typeof ModelConfigSchema>;
export type TrainConfig = ModelConfig['train'];

const noWeights = { catWeights: {}, numWeights: {} };

/** The earlier prototype: post-norm encoder, last position only, concatenated embeddings, bucket softmax, plain mean loss. */
const s25_l6: ModelConfig = {
  preset: 's25_l6',
  arch: {
    dModel: 256,
    heads: 8,
    ffn: 1024,
    layers: 6,
    dropout: 0.1,
    norm: 'post',
    causal: false,
    targets: 'last',
    embed: { small: 16, pool: 48, bucket: 64 },
    addressHead: 'softmax',
    pointerDim: 64,
    typeConditioned: false,
    presenceHead: false,
    numericLoss: 'all',
    numericError: 'mse',
    copyPrior: false,
    amountPrior: false,
  },
  loss: { ...noWeights, presenceWeight: 0 },
  train: {
    epochs: 20,
    batch: 128,
    lr: 3e-4,
    warmupSteps: 200,
    minLrRatio: 0.1,
    weightDecay: 0.01,
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-8,
    clipNorm: 1,
    patience: 3,
    minDelta: 1e-4,
    trainStride: 1,
    valMaxWindows: 4096,
  },
};

/**
 * Small causal model supervised at every position (≈ seqLen targets per window), masked numeric
 * loss plus presence head, type-conditioned heads and a pointer head for addresses. Batch 32: at
 * the demo's size (20,000 actions, 6 epochs) batch 128 gave 132 optimizer steps, too few to get
 * past the marginals (it tied the majority baseline on every headline column); batch 32 gives
 * 4x the steps at about the same sequences per second on wasm, and the model beats every
 * baseline on type and pool (docs/maya-model.md has the figures). The copy prior lets the
 * withdrawal waves the demo's train block barely has be predicted from the send and deposit
 * waves it has (docs/maya-quality.md: in-asset accuracy over majority on validation).
 */
const base: ModelConfig = {
  preset: 'default',
  arch: {
    dModel: 64,
    heads: 4,
    ffn: 256,
    layers: 2,
    dropout: 0.1,
    norm: 'pre',
    causal: true,
    targets: 'all',
    embed: { small: 8, pool: 16, bucket: 16 },
    addressHead: 'pointer',
    pointerDim: 32,
    typeConditioned: true,
    presenceHead: true,
    numericLoss: 'masked',
    numericError: 'l1',
    copyPrior: true,
    amountPrior: true,
  },
  loss: { ...noWeights, presenceWeight: 0.5 },
  train: {
    epochs: 30,
    batch: 32,
    lr: 2e-3,
    warmupSteps: 100,
    minLrRatio: 0.05,
    weightDecay: 0.01,
    beta1: 0.9,
    beta2: 0.99,
    eps: 1e-8,
    clipNorm: 1,
    patience: 4,
    minDelta: 1e-4,
    trainStride: 5,
    valMaxWindows: 2048,
  },
};

/** For tests: the default's code paths at toy size. */
const tiny: ModelConfig = {
  preset: 'tiny',
  arch: {
    ...base.arch,
    dModel: 16,
    heads: 2,
    ffn: 32,
    layers: 1,
    dropout: 0,
    embed: { small: 4, pool: 4, bucket: 4 },
    pointerDim: 8,
  },
  loss: base.loss,
  train: {
    ...base.train,
    epochs: 3,
    batch: 16,
    lr: 3e-3,
    warmupSteps: 2,
    trainStride: 3,
    valMaxWindows: 64,
    patience: 2,
  },
};

export const PRESETS: Record<string, ModelConfig> = { s25_l6, default: base, tiny };
export type PresetName = 's25_l6' | 'default' | 'tiny';

/** Nested partial overrides of a preset (plain JSON from a CLI flag or a notebook). */
export interface ConfigOverrides {
  arch?: Partial<Omit<Arch, 'embed'>> & { embed?: Partial<Arch['embed']> };
  loss?: Partial<ModelConfig['loss']>;
  train?: Partial<TrainConfig>;
}

/** A preset by name with overrides applied, validated. */
export function resolveConfig(preset: string, overrides: ConfigOverrides = {}): ModelConfig {
  const p = PRESETS[preset];
  if (!p) throw new WorkbenchError(`unknown model preset "${preset}"`, `use one of ${Object.keys(PRESETS).join(', ')}`);
  const merged = {
    preset,
    arch: { ...p.arch, ...overrides.arch, embed: { ...p.arch.embed, ...overrides.arch?.embed } },
    loss: { ...p.loss, ...overrides.loss },
    train: { ...p.train, ...overrides.train },
  };
  return parseConfig(merged, `preset ${preset} with overrides`);
}

export function parseConfig(json: unknown, where: string): ModelConfig {
  const r = ModelConfigSchema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new WorkbenchError(
      `${where}: invalid model config at ${i?.path.join('.') || '(root)'}: ${i?.message ?? 'invalid'}`,
      'fix the override (see src/maya/model/config.ts for the fields)',
    );
  }
  return r.data;
}
