import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../../core/tfjs';
import { pointerSlotMask, pointerTargetMask, type Batch, type Targets } from './batch';
import type { ModelConfig } from './config';
import { TYPE_COL, type Layout } from './layout';
import type { HeadOutputs } from './network';

type T1 = tfjs.Tensor1D;
type T2 = tfjs.Tensor2D;

/** Target tensors of one batch, plus the JS-side sums the loss normalises by. */
export interface TargetTensors {
  /** Type ids the conditioned heads see [M] (teacher forcing). */
  cond?: T1;
  labels: { type?: T1; groups: T1[] };
  /** Position weights as a row [1, M]. */
  wRow: T2;
  num: T2;
  /** Weight of each numeric residual [M, J]: w·mask ('masked') or w ('all'). */
  numW: T2;
  presence?: T2;
  /** Additive "which outcomes explain the target" mask of the pointer head [M·P, 2 + T·P]. */
  ptrMatch?: T2;
  /** Normalisers: Σ catWeights·Σw per column, numeric weights / their target counts, presence weight / Σw. */
  catScale: T1;
  numScale: T1;
  presScale: number;
  /** Residual of the numeric term (arch.numericError). */
  numericError: 'mse' | 'l1';
  /** Weights in play: categorical, numeric (columns with targets in the batch), presence (w_p·J). */
  catWeight: number;
  numWeight: number;
  presWeight: number;
  owned: tfjs.Tensor[];
}

/** The batch-wide sums the loss divides by: Σ position weights, and per numeric its weighted target count. */
export interface LossNorm {
  wSum: number;
  counts: Float64Array;
}

/** The normalisers of a batch's targets (a batch split across workers passes the whole batch's). */
export function lossNorm(cfg: ModelConfig, lay: Layout, t: Targets): LossNorm {
  const J = lay.numWidth;
  const M = t.weight.length;
  const masked = cfg.arch.numericLoss === 'masked';
  let wSum = 0;
  for (const w of t.weight) wSum += w;
  const counts = new Float64Array(J);
  for (let i = 0; i < M; i++)
    for (let j = 0; j < J; j++) counts[j] += (t.weight[i] as number) * (masked ? (t.mask[i * J + j] as number) : 1);
  return { wSum: Math.max(wSum, 1e-9), counts };
}

/**
 * `causalQueries`: every position is a query (training with targets 'all'), else one query per
 * window. `norm`: the normalisers to divide by (default this batch's own; a shard of a batch gets
 * the whole batch's, so the shards' losses and gradients sum to the whole batch's).
 */
export function targetTensors(
  tf: Tf,
  cfg: ModelConfig,
  lay: Layout,
  b: Batch,
  causalQueries: boolean,
  norm?: LossNorm,
): TargetTensors {
  const t = b.target as Targets;
  const { catWidth: C, numWidth: J } = lay;
  const M = b.B * t.Tq;
  const owned: tfjs.Tensor[] = [];
  const keep = <X extends tfjs.Tensor>(x: X): X => (owned.push(x), x);
  const column = (c: number) =>
    keep(
      tf.tensor1d(
        Int32Array.from({ length: M }, (_, i) => t.cat[i * C + c] as number),
        'int32',
      ),
    );
  const groupLabels = lay.headGroups.map((g) => {
    const v = new Int32Array(M * g.cols.length);
    for (let i = 0; i < M; i++) g.cols.forEach((c, k) => (v[i * g.cols.length + k] = t.cat[i * C + c] as number));
    return keep(tf.tensor1d(v, 'int32'));
  });
  const { wSum, counts } = norm ?? lossNorm(cfg, lay, t);
  const masked = cfg.arch.numericLoss === 'masked';
  const numW = new Float32Array(M * J);
  for (let i = 0; i < M; i++)
    for (let j = 0; j < J; j++)
      numW[i * J + j] = (t.weight[i] as number) * (masked ? (t.mask[i * J + j] as number) : 1);
  const catW = Float32Array.from(lay.catWeights, (w) => w / wSum);
  const numScale = Float32Array.from(lay.numWeights, (w, j) =>
    (counts[j] as number) > 0 ? w / (counts[j] as number) : 0,
  );
  const numWeightSum = lay.numWeights.reduce((s, w, j) => s + ((counts[j] as number) > 0 ? w : 0), 0);
  const pw = cfg.arch.presenceHead ? cfg.loss.presenceWeight : 0;
  const out: TargetTensors = {
    labels: { type: lay.typeSeparate ? column(TYPE_COL) : undefined, groups: groupLabels },
    cond: cfg.arch.typeConditioned ? column(TYPE_COL) : undefined,
    wRow: keep(tf.tensor2d(t.weight, [1, M])),
    num: keep(tf.tensor2d(t.num, [M, J])),
    numW: keep(tf.tensor2d(numW, [M, J])),
    catScale: keep(tf.tensor1d(catW)),
    numScale: keep(tf.tensor1d(numScale)),
    presScale: pw / wSum,
    numericError: cfg.arch.numericError,
    catWeight: lay.catWeights.reduce((s, w) => s + w, 0),
    numWeight: numWeightSum,
    presWeight: pw * J,
    owned,
  };
  if (cfg.arch.presenceHead) out.presence = keep(tf.tensor2d(Float32Array.from(t.mask), [M, J]));
  if (lay.pointerCols.length) {
    const m = pointerTargetMask(lay, b, pointerSlotMask(lay, b, causalQueries), causalQueries);
    out.ptrMatch = keep(tf.tensor2d(m, [M * lay.pointerCols.length, m.length / (M * lay.pointerCols.length)]));
  }
  return out;
}

