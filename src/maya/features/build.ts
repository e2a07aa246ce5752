import type { MidgardAction } from '../../midgard';
import { WorkbenchError } from '../../core/errors';
import { silentProgress, type Progress } from '../../core/progress';
import { ADDRESS_HASH, FEATURES_VERSION, type BlockInfo, type FeatureArtifacts } from './artifacts';
import { ContextExtractor } from './context';
import { ActionsHasher, DATA_HASH_METHOD } from './data-hash';
import { Encoder } from './encoder';
import {
  CAT_WIDTH,
  CATEGORY_FIELDS,
  CODE_FIELDS,
  describeFields,
  NUM_WIDTH,
  NUMERIC_FIELDS,
  VOCAB_NAMES,
  type VocabName,
} from './fields';
import { RunningStats, type Scaler } from './scaler';
import {
  BLOCK_NAMES,
  parseSplitOptions,
  planSplit,
  windowStarts,
  type BlockName,
  type BlockRange,
  type SplitOptions,
} from './split';
import { RawStore } from './store';
import { MAYA_UNITS, type AssetUnits } from './units';
import { fitVocabulary } from './vocab';
import { KeyShapeRecorder } from './key-shapes';

export interface BuildOptions {
  /** Window length L (default 25); also the look-back of the "address seen" flags. */
  seqLen?: number;
  /** Address hash buckets (default 1024). */
  buckets?: number;
  split?: SplitOptions;
  /** Tokens seen fewer times on the train block map to UNKNOWN (default 1). */
  minCount?: number;
  /** Asset base units (default Maya's). */
  units?: AssetUnits;
  signal?: AbortSignal;
  progress?: Progress;
  /** Only for the progress display. */
  expectedCount?: number;
}

/** Encoded actions (row-major: cat [count, catWidth], num and mask [count, numWidth]) and window starts per block. */
export interface FeatureSet {
  artifacts: FeatureArtifacts;
  count: number;
  cat: Int32Array;
  num: Float32Array;
  mask: Uint8Array;
  windows: Record<BlockName, Int32Array>;
}

/**
 * Streams ascending actions once through the context extractor, then fits vocabularies and
 * scalers on the train block only and encodes every row with the same Encoder inference uses.
 */
export async function buildFeatures(
  actions: Iterable<MidgardAction> | AsyncIterable<MidgardAction>,
  opts: BuildOptions = {},
): Promise<FeatureSet> {
  const seqLen = opts.seqLen ?? 25;
  const buckets = opts.buckets ?? 1024;
  const minCount = opts.minCount ?? 1;
  const units = opts.units ?? MAYA_UNITS;
  const progress = opts.progress ?? silentProgress;
  if (!Number.isInteger(buckets) || buckets < 1)
    throw new WorkbenchError(`buckets must be a positive integer, got ${buckets}`);
  if (!Number.isInteger(minCount) || minCount < 1)
    throw new WorkbenchError(`minCount must be a positive integer, got ${minCount}`);

  const context = new ContextExtractor({ seqLen, buckets, units });
  parseSplitOptions(seqLen, opts.split); // fail before reading the stream
  const store = new RawStore(
    CATEGORY_FIELDS.map((f) => f.vocab),
    CODE_FIELDS.length,
    NUMERIC_FIELDS.length,
  );
  const hasher = new ActionsHasher();
  const shapes = new KeyShapeRecorder();
  progress.start(opts.expectedCount ?? 0, 'features: extract');
  for await (const a of actions) {
    opts.signal?.throwIfAborted();
    hasher.add(a);
    shapes.add(a);
    store.push(context.next(a), Number(a.height), BigInt(a.date));
    if (store.count % 10_000 === 0) progress.update(store.count);
  }
  progress.update(store.count);
  progress.stop();

  const count = store.count;
  const plan = planSplit(count, seqLen, opts.split);
  const train = plan.ranges.train;
  const vocabs = fitVocabs(store, train, minCount);
  const scalers = fitScalers(store, train);
  const sizes = {
    type: vocabs.type.length,
    status: vocabs.status.length,
    pool: vocabs.pool.length,
    asset: vocabs.asset.length,
  };
  const blocks = Object.fromEntries(BLOCK_NAMES.map((b) => [b, blockInfo(store, plan.ranges[b], seqLen)])) as Record<
    BlockName,
    BlockInfo
  >;
  const artifacts: FeatureArtifacts = {
    version: FEATURES_VERSION,
    seqLen,
    buckets,
    addressHash: ADDRESS_HASH,
    units,
    minCount,
    fields: describeFields(sizes, buckets),
    catWidth: CAT_WIDTH,
    numWidth: NUM_WIDTH,
    vocabs,
    scalers,
    constantFeatures: [],
    split: { train: plan.train, validation: plan.validation, test: plan.test, gap: plan.gap, blocks },
    data: { sha256: hasher.digest(), actions: count, hashMethod: DATA_HASH_METHOD },
    keyShapes: shapes.shapes(train.end),
  };

  const encoder = new Encoder(artifacts);
  const cat = new Int32Array(count * CAT_WIDTH);
  const num = new Float32Array(count * NUM_WIDTH);
  const mask = new Uint8Array(count * NUM_WIDTH);
  for (let i = 0; i < count; i++) {
    if (i % 10_000 === 0) opts.signal?.throwIfAborted();
    encoder.encodeInto(store.row(i), cat, i * CAT_WIDTH, num, mask, i * NUM_WIDTH);
  }
  artifacts.constantFeatures = constantFeatures(cat, train, scalers);
  const windows = Object.fromEntries(BLOCK_NAMES.map((b) => [b, windowStarts(plan.ranges[b], seqLen)])) as Record<
    BlockName,
    Int32Array
  >;
  return { artifacts, count, cat, num, mask, windows };
}

