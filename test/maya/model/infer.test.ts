import { describe, expect, it } from 'vitest';
import type * as tfjs from '@tensorflow/tfjs';
import { createModel, singleWindow, windowBatch, type Batch, type MayaModel } from '../../../src/maya/model';
import { attentionSingle, blockMasks } from '../../../src/maya/model/attention-single';
import { windowOutputs } from '../../../src/maya/model/heads-out';
import { attention, Dropout } from '../../../src/maya/model/ops';
import { TYPE_COL } from '../../../src/maya/model/layout';
import { backend, PROTOTYPE_PATHS, smallSet, tinyConfig } from './fixture';

/**
 * The inference path (embedding rows built in JS, every type's conditioning by one broadcast
 * add, softmax and sigmoid taken in JS on the read-back logits) against the tensor path that
 * training uses: gathers and concat, Tile + gathered conditioning rows, tf.softmax / tf.sigmoid.
 */
function reference(m: MayaModel, b: Batch, type?: number): Float32Array[] {
  const { tf, net, layout: lay } = m;
  const Vt = lay.vocab[TYPE_COL] as number;
  const K = m.config.arch.typeConditioned && type === undefined ? Vt : 1;
  const M = b.B * K;
  const inp = net.inputs(b, false);
  try {
    return tf.tidy(() => {
      const h = net.trunk(inp, undefined, net.lastOnlyTrunk);
      const z = net.lastOnlyTrunk ? h : net.last(h, b.B, b.T);
      const ids = Int32Array.from({ length: M }, (_, r) => (K === 1 ? (type ?? 0) : r % K));
      const out = net.heads(z, h, inp, m.config.arch.typeConditioned ? tf.tensor1d(ids, 'int32') : undefined);
      const read = (t: tfjs.Tensor) => t.dataSync() as Float32Array;
      const groups = lay.headGroups.map((g) =>
        read(
          tf.softmax(
            tf.reshape(tf.slice(out.catLogits, [0, g.start], [M, g.cols.length * g.vocab]), [
              M,
              g.cols.length,
              g.vocab,
            ]),
          ),
        ),
      );
      return [
        ...groups,
        read(out.num),
        ...(out.typeLogits ? [read(tf.softmax(out.typeLogits))] : []),
        ...(out.presence ? [read(tf.sigmoid(out.presence))] : []),
        ...(out.pointer ? [read(tf.softmax(out.pointer))] : []),
      ];
    });
  } finally {
    tf.dispose(inp.owned);
  }
}

function fast(m: MayaModel, b: Batch, type?: number): Float32Array[] {
  const o = windowOutputs(m, b, type);
  return [
    ...o.groups,
    o.num,
    ...(m.layout.typeSeparate ? [o.pType] : []),
    ...(o.pres ? [o.pres] : []),
    ...(o.ptr ? [o.ptr] : []),
  ];
}

function maxDiff(a: Float32Array[], b: Float32Array[]): number {
  expect(b.map((x) => x.length)).toEqual(a.map((x) => x.length));
  let d = 0;
  a.forEach((x, k) => x.forEach((v, i) => (d = Math.max(d, Math.abs(v - ((b[k] as Float32Array)[i] as number))))));
  return d;
}

describe('inference outputs', () => {
  it.each([
    ['default paths (pointer, type-conditioned, copy prior, presence)', {}],
    ['prototype paths', PROTOTYPE_PATHS],
  ])('equal the training-path tensors within 1e-5 (%s)', async (_name, overrides) => {
    const { tf, info } = await backend();
    const set = await smallSet();
    const m = createModel(tf, info, set.artifacts, tinyConfig(overrides), 11);
    try {
      const b = windowBatch(set, set.windows.test.subarray(0, 4), set.artifacts.seqLen, 'none');
      for (const type of [undefined, 2]) expect(maxDiff(reference(m, b, type), fast(m, b, type))).toBeLessThan(1e-5);
      // One window left-padded to seqLen (3 real rows): masked attention keys and pointer slots.
      const { catWidth: C, numWidth: J, seqLen: L } = set.artifacts;
      const s0 = set.windows.test[0] as number;
      const part = {
        cat: set.cat.slice(s0 * C, (s0 + 3) * C),
        num: set.num.slice(s0 * J, (s0 + 3) * J),
        mask: set.mask.slice(s0 * J, (s0 + 3) * J),
      };
      const padded = singleWindow(part, C, J, L);
      for (const type of [undefined, 2])
        expect(maxDiff(reference(m, padded, type), fast(m, padded, type))).toBeLessThan(1e-5);
      // New weights (as after a training step or a checkpoint load) are used, not a cached copy.
      const before = fast(m, b);
      const snap = m.params.snapshot();
      for (const [name, v] of snap) if (name.startsWith('embed/')) v.forEach((x, i) => (v[i] = x + Math.sin(i)));
      m.params.assign(snap);
      const after = fast(m, b);
      expect(maxDiff(reference(m, b), after)).toBeLessThan(1e-5);
      expect(maxDiff(before, after)).toBeGreaterThan(1e-3);
    } finally {
      m.dispose();
    }
  });
});

describe('single-window attention (block-diagonal heads)', () => {
  it.each([
    ['causal', 4, false],
    ['causal, last query only', 4, true],
    ['padding mask, 8 heads', 8, false],
    ['padding mask, last query only', 2, true],
  ])('equals the batched attention within 1e-5 (%s)', async (name, H, lastQuery) => {
    const { tf } = await backend();
    const [T, d] = [7, 32];
    tf.tidy(() => {
      const r = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 0.5, 'float32', seed);
      const p = { qkvW: r([d, 3 * d], 1), qkvB: r([3 * d], 2), outW: r([d, d], 3), outB: r([d], 4) };
      const x = r([T, d], 5) as tfjs.Tensor2D;
      // -1e9 above the diagonal (causal), or on the first two keys except a query's own (padding).
      const bias = tf.tensor4d(
        Array.from({ length: T * T }, (_, i) => {
          const [q, k] = [Math.floor(i / T), i % T];
          return (name.startsWith('causal') ? k > q : k < 2 && k !== q) ? -1e9 : 0;
        }),
        [1, 1, T, T],
      );
      const ref = attention(tf, x, p, { B: 1, T, heads: H }, bias, new Dropout(tf, 0, undefined), lastQuery);
      const got = attentionSingle(tf, x, p, blockMasks(tf, H, d), bias, lastQuery);
      expect(got.shape).toEqual([lastQuery ? 1 : T, d]);
      const a = ref.dataSync();
      const b = got.dataSync();
      let diff = 0;
      a.forEach((v, i) => (diff = Math.max(diff, Math.abs(v - (b[i] as number)))));
      expect(diff).toBeLessThan(1e-5);
      expect(Math.max(...Array.from(a, Math.abs))).toBeGreaterThan(0.1); // not a comparison of zeros
    });
  });
});
