import { describe, expect, it } from 'vitest';
import type { Batch } from '../../../src/maya/model/batch';
import { addCopyPrior, COPY_SCALE, copyColumnIndex, copyShares } from '../../../src/maya/model/copy-prior';
import type { Layout } from '../../../src/maya/model/layout';
import { backend } from './fixture';

/**
 * A hand-made layout: column 0 the type (vocab 3, its own head), columns 1 and 2 one head group
 * of vocab 4 (logits 0..3 for column 1, 4..7 for column 2).
 */
const lay = {
  catWidth: 3,
  vocab: [3, 4, 4],
  typeSeparate: true,
  headGroups: [{ vocab: 4, cols: [1, 2], start: 0 }],
  catTotal: 8,
} as unknown as Layout;

/** One window of three rows: (type, c1, c2) = (2, 1, 3), (2, 2, 3), (1, 2, 0). */
const batch = (valid?: Uint8Array): Batch => ({
  B: 1,
  T: 3,
  cat: Int32Array.from([2, 1, 3, 2, 2, 3, 1, 2, 0]),
  num: new Float32Array(0),
  mask: new Uint8Array(0),
  valid,
});

describe('copy prior', () => {
  it('maps every fused logit to its column', () => {
    expect([...copyColumnIndex(lay)]).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
  });

  it('gives each causal query the shares of the rows it has seen, and the last query the whole window', () => {
    const s = copyShares(lay, batch(), true);
    // Query t counts rows 0..t (hand-counted from the rows above).
    expect([...(s.type as Float32Array)]).toEqual([0, 0, 1, 0, 0, 1, 0, 1 / 3, 2 / 3].map(Math.fround));
    expect([...s.cat.subarray(0, 8)]).toEqual([0, 1, 0, 0, 0, 0, 0, 1]);
    expect([...s.cat.subarray(8, 16)]).toEqual([0, 0.5, 0.5, 0, 0, 0, 0, 1]);
    expect([...s.cat.subarray(16, 24)]).toEqual([0, 1 / 3, 2 / 3, 0, 1 / 3, 0, 0, 2 / 3].map(Math.fround));
    const last = copyShares(lay, batch(), false);
    expect([...last.cat]).toEqual([...s.cat.subarray(16, 24)]);
    // A padding row is not counted: with row 0 padding, the last query sees rows 1 and 2 only.
    const padded = copyShares(lay, batch(Uint8Array.from([0, 1, 1])), false);
    expect([...(padded.type as Float32Array)]).toEqual([0, 0.5, 0.5]);
  });

  it('adds β · COPY_SCALE · share to the logits, the same β for every id of a column, repeated over conditioned copies', async () => {
    const { tf } = await backend();
    const s = copyShares(lay, batch(), false);
    const copy = { type: tf.tensor2d(s.type as Float32Array, [1, 3]), cat: tf.tensor2d(s.cat, [1, 8]) };
    const beta = tf.tensor1d([0.1, 0.2, -0.3]);
    // K = 2 type-conditioned copies of the one query row, zero logits.
    const out = addCopyPrior(
      tf,
      beta,
      tf.tensor1d(copyColumnIndex(lay), 'int32'),
      copy,
      tf.zeros([1, 3]),
      tf.zeros([2, 8]),
    );
    const k = COPY_SCALE;
    const row = [0, 1 / 3, 2 / 3, 0].map((x) => 0.2 * k * x).concat([1 / 3, 0, 0, 2 / 3].map((x) => -0.3 * k * x));
    const cat = Array.from(await out.catLogits.data());
    for (const [i, v] of [...row, ...row].entries()) expect(cat[i]).toBeCloseTo(v, 5);
    const type = Array.from(await (out.typeLogits as ReturnType<typeof tf.zeros>).data());
    [0, 1 / 3, 2 / 3].forEach((x, i) => expect(type[i]).toBeCloseTo(0.1 * k * x, 5));
  });
});
