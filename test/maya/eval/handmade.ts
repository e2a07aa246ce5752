import {
  buildFeatures,
  CAT_WIDTH,
  CATEGORY_FIELDS,
  NUM_WIDTH,
  NUMERIC_FIELDS,
  type FeatureSet,
} from '../../../src/maya/features';
import { synthActions } from '../features/synth';

/**
 * A 22-action FeatureSet written by hand (seqLen 2), with artifacts borrowed from a real build so
 * the vocabularies and scalers are valid. Type ids: A = 3, B = 2, C = 4, D = 5.
 * Train windows start at 0..12 (targets rows 2..14), test windows at 15..19 (targets rows 17..21).
 */
export const A = 3;
export const B = 2;
export const C = 4;
export const D = 5;
export const TYPES = [D, A, B, C, A, B, C, A, A, C, B, A, C, A, A, /* test */ A, B, C, D, A, C, B];
/** pool1 ids follow the type on train targets (A → 2, B → 3, C → 4), except row 12 (a C) with 2. */
export const POOL1 = TYPES.map((t, i) => (i === 12 ? 2 : t === A ? 2 : t === B ? 3 : t === C ? 4 : 5));
/** inAmount (scaled): present for A (1, except row 11: 2) and C (-1, except row 12: -3), absent for B and D. */
export const IN_AMOUNT = TYPES.map((t, i) => (t === A ? (i === 11 ? 2 : 1) : t === C ? (i === 12 ? -3 : -1) : NaN));

export const TYPE_COL = CATEGORY_FIELDS.findIndex((f) => f.name === 'type');
export const POOL1_COL = CATEGORY_FIELDS.findIndex((f) => f.name === 'pool1');
export const IN_AMOUNT_COL = NUMERIC_FIELDS.findIndex((f) => f.name === 'inAmount');

export async function handmadeSet(): Promise<FeatureSet> {
  const base = await buildFeatures(synthActions(120, 3), { seqLen: 2, buckets: 16 });
  if (base.artifacts.vocabs.type.length !== 6) throw new Error('expected 4 action types in the synthetic vocabulary');
  const count = TYPES.length;
  const cat = new Int32Array(count * CAT_WIDTH);
  const num = new Float32Array(count * NUM_WIDTH);
  const mask = new Uint8Array(count * NUM_WIDTH);
  TYPES.forEach((t, i) => {
    cat[i * CAT_WIDTH + TYPE_COL] = t;
    cat[i * CAT_WIDTH + POOL1_COL] = POOL1[i] as number;
    const x = IN_AMOUNT[i] as number;
    if (!Number.isNaN(x)) {
      num[i * NUM_WIDTH + IN_AMOUNT_COL] = x;
      mask[i * NUM_WIDTH + IN_AMOUNT_COL] = 1;
    }
  });
  const range = (a: number, b: number) => Int32Array.from({ length: b - a }, (_, i) => a + i);
  return {
    artifacts: base.artifacts,
    count,
    cat,
    num,
    mask,
    windows: { train: range(0, 13), validation: new Int32Array(0), test: range(15, 20) },
  };
}
