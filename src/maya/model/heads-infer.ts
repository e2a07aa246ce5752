import type * as tfjs from '@tensorflow/tfjs';
import { pointerSlotMask, type Batch } from './batch';
import { COPY_SCALE, copyColumnIndex, copyShares } from './copy-prior';
import { paramValues } from './infer-input';
import { TYPE_COL } from './layout';
import type { MayaModel } from './model';
import { dense } from './ops';

type T2 = tfjs.Tensor2D;

/** Head logits read back to JS (what Network.heads returns, as arrays; `num` keeps values | presence logits). */
export interface RawHeads {
  /** [M·K, catTotal], copy prior added. */
  cat: Float32Array;
  /** [M, Vt] when the type head is separate, copy prior added. */
  type?: Float32Array;
  /** [M·K, J] or, with a presence head, [M·K, 2J]. */
  num: Float32Array;
  /** [M·K·P, 2 + T·P], slot mask added. */
  ptr?: Float32Array;
}

/**
 * Network.heads for inference on last-position rows z [B, d] (h: the trunk's output, for the
 * pointer keys): the dense projections run in tfjs, everything after them — the copy prior, the
 * pointer scores (~20k multiply-adds) and their slot mask — in JS on the read-back values.
 * A single prediction is dominated by per-kernel overhead on wasm, and this replaces ~25
 * kernels (gathers, broadcasts, a batched matMul, concat, reshapes) with loops over a few
 * thousand values. K: conditioned copies per row (every type), or 1 with `type` given.
 */
export function headsInfer(m: MayaModel, b: Batch, z: T2, h: T2, K: number, type?: number): RawHeads {
  const { tf, layout: lay } = m;
  const a = m.config.arch;
  const p = (n: string) => m.params.v(n);
  const read = (t: tfjs.Tensor) => t.dataSync() as Float32Array;
  const B = b.B;
  const d = a.dModel;
  let zc = z;
  if (a.typeConditioned) {
    const table = p('head/cond');
    zc =
      K > 1
        ? (tf.reshape(tf.add(tf.reshape(z, [B, 1, d]), tf.reshape(table, [1, K, d])), [B * K, d]) as T2)
        : tf.add(z, tf.slice(table, [type ?? 0, 0], [1, d]));
  }
  const out: RawHeads = {
    type: lay.typeSeparate ? read(dense(tf, z, p('head/type/w'), p('head/type/b'))) : undefined,
    cat: read(dense(tf, zc, p('head/cat/w'), p('head/cat/b'))),
    num: read(dense(tf, zc, p('head/num/w'), p('head/num/b'))),
  };
  if (a.copyPrior) {
    const s = copyShares(lay, b, false); // one query row per window
    const beta = paramValues(p('head/copy'));
    const col = copyColumnIndex(lay);
    const W = lay.catTotal;
    for (let r = 0; r < B * K; r++) {
      const i = Math.floor(r / K);
      for (let w = 0; w < W; w++)
        out.cat[r * W + w] =
          (out.cat[r * W + w] as number) +
          (s.cat[i * W + w] as number) * (beta[col[w] as number] as number) * COPY_SCALE;
    }
    if (out.type && s.type) {
      const bt = (beta[TYPE_COL] as number) * COPY_SCALE;
      for (let v = 0; v < out.type.length; v++) out.type[v] = (out.type[v] as number) + (s.type[v] as number) * bt;
    }
  }
  if (lay.pointerCols.length) out.ptr = pointerLogits(m, b, zc, h, K);
  return out;
}

/** [specials (absent, new) | q · k / √dp + slot mask] per query (window, conditioned copy, pointer column). */
function pointerLogits(m: MayaModel, b: Batch, zc: T2, h: T2, K: number): Float32Array {
  const { tf, layout: lay } = m;
  const P = lay.pointerCols.length;
  const dp = m.config.arch.pointerDim;
  const { B, T } = b;
  const S = T * P;
  const Q = K * P;
  const q = dense(tf, zc, m.params.v('ptr/q/w')).dataSync() as Float32Array; // [B, Q, dp]
  const k = dense(tf, h, m.params.v('ptr/k/w')).dataSync() as Float32Array; // [B, S, dp]
  const sp = dense(tf, zc, m.params.v('ptr/sp/w'), m.params.v('ptr/sp/b')).dataSync() as Float32Array; // [B, Q, 2]
  const mask = pointerSlotMask(lay, b, false); // [B, 1, S]
  const scale = 1 / Math.sqrt(dp);
  const out = new Float32Array(B * Q * (2 + S));
  for (let i = 0; i < B; i++) {
    for (let qi = 0; qi < Q; qi++) {
      const row = (i * Q + qi) * (2 + S);
      const qa = (i * Q + qi) * dp;
      out[row] = sp[(i * Q + qi) * 2] as number;
      out[row + 1] = sp[(i * Q + qi) * 2 + 1] as number;
      for (let s = 0; s < S; s++) {
        const ka = (i * S + s) * dp;
        let dot = 0;
        for (let e = 0; e < dp; e++) dot += (q[qa + e] as number) * (k[ka + e] as number);
        out[row + 2 + s] = dot * scale + (mask[i * S + s] as number);
      }
    }
  }
  return out;
}
