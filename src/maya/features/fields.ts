import { z } from 'zod';

/** Reserved ids in every categorical column. PAD: missing / not applicable / sequence padding. */
export const PAD = 0;
/** A token the vocabulary has not seen on the train block. */
export const UNKNOWN = 1;
export const PAD_TOKEN = '<PAD>';
export const UNKNOWN_TOKEN = '<UNK>';
/** Flag columns: PAD when the source field is absent, otherwise FALSE_ID / TRUE_ID. */
export const FALSE_ID = 2;
export const TRUE_ID = 3;
/** Bucket columns: id = BUCKET_OFFSET + bucket, so PAD and UNKNOWN stay reserved. */
export const BUCKET_OFFSET = 2;

/** Vocabularies fitted on the train block (pool1/pool2 share `pool`, in/out asset share `asset`). */
export const VOCAB_NAMES = ['type', 'status', 'pool', 'asset'] as const;
export type VocabName = (typeof VOCAB_NAMES)[number];

export const FieldKind = z.enum(['category', 'flag', 'bucket', 'numeric']);
/** How a numeric's raw value was made from the Midgard field (decoding applies the inverse). */
export const Transform = z.enum(['identity', 'log1p', 'log1pAbs']);

interface BaseDef {
  name: string;
  unit: string;
  /** Path(s) in the Midgard action JSON the value comes from. */
  source: string;
  description: string;
}
export interface CategoryDef extends BaseDef {
  kind: 'category';
  vocab: VocabName;
}
export interface CodeDef extends BaseDef {
  kind: 'flag' | 'bucket';
}
export interface NumericDef extends BaseDef {
  kind: 'numeric';
  transform: z.infer<typeof Transform>;
}

const cat = (name: string, vocab: VocabName, source: string, description: string): CategoryDef => ({
  kind: 'category',
  name,
  vocab,
  unit: 'token',
  source,
  description,
});
const flag = (name: string, source: string, description: string): CodeDef => ({
  kind: 'flag',
  name,
  unit: 'PAD|false|true',
  source,
  description,
});
const bucket = (name: string, source: string, description: string): CodeDef => ({
  kind: 'bucket',
  name,
  unit: 'hash bucket',
  source,
  description,
});
const num = (
  name: string,
  transform: NumericDef['transform'],
  unit: string,
  source: string,
  description: string,
): NumericDef => ({ kind: 'numeric', name, transform, unit, source, description });

/** Vocabulary-backed columns: the first columns of the categorical matrix, in this order. */
export const CATEGORY_FIELDS: readonly CategoryDef[] = [
  cat('type', 'type', 'type', 'action type'),
  cat('status', 'status', 'status', 'action status'),
  cat('pool1', 'pool', 'pools[0]', 'first pool; PAD when none'),
  cat('pool2', 'pool', 'pools[1]', 'second pool (double swaps); PAD when none'),
  cat('inAsset', 'asset', 'in[0].coins[0].asset', 'first coin of the first inbound tx; PAD when none'),
  cat('outAsset', 'asset', 'out[0].coins[0].asset', 'first coin of the first outbound tx; PAD when none'),
];

/** Fixed-vocabulary columns (not fitted): after the category columns. */
export const CODE_FIELDS: readonly CodeDef[] = [
  flag('isStreamingSwap', 'metadata.swap.isStreamingSwap', 'PAD unless a swap carrying the field'),
  flag('swapTargetSet', 'metadata.swap.swapTarget', 'minimum output requested (swapTarget > 0); PAD unless a swap'),
  flag(
    'liquidityUnitsNegative',
    'metadata.addLiquidity.liquidityUnits | metadata.withdraw.liquidityUnits',
    'sign of liquidityUnits; PAD when neither exists',
  ),
  bucket(
    'inAddressBucket',
    'in[0].address',
    'MurmurHash3 x86_32 (seed 0, UTF-8) bucket of the address; EVM hex lowercased; PAD when empty',
  ),
  bucket('outAddressBucket', 'out[0].address', 'as inAddressBucket, for the first outbound address'),
  flag(
    'inAddressSeen',
    'in[0].address',
    'the address occurs as in[0]/out[0] address of one of the previous seqLen actions',
  ),
  flag('outAddressSeen', 'out[0].address', 'as inAddressSeen, for the first outbound address'),
  flag(
    'sameInAddressAsPrevious',
    'in[0].address',
    "in[0].address equals the previous action's in[0].address; PAD when either is missing",
  ),
];

