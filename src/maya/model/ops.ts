import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../../core/tfjs';

type T2 = tfjs.Tensor2D;

/**
 * True while a gradient is being recorded (variableGrads). Outside it the ops below run their
 * forward kernels directly: a customGrad wrapper costs a few kernels and bookkeeping per call,
 * which is most of a single-window prediction's time on wasm.
 */
export function taping(tf: Tf): boolean {
  return tf.engine().state.gradientDepth > 0;
}

/** Column sums of g [N, k] as one matMul ones[1, N] · g (on wasm 10x faster than tf.sum(g, 0), which transposes first). */
function colSum(tf: Tf, g: T2): tfjs.Tensor1D {
  return tf.reshape(tf.matMul(tf.ones([1, g.shape[0]]) as T2, g), [g.shape[1]]) as tfjs.Tensor1D;
}

/**
 * x · w (+ b, relu) with a hand-written gradient that runs only untransposed matMuls: on the wasm
 * backend a matMul with transposeA/transposeB is 10-35x slower than an explicit transpose plus a
 * plain matMul, and tfjs's own MatMul gradient uses the transposed forms.
 */
export function dense(tf: Tf, x: T2, w: tfjs.Tensor, b?: tfjs.Tensor, activation: 'linear' | 'relu' = 'linear'): T2 {
  if (!taping(tf)) return tf.fused.matMul({ a: x, b: w as T2, bias: b, activation }) as T2;
  const relu = activation === 'relu';
  const f = tf.customGrad((...args: unknown[]) => {
    const [xi, wi] = args as [T2, T2];
    const bi = b ? (args[2] as tfjs.Tensor1D) : undefined;
    const save = args[b ? 3 : 2] as (ts: tfjs.Tensor[]) => void;
    const y = tf.fused.matMul({ a: xi, b: wi, bias: bi, activation });
    save(relu ? [xi, wi, y] : [xi, wi]);
    return {
      value: y,
      gradFunc: (dy: tfjs.Tensor, saved: tfjs.Tensor[]) => {
        const [sx, sw, sy] = saved as [T2, T2, T2 | undefined];
        const g = (sy ? tf.mul(dy, tf.step(sy)) : dy) as T2;
        const grads: tfjs.Tensor[] = [tf.matMul(g, tf.transpose(sw)), tf.matMul(tf.transpose(sx), g)];
        if (b) grads.push(colSum(tf, g));
        return grads;
      },
    };
  });
  return (b ? f(x, w, b) : f(x, w)) as T2;
}

/**
 * Layer norm over the last axis of x [N, d] with a hand-written gradient: about half the kernels
 * of the autodiff version, which matters on wasm where each small op costs.
 */
export function layerNorm(tf: Tf, x: T2, g: tfjs.Tensor, b: tfjs.Tensor, eps = 1e-5): T2 {
  if (!taping(tf)) {
    const xc = tf.sub(x, tf.mean(x, -1, true));
    return tf.add(tf.mul(tf.mul(xc, tf.rsqrt(tf.add(tf.mean(tf.square(xc), -1, true), eps))), g), b);
  }
  const f = tf.customGrad((...args: unknown[]) => {
    const [xi, gi, bi] = args as [T2, tfjs.Tensor1D, tfjs.Tensor1D];
    const save = args[3] as (ts: tfjs.Tensor[]) => void;
    const xc = tf.sub(xi, tf.mean(xi, -1, true));
    const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(xc), -1, true), eps));
    const xhat = tf.mul(xc, rstd);
    save([xhat, rstd, gi]);
    return {
      value: tf.add(tf.mul(xhat, gi), bi),
      gradFunc: (dy: tfjs.Tensor, saved: tfjs.Tensor[]) => {
        const [sx, sr, sg] = saved as [T2, T2, tfjs.Tensor1D];
        const dxhat = tf.mul(dy, sg);
        const m1 = tf.mean(dxhat, -1, true);
        const m2 = tf.mean(tf.mul(dxhat, sx), -1, true);
        const dx = tf.mul(tf.sub(tf.sub(dxhat, m1), tf.mul(sx, m2)), sr);
        return [dx, colSum(tf, tf.mul(dy, sx) as T2), colSum(tf, dy as T2)];
      },
    };
  });
  return f(x, g, b) as T2;
}

/** mulberry32's state increment (src/core/rng.ts): its k-th draw from seed s is the first draw from s + k·this. */
const MULBERRY_STEP = 0x6d2b79f5;

/**
 * Inverted-dropout mask (values 0 or 1/(1-rate)) drawn from its own seed, so a step's masks are a
 * function of (run seed, step, site) and a resumed run draws the same ones. `skip`: start at that
 * draw of the stream (a worker's shard of a batch gets its rows' part of the whole batch's mask).
 */
export function dropoutMask(tf: Tf, shape: number[], rate: number, seed: number, skip = 0): tfjs.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const keep = 1 / (1 - rate);
  const v = new Float32Array(n);
  // createRng's mulberry32 written out inline (the same draws): a call per draw cost ~12 ns, and
  // s25_l6 draws ~34M per step.
  // draw / 2^32 ≥ rate  ⇔  draw ≥ rate · 2^32 (both sides exact in float64).
  const threshold = rate * 4294967296;
  let a = (seed + Math.imul(skip, MULBERRY_STEP)) >>> 0;
  for (let i = 0; i < n; i++) {
    a = (a + MULBERRY_STEP) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    v[i] = (t ^ (t >>> 14)) >>> 0 >= threshold ? keep : 0;
  }
  return tf.tensor(v, shape, 'float32');
}

