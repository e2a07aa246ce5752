import type * as tfjs from '@tensorflow/tfjs';
import { loadTfjs, type Tf } from '../../core';
import type { DirectionModel } from './types';
import { shuffled, windowsAt, type NetConfig } from './windows';

type V = tfjs.Variable;

/**
 * A one-block, one-head Transformer encoder over the feature window (tfjs has no attention layer,
 * so the block is written in ops): input projection plus a learned position embedding,
 * self-attention, feed-forward, post-layer-norm residuals, the last position's state into a
 * sigmoid unit. Every window ends at the decision bar, so no mask is needed.
 */
export function transformerModel(cfg: NetConfig): DirectionModel {
  let tf: Tf | undefined;
  let p: Record<string, V> = {};

  const forward = (t: Tf, x: tfjs.Tensor3D): tfjs.Tensor2D => {
    const [B, L, F] = x.shape;
    const d = cfg.hidden;
    const dense3 = (h: tfjs.Tensor3D, w: V, b?: V): tfjs.Tensor3D => {
      const inDim = h.shape[2];
      const y = t.matMul(t.reshape(h, [B * L, inDim]) as tfjs.Tensor2D, w as unknown as tfjs.Tensor2D);
      return t.reshape(b ? t.add(y, b) : y, [B, L, w.shape[1] as number]) as tfjs.Tensor3D;
    };
    const norm = (h: tfjs.Tensor3D, g: V, b: V): tfjs.Tensor3D => {
      const { mean, variance } = t.moments(h, -1, true);
      return t.add(t.mul(t.div(t.sub(h, mean), t.sqrt(t.add(variance, 1e-5))), g), b) as tfjs.Tensor3D;
    };
    void F;
    const h0 = t.add(dense3(x, p.wIn as V, p.bIn as V), p.pos as V) as tfjs.Tensor3D;
    const q = dense3(h0, p.wq as V);
    const k = dense3(h0, p.wk as V);
    const v = dense3(h0, p.wv as V);
    const att = t.softmax(t.div(t.matMul(q, k, false, true), Math.sqrt(d)));
    const ctx = dense3(t.matMul(att, v) as tfjs.Tensor3D, p.wo as V);
    const h1 = norm(t.add(h0, ctx) as tfjs.Tensor3D, p.g1 as V, p.b1n as V);
    const ff = dense3(t.relu(dense3(h1, p.w1 as V, p.b1 as V)) as tfjs.Tensor3D, p.w2 as V, p.b2 as V);
    const h2 = norm(t.add(h1, ff) as tfjs.Tensor3D, p.g2 as V, p.b2n as V);
    const last = t.reshape(t.slice(h2, [0, L - 1, 0], [B, 1, d]), [B, d]) as tfjs.Tensor2D;
    return t.add(t.matMul(last, p.wOut as unknown as tfjs.Tensor2D), p.bOut as V) as tfjs.Tensor2D;
  };

  return {
    name: 'transformer',
    async fit(data, train) {
      tf = (await loadTfjs()).tf;
      const t = tf;
      const d = cfg.hidden;
      const F = data.features;
      const L = data.window;
      let s = cfg.seed;
      const w = (shape: number[], fanIn: number) =>
        t.variable(t.randomNormal(shape, 0, Math.sqrt(1 / fanIn), 'float32', s++));
      for (const v of Object.values(p)) v.dispose();
      p = {
        wIn: w([F, d], F),
        bIn: t.variable(t.zeros([d])),
        pos: w([L, d], d),
        wq: w([d, d], d),
        wk: w([d, d], d),
        wv: w([d, d], d),
        wo: w([d, d], d),
        g1: t.variable(t.ones([d])),
        b1n: t.variable(t.zeros([d])),
        w1: w([d, 2 * d], d),
        b1: t.variable(t.zeros([2 * d])),
        w2: w([2 * d, d], 2 * d),
        b2: t.variable(t.zeros([d])),
        g2: t.variable(t.ones([d])),
        b2n: t.variable(t.zeros([d])),
        wOut: w([d, 1], d),
        bOut: t.variable(t.zeros([1])),
      };
      const opt = t.train.adam(cfg.learningRate);
      const rows = train.filter((i) => data.y[i] !== null);
      for (let e = 0; e < cfg.epochs; e++) {
        const order = shuffled(rows, cfg.seed * 1000 + e);
        for (let b = 0; b < order.length; b += cfg.batchSize) {
          const batch = order.slice(b, b + cfg.batchSize);
          const xs = t.tensor3d(windowsAt(data, batch), [batch.length, L, F]);
          const ys = t.tensor2d(
            batch.map((i) => data.y[i] as number),
            [batch.length, 1],
          );
          const loss = opt.minimize(
            () => t.losses.sigmoidCrossEntropy(ys, forward(t, xs)) as tfjs.Scalar,
            true,
            Object.values(p),
          );
          t.dispose([xs, ys, ...(loss ? [loss] : [])]);
        }
      }
      opt.dispose();
    },
    async predict(data, at) {
      const t = tf;
      if (!t || !p.wIn) throw new Error('transformer: predict before fit');
      const out = t.tidy(() =>
        t.sigmoid(forward(t, t.tensor3d(windowsAt(data, at), [at.length, data.window, data.features]))),
      );
      const probs = Array.from(await out.data());
      out.dispose();
      return probs;
    },
    dispose() {
      for (const v of Object.values(p)) v.dispose();
      p = {};
    },
  };
}