/** Cross-entropy per row of logits [R, V] against int labels [R], gradient softmax − one-hot. */
export function softmaxCE(tf: Tf, logits: T2, labels: T1): T1 {
  // The wasm OneHot kernel ignores the dtype argument (writes int32 bits), so cast explicitly.
  const oh = tf.cast(tf.oneHot(labels, logits.shape[1]), 'float32');
  const f = tf.customGrad((...args: unknown[]) => {
    const lg = args[0] as T2;
    const save = args[1] as (ts: tfjs.Tensor[]) => void;
    const lse = tf.logSumExp(lg, -1, true);
    // Tensors the gradient needs must go through save(): closures are disposed after the forward pass.
    save([lg, lse, oh]);
    return {
      value: tf.sum(tf.mul(oh, tf.sub(lse, lg)), -1),
      gradFunc: (dy: tfjs.Tensor, saved: tfjs.Tensor[]) => {
        const [l, z, o] = saved as [T2, T2, T2];
        return tf.mul(tf.sub(tf.exp(tf.sub(l, z)), o), tf.expandDims(dy, 1));
      },
    };
  });
  return f(logits) as T1;
}

/**
 * −log of the probability mass on the outcomes `match` allows (additive 0 / -1e9 mask) under
 * softmax(logits), per row; gradient softmax(logits) − softmax(logits + match). Written by hand
 * because autodiff through logSumExp's max is slow on wasm (a broadcast Equal).
 */
export function maskedCE(tf: Tf, logits: T2, match: T2): T1 {
  const lse = (x: tfjs.Tensor) => {
    const mx = tf.max(x, -1, true);
    return tf.add(tf.log(tf.sum(tf.exp(tf.sub(x, mx)), -1)), tf.reshape(mx, [-1]));
  };
  const f = tf.customGrad((...args: unknown[]) => {
    const lg = args[0] as T2;
    const save = args[1] as (ts: tfjs.Tensor[]) => void;
    const lm = tf.add(lg, match);
    save([lg, lm]);
    return {
      value: tf.sub(lse(lg), lse(lm)),
      gradFunc: (dy: tfjs.Tensor, saved: tfjs.Tensor[]) =>
        tf.mul(tf.sub(tf.softmax(saved[0] as T2), tf.softmax(saved[1] as T2)), tf.expandDims(dy, 1)),
    };
  });
  return f(logits) as T1;
}

export interface LossParts {
  total: tfjs.Scalar;
  /** Weighted mean cross-entropy of the categorical columns (nats). */
  cat: tfjs.Scalar;
  /** Weighted mean error of the numerics: squared (scaled units²) or absolute (scaled units). */
  num: tfjs.Scalar;
  /** Mean presence BCE (0 without a presence head). */
  presence: tfjs.Scalar;
}

/** The composite loss: (Σ w_c·CE_c + Σ w_j·err_j + w_p·Σ BCE_j) / (Σ of the weights in play); err is MSE or L1 by arch.numericError. */
export function compositeLoss(tf: Tf, lay: Layout, out: HeadOutputs, tt: TargetTensors): LossParts {
  const M = tt.wRow.shape[1];
  const ces: T2[] = [];
  if (out.typeLogits) ces.push(tf.reshape(softmaxCE(tf, out.typeLogits, tt.labels.type as T1), [M, 1]));
  lay.headGroups.forEach((g, i) => {
    const k = g.cols.length;
    const logits = tf.reshape(tf.slice(out.catLogits, [0, g.start], [M, k * g.vocab]), [M * k, g.vocab]) as T2;
    ces.push(tf.reshape(softmaxCE(tf, logits, tt.labels.groups[i] as T1), [M, k]));
  });
  if (out.pointer && tt.ptrMatch) {
    const ce = maskedCE(tf, out.pointer, tt.ptrMatch);
    ces.push(tf.reshape(ce, [M, lay.pointerCols.length]));
  }
  const perCol = tf.matMul(tt.wRow, ces.length === 1 ? (ces[0] as T2) : (tf.concat(ces, 1) as T2)); // [1, lossCols]
  const catSum = tf.sum(tf.mul(perCol, tt.catScale));
  const residual = tt.numericError === 'l1' ? tf.abs(tf.sub(out.num, tt.num)) : tf.squaredDifference(out.num, tt.num);
  const numSum = tf.sum(tf.mul(tf.sum(tf.mul(residual, tt.numW), 0), tt.numScale));
  let presSum: tfjs.Scalar = tf.scalar(0);
  if (out.presence && tt.presence && tt.presScale > 0) {
    const bce = tf.sub(tf.softplus(out.presence), tf.mul(out.presence, tt.presence));
    presSum = tf.mul(tf.sum(tf.matMul(tt.wRow, bce)), tt.presScale);
  }
  const safe = (x: number) => Math.max(x, 1e-9);
  return {
    total: tf.div(tf.add(tf.add(catSum, numSum), presSum), safe(tt.catWeight + tt.numWeight + tt.presWeight)),
    cat: tf.div(catSum, safe(tt.catWeight)),
    num: tf.div(numSum, safe(tt.numWeight)),
    presence: tf.div(presSum, safe(tt.presWeight)),
  };
}
