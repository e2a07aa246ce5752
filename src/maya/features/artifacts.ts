import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { WorkbenchError, errorMessage } from '../../core/errors';
import { describeFields, FieldSpecSchema, NUMERIC_FIELDS, VOCAB_NAMES } from './fields';
import { ScalerSchema } from './scaler';
import { KeyShapesSchema } from './key-shapes';
import { AssetUnitsSchema } from './units';

export const FEATURES_VERSION = 'maya-features/1';
export const SPEC_FILE = 'spec.json';
export const ADDRESS_HASH =
  'MurmurHash3 x86_32, seed 0, UTF-8 bytes, signed (Python mmh3.hash); bucket = ((h % n) + n) % n; id = 2 + bucket';

const Height = z.string().regex(/^\d+$/);
export const BlockSchema = z.object({
  /** Action indices [start, end) in the ordered stream. */
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  actions: z.number().int().min(0),
  windows: z.number().int().min(0),
  /** Heights and dates (ns) of the block's first and last action; null for an empty block. */
  firstHeight: Height.nullable(),
  lastHeight: Height.nullable(),
  firstDate: Height.nullable(),
  lastDate: Height.nullable(),
});
export type BlockInfo = z.infer<typeof BlockSchema>;

export const FeatureArtifactsSchema = z.object({
  version: z.literal(FEATURES_VERSION),
  /** Window length L: inputs are L actions, the target is the action after them. */
  seqLen: z.number().int().min(1),
  buckets: z.number().int().min(1),
  addressHash: z.literal(ADDRESS_HASH),
  units: AssetUnitsSchema,
  minCount: z.number().int().min(1),
  fields: z.array(FieldSpecSchema),
  catWidth: z.number().int(),
  numWidth: z.number().int(),
  /** Tokens in id order (index 0 <PAD>, 1 <UNK>), fitted on the train block. */
  vocabs: z.object({
    type: z.array(z.string()),
    status: z.array(z.string()),
    pool: z.array(z.string()),
    asset: z.array(z.string()),
  }),
  /** Per numeric field name, fitted on the train block. */
  scalers: z.record(z.string(), ScalerSchema),
  /** Fields constant on the train block (drop them before training; they carry no signal). */
  constantFeatures: z.array(z.string()),
  split: z.object({
    train: z.number(),
    validation: z.number(),
    test: z.number(),
    gap: z.number().int(),
    blocks: z.object({ train: BlockSchema, validation: BlockSchema, test: BlockSchema }),
  }),
  data: z.object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    actions: z.number().int().min(0),
    hashMethod: z.string(),
  }),
  /** Key sets per action kind on the train block (what generated actions must carry); absent in artifacts built before they were recorded. */
  keyShapes: KeyShapesSchema.optional(),
});
export type FeatureArtifacts = z.infer<typeof FeatureArtifactsSchema>;

export interface LoadOptions {
  /** sha256 of the actions about to be used with these artifacts (`hashActions`); a mismatch is an error. */
  dataSha256?: string;
}

const REBUILD = 'rebuild them with `workbench maya features --store PATH --out DIR`';

/** Validates artifacts read from anywhere: version first (with a clear message), then shape, then consistency with this code. */
export function parseArtifacts(json: unknown, where: string, opts: LoadOptions = {}): FeatureArtifacts {
  const version = typeof json === 'object' && json !== null ? (json as { version?: unknown }).version : undefined;
  if (version !== FEATURES_VERSION) {
    throw new WorkbenchError(
      `${where}: feature spec version ${JSON.stringify(version)}, but this code reads ${FEATURES_VERSION}`,
      REBUILD,
    );
  }
  const r = FeatureArtifactsSchema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new WorkbenchError(
      `${where}: invalid feature artifacts at ${i?.path.join('.') || '(root)'}: ${i?.message ?? 'invalid'}`,
      REBUILD,
    );
  }
  const a = r.data;
  const sizes = {
    type: a.vocabs.type.length,
    status: a.vocabs.status.length,
    pool: a.vocabs.pool.length,
    asset: a.vocabs.asset.length,
  };
  const expected = describeFields(sizes, a.buckets);
  if (
    canonical(expected) !== canonical(a.fields) ||
    VOCAB_NAMES.some((v) => sizes[v] < 2) ||
    NUMERIC_FIELDS.some((f) => !a.scalers[f.name])
  ) {
    throw new WorkbenchError(
      `${where}: the field list does not match this code's ${FEATURES_VERSION} extractor`,
      REBUILD,
    );
  }
  if (opts.dataSha256 !== undefined && opts.dataSha256 !== a.data.sha256) {
    throw new WorkbenchError(
      `${where}: data hash mismatch: the artifacts were fitted on actions with sha256 ${a.data.sha256}, the given actions hash to ${opts.dataSha256}`,
      `use the store the features were built from, or ${REBUILD}`,
    );
  }
  return a;
}

function canonical(fields: unknown[]): string {
  return JSON.stringify(fields.map((f) => FieldSpecSchema.parse(f)));
}

export function saveArtifacts(path: string, a: FeatureArtifacts): void {
  writeFileSync(path, `${JSON.stringify(FeatureArtifactsSchema.parse(a), null, 2)}\n`);
}

/** Reads DIR/spec.json. */
export function loadFeatureArtifacts(dir: string, opts: LoadOptions = {}): FeatureArtifacts {
  const path = join(dir, SPEC_FILE);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new WorkbenchError(`cannot read feature artifacts ${path}: ${errorMessage(e)}`, REBUILD);
  }
  return parseArtifacts(json, path, opts);
}
