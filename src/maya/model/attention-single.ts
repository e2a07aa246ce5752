import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../../core/tfjs';
import { dense } from './ops';

type T2 = tfjs.Tensor2D;

/**
 * Constant masks for attentionSingle: k [d, H, 1] is δ(head of row, h') / √dh, v [H, 1, d] is
 * δ(h', head of column). Made once per model and shape (Network keeps them).
 */
export function blockMasks(tf: Tf, heads: number, d: number): { k: tfjs.Tensor3D; v: tfjs.Tensor3D } {
  const dh = d / heads;
  const k = new Float32Array(d * heads);
  const v = new Float32Array(heads * d);
  for (let r = 0; r < d; r++) {
    k[r * heads + Math.floor(r / dh)] = 1 / Math.sqrt(dh);
    v[Math.floor(r / dh) * d + r] = 1;
  }
  return { k: tf.tensor3d(k, [d, heads, 1]), v: tf.tensor3d(v, [heads, 1, d]) };
}

/**
 * Self-attention of a single window (B = 1) for inference, every head in one plain matMul.
 *
 * Why: tfjs-wasm runs batched matMuls ([heads, T, dh] · [heads, dh, T]) in a slow scalar loop
 * (~0.6 GMAC/s), while a batch-1 matMul goes to XNNPACK (~11 GMAC/s). With K and V spread into
 * block-diagonal matrices (head h's rows only in head h's columns; the rest exact zeros) the
 * scores of all heads are Q [Tq, d] · Kbd [d, H·T] and the merged output, already in [Tq, d]
 * order, is P [Tq, H·T] · Vbd [H·T, d]: H times the multiply-adds, ~20x the speed, and no
 * per-head transposes. Same function as ops.attention (equal within float rounding: tested).
 * x [T, d]; bias [1, 1, T, T] or undefined; `lastQuery`: only the last position's output [1, d].
 */
export function attentionSingle(
  tf: Tf,
  x: T2,
  p: { qkvW: tfjs.Tensor; qkvB: tfjs.Tensor; outW: tfjs.Tensor; outB: tfjs.Tensor },
  masks: { k: tfjs.Tensor3D; v: tfjs.Tensor3D },
  bias: tfjs.Tensor | undefined,
  lastQuery: boolean,
): T2 {
  const [T, d] = x.shape;
  const H = masks.k.shape[1];
  const Tq = lastQuery ? 1 : T;
  const [q, k, v] = tf.split(dense(tf, x, p.qkvW, p.qkvB), 3, 1) as [T2, T2, T2];
  const qq = lastQuery ? tf.slice(q, [T - 1, 0], [1, d]) : q;
  const kbd = tf.reshape(tf.mul(tf.reshape(tf.transpose(k), [d, 1, T]), masks.k), [d, H * T]) as T2;
  let s: tfjs.Tensor = tf.reshape(tf.fused.matMul({ a: qq, b: kbd }), [Tq, H, T]);
  if (bias) s = tf.add(s, tf.reshape(lastQuery ? tf.slice(bias, [0, 0, T - 1, 0], [1, 1, 1, T]) : bias, [Tq, 1, T]));
  const probs = tf.reshape(tf.softmax(s), [Tq, H * T]) as T2;
  const vbd = tf.reshape(tf.mul(tf.reshape(v, [1, T, d]), masks.v), [H * T, d]) as T2;
  return dense(tf, tf.fused.matMul({ a: probs, b: vbd }) as T2, p.outW, p.outB);
}