/**
 * Draws per-site dropout seeds for one forward pass; no-op (identity) outside training. Every
 * masked tensor has the batch's windows on its leading axis; `shard` (windows `first`.. of a
 * batch split across workers, B of them here) draws those windows' part of the whole batch's masks.
 */
export class Dropout {
  private site = 0;
  constructor(
    private readonly tf: Tf,
    readonly rate: number,
    private readonly seed: number | undefined,
    private readonly shard?: { first: number; B: number },
  ) {}
  get active(): boolean {
    return this.seed !== undefined && this.rate > 0;
  }
  /**
   * x · mask. `full`: x is part of a tensor of that shape (the last position's rows of it), and
   * the mask is that part of the full tensor's mask, so skipping the other rows draws the same.
   */
  apply<X extends tfjs.Tensor>(x: X, full?: { shape: number[]; take: (m: tfjs.Tensor) => tfjs.Tensor }): X {
    if (!this.active) return x;
    const s = ((this.seed as number) * 7919 + ++this.site * 104729) >>> 0;
    const shape = full?.shape ?? x.shape;
    const sh = this.shard;
    const skip = sh && sh.first > 0 ? (sh.first * shape.reduce((a, b) => a * b, 1)) / sh.B : 0;
    const mask = dropoutMask(this.tf, shape, this.rate, s, skip);
    return this.tf.mul(x, full ? full.take(mask) : mask) as X;
  }
}

/** Row T−1 of each window: [B·T, k] → [B, k]. */
export function lastRows(tf: Tf, x: tfjs.Tensor, B: number, T: number): T2 {
  const k = x.shape[1] as number;
  return tf.reshape(tf.slice(tf.reshape(x, [B, T, k]), [0, T - 1, 0], [B, 1, k]), [B, k]) as T2;
}

/**
 * Multi-head self-attention with one fused QKV projection and no per-head loop.
 * x [B·T, d]; bias [B|1, 1, T, T] additive (0 or -1e9: causal and padding); returns [B·T, d],
 * or with `lastQuery` only the last position's output [B, d] (the others' queries are skipped).
 */
export function attention(
  tf: Tf,
  x: T2,
  p: { qkvW: tfjs.Tensor; qkvB: tfjs.Tensor; outW: tfjs.Tensor; outB?: tfjs.Tensor },
  dims: { B: number; T: number; heads: number },
  bias: tfjs.Tensor | undefined,
  drop: Dropout,
  lastQuery = false,
): T2 {
  const { B, T, heads: H } = dims;
  // The heads' width: dModel, or less for a share of the heads (split-infer.ts).
  const d = (p.qkvW.shape[1] as number) / 3;
  const dh = d / H;
  const qkv = dense(tf, x, p.qkvW, p.qkvB); // [B·T, 3d], columns (q|k|v, head, dh)
  // Split the 2-D [B·T, 3d] by columns, then each to [B, H, T, dh]: on wasm a SplitV of the 4-D
  // [B, 3H, T, dh] along axis 1 (and its Concat gradient) cost more than the matMuls around it.
  // Outside gradient recording K is transposed straight to [B, H, dh, T] (the same one Transpose)
  // and the scores are a plain matMul: tfjs-wasm's batched matMul with transposeB runs a slow loop.
  const plain = !taping(tf);
  const [q4, k, v] = tf.split(qkv, 3, 1).map((t, i) => {
    const h4 = tf.transpose(tf.reshape(t, [B, T, H, dh]), i === 1 && plain ? [0, 2, 3, 1] : [0, 2, 1, 3]);
    return i === 0 && lastQuery ? tf.slice(h4, [0, 0, T - 1, 0], [B, H, 1, dh]) : h4;
  });
  const Tq = lastQuery ? 1 : T;
  const q = tf.mul(tf.reshape(q4 as tfjs.Tensor, [B * H, Tq, dh]), 1 / Math.sqrt(dh)) as tfjs.Tensor3D;
  const scores = plain
    ? tf.matMul(q, tf.reshape(k as tfjs.Tensor, [B * H, dh, T]) as tfjs.Tensor3D)
    : tf.matMul(q, tf.reshape(k as tfjs.Tensor, [B * H, T, dh]) as tfjs.Tensor3D, false, true);
  let s: tfjs.Tensor = tf.reshape(scores, [B, H, Tq, T]);
  if (bias) s = tf.add(s, lastQuery ? tf.slice(bias, [0, 0, T - 1, 0], [-1, 1, 1, T]) : bias);
  const lastOfFull = (m: tfjs.Tensor) => tf.slice(m, [0, 0, T - 1, 0], [B, H, 1, T]);
  const probs = drop.apply(tf.softmax(s), lastQuery ? { shape: [B, H, T, T], take: lastOfFull } : undefined);
  const o = tf.matMul(
    tf.reshape(probs, [B * H, Tq, T]) as tfjs.Tensor3D,
    tf.reshape(v as tfjs.Tensor, [B * H, T, dh]) as tfjs.Tensor3D,
  );
  const merged = tf.reshape(tf.transpose(tf.reshape(o, [B, H, Tq, dh]), [0, 2, 1, 3]), [B * Tq, d]) as T2;
  return dense(tf, merged, p.outW, p.outB);
}

/** Sinusoidal position table [L, d] (Vaswani et al.). */
export function sinusoid(L: number, d: number): Float32Array {
  const out = new Float32Array(L * d);
  for (let t = 0; t < L; t++) {
    for (let i = 0; i < d; i += 2) {
      const angle = t / 10000 ** (i / d);
      out[t * d + i] = Math.sin(angle);
      if (i + 1 < d) out[t * d + i + 1] = Math.cos(angle);
    }
  }
  return out;
}