function fitVocabs(store: RawStore, train: BlockRange, minCount: number): Record<VocabName, string[]> {
  const counts = Object.fromEntries(VOCAB_NAMES.map((v) => [v, new Map<string, number>()])) as Record<
    VocabName,
    Map<string, number>
  >;
  for (let i = train.start; i < train.end; i++) {
    store.row(i).tokens.forEach((t, j) => {
      if (t === null) return;
      const m = counts[(CATEGORY_FIELDS[j] as { vocab: VocabName }).vocab];
      m.set(t, (m.get(t) ?? 0) + 1);
    });
  }
  return Object.fromEntries(VOCAB_NAMES.map((v) => [v, [...fitVocabulary(counts[v], minCount).tokens]])) as Record<
    VocabName,
    string[]
  >;
}

function fitScalers(store: RawStore, train: BlockRange): Record<string, Scaler> {
  const stats = NUMERIC_FIELDS.map(() => new RunningStats());
  for (let i = train.start; i < train.end; i++) {
    store.row(i).values.forEach((x, j) => {
      if (!Number.isNaN(x)) (stats[j] as RunningStats).add(x);
    });
  }
  return Object.fromEntries(NUMERIC_FIELDS.map((f, j) => [f.name, (stats[j] as RunningStats).scaler()]));
}

/** Categorical columns with one id on every train row, and numerics the scalers marked constant. */
function constantFeatures(cat: Int32Array, train: BlockRange, scalers: Record<string, Scaler>): string[] {
  const names = [...CATEGORY_FIELDS, ...CODE_FIELDS].map((f) => f.name);
  const out: string[] = [];
  names.forEach((name, j) => {
    const first = cat[train.start * CAT_WIDTH + j];
    let constant = true;
    for (let i = train.start + 1; i < train.end && constant; i++) constant = cat[i * CAT_WIDTH + j] === first;
    if (constant) out.push(name);
  });
  for (const f of NUMERIC_FIELDS) if (scalers[f.name]?.constant) out.push(f.name);
  return out;
}

function blockInfo(store: RawStore, r: BlockRange, seqLen: number): BlockInfo {
  const empty = r.end <= r.start;
  return {
    start: r.start,
    end: r.end,
    actions: Math.max(0, r.end - r.start),
    windows: Math.max(0, r.end - r.start - seqLen),
    firstHeight: empty ? null : String(store.height(r.start)),
    lastHeight: empty ? null : String(store.height(r.end - 1)),
    firstDate: empty ? null : store.date(r.start).toString(),
    lastDate: empty ? null : store.date(r.end - 1).toString(),
  };
}
