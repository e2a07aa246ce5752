import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../../core/tfjs';
import type { ModelConfig } from './config';
import { attention, dense, Dropout } from './ops';

type T2 = tfjs.Tensor2D;

/**
 * One half of every layer's heads and feed-forward units (split-infer.ts): half `s` holds heads
 * [s·H/2, (s+1)·H/2) of the fused QKV projection and the matching rows of the output projection,
 * and hidden units [s·F/2, (s+1)·F/2) of the feed-forward. Each half's output is a partial sum:
 * the two add up to the layer's sublayer output, less the output biases (added once, by the caller).
 */
export interface HalfLayer {
  qkvW: T2;
  qkvB: tfjs.Tensor1D;
  outW: T2;
  ff1W: T2;
  ff1B: tfjs.Tensor1D;
  ff2W: T2;
}

/** Columns [from, to) of a row-major [rows, cols] matrix. */
function cols(v: Float32Array, rows: number, cols: number, ranges: [number, number][]): Float32Array {
  const width = ranges.reduce((s, [a, b]) => s + b - a, 0);
  const out = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    let at = r * width;
    for (const [a, b] of ranges) {
      out.set(v.subarray(r * cols + a, r * cols + b), at);
      at += b - a;
    }
  }
  return out;
}

/** Half `s` of every layer, as kept tensors (the caller disposes them). */
export function halfLayers(tf: Tf, cfg: ModelConfig, get: (name: string) => Float32Array, s: 0 | 1): HalfLayer[] {
  const { dModel: d, ffn: F, layers } = cfg.arch;
  const h = d / 2;
  const f = F / 2;
  // QKV columns are (q|k|v, head, dh): this half's heads are one contiguous run inside each of q, k, v.
  const qkvRanges: [number, number][] = [0, 1, 2].map((part) => [part * d + s * h, part * d + (s + 1) * h]);
  return Array.from({ length: layers }, (_, l) => {
    const w = (n: string) => get(`l${l}/${n}`);
    return {
      qkvW: tf.keep(tf.tensor2d(cols(w('qkv/w'), d, 3 * d, qkvRanges), [d, 3 * h])),
      qkvB: tf.keep(tf.tensor1d(cols(w('qkv/b'), 1, 3 * d, qkvRanges))),
      outW: tf.keep(tf.tensor2d(w('out/w').slice(s * h * d, (s + 1) * h * d), [h, d])),
      ff1W: tf.keep(tf.tensor2d(cols(w('ff1/w'), d, F, [[s * f, (s + 1) * f]]), [d, f])),
      ff1B: tf.keep(tf.tensor1d(w('ff1/b').slice(s * f, (s + 1) * f))),
      ff2W: tf.keep(tf.tensor2d(w('ff2/w').slice(s * f * d, (s + 1) * f * d), [f, d])),
    };
  });
}

const noDropout = (tf: Tf) => new Dropout(tf, 0, undefined);

/** This half's share of self-attention on one window x [T, d] ([1, d] with lastQuery). */
export function halfAttention(
  tf: Tf,
  x: T2,
  w: HalfLayer,
  heads: number,
  bias: tfjs.Tensor | undefined,
  lastQuery: boolean,
): T2 {
  const T = x.shape[0];
  return attention(
    tf,
    x,
    { qkvW: w.qkvW, qkvB: w.qkvB, outW: w.outW },
    { B: 1, T, heads: heads / 2 },
    bias,
    noDropout(tf),
    lastQuery,
  );
}

/** This half's share of the feed-forward on rows x [N, d]. */
export function halfFfn(tf: Tf, x: T2, w: HalfLayer): T2 {
  return dense(tf, dense(tf, x, w.ff1W, w.ff1B, 'relu'), w.ff2W);
}

export function disposeHalf(tf: Tf, layers: HalfLayer[]): void {
  for (const w of layers) tf.dispose([w.qkvW, w.qkvB, w.outW, w.ff1W, w.ff1B, w.ff2W]);
}