export const NUMERIC_FIELDS: readonly NumericDef[] = [
  num(
    'logDtSec',
    'log1p',
    'log1p(seconds)',
    "date (ns) minus the previous action's date",
    'time since the previous action; missing for the first action seen',
  ),
  num('inAmount', 'log1p', 'log1p(1e8 base units)', 'in[0].coins[0].amount', 'first inbound coin amount'),
  num('outAmount', 'log1p', 'log1p(1e8 base units)', 'out[0].coins[0].amount', 'first outbound coin amount'),
  num(
    'liquidityFee',
    'log1p',
    'log1p(1e8 base units of the native asset)',
    'metadata.swap.liquidityFee',
    'swap liquidity fee, reported in native-asset base units',
  ),
  num('swapSlipBps', 'identity', 'bps', 'metadata.swap.swapSlip', 'swap slip'),
  num(
    'affiliateFeeBps',
    'identity',
    'bps',
    'metadata.swap.affiliateFee',
    'affiliate fee rate (basis points, not an amount)',
  ),
  num(
    'streamingCount',
    'identity',
    'sub-swaps',
    'metadata.swap.streamingSwapMeta.count',
    'streaming sub-swaps executed',
  ),
  num(
    'streamingQuantity',
    'identity',
    'sub-swaps',
    'metadata.swap.streamingSwapMeta.quantity',
    'streaming sub-swaps planned',
  ),
  num(
    'swapTargetAmount',
    'log1p',
    'log1p(1e8 base units of the target asset)',
    'metadata.swap.swapTarget',
    'minimum output; missing when 0 (see swapTargetSet)',
  ),
  num('withdrawBps', 'identity', 'bps', 'metadata.withdraw.basisPoints', 'share of the position withdrawn'),
  num('withdrawAsymmetry', 'identity', 'ratio', 'metadata.withdraw.asymmetry', 'withdraw asymmetry'),
  num(
    'liquidityUnits',
    'log1pAbs',
    'log1p(|pool units|)',
    'metadata.addLiquidity.liquidityUnits | metadata.withdraw.liquidityUnits',
    'magnitude of liquidity units (sign in liquidityUnitsNegative)',
  ),
  num('inTxCount', 'identity', 'txs', 'in.length', 'number of inbound txs'),
  num('outTxCount', 'identity', 'txs', 'out.length', 'number of outbound txs (0 while pending)'),
];

export const CAT_WIDTH = CATEGORY_FIELDS.length + CODE_FIELDS.length;
export const NUM_WIDTH = NUMERIC_FIELDS.length;

export const FieldSpecSchema = z.object({
  name: z.string(),
  kind: FieldKind,
  /** Matrix (`actions_cat` or `actions_num`/`actions_mask`) and column the field lives in. */
  matrix: z.enum(['cat', 'num']),
  column: z.number().int().min(0),
  unit: z.string(),
  source: z.string(),
  description: z.string(),
  vocab: z.string().optional(),
  /** Categorical: number of ids (PAD and UNKNOWN included). */
  vocabSize: z.number().int().min(2).optional(),
  transform: Transform.optional(),
});
export type FieldSpec = z.infer<typeof FieldSpecSchema>;

/** The spec's field list for the given vocabulary sizes and bucket count. */
export function describeFields(vocabSizes: Record<VocabName, number>, buckets: number): FieldSpec[] {
  const out: FieldSpec[] = [];
  const base = (d: BaseDef) => ({ name: d.name, unit: d.unit, source: d.source, description: d.description });
  CATEGORY_FIELDS.forEach((d, i) =>
    out.push({ ...base(d), kind: d.kind, matrix: 'cat', column: i, vocab: d.vocab, vocabSize: vocabSizes[d.vocab] }),
  );
  CODE_FIELDS.forEach((d, i) =>
    out.push({
      ...base(d),
      kind: d.kind,
      matrix: 'cat',
      column: CATEGORY_FIELDS.length + i,
      vocabSize: d.kind === 'flag' ? 4 : buckets + BUCKET_OFFSET,
    }),
  );
  NUMERIC_FIELDS.forEach((d, i) =>
    out.push({ ...base(d), kind: d.kind, matrix: 'num', column: i, transform: d.transform }),
  );
  return out;
}
