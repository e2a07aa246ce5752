import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../../core/tfjs';
import type { FeatureArtifacts, FeatureSet } from '../features';
import type { AmountPrior } from './amount-prior';
import type { ModelBackendInfo } from './backend';
import { windowBatch, type Batch } from './batch';
import type { ModelConfig } from './config';
import { buildLayout, type Layout } from './layout';
import { compositeLoss, targetTensors, type LossNorm, type LossParts } from './loss';
import type { LossValues, ModelManifest } from './manifest';
import { type Inputs, Network } from './network';
import type { AdamW } from './optimizer';
import { initialValues, paramSpecs, Params } from './params';

/** A network with its weights, the feature spec it reads, and the backend it runs on. */
export interface MayaModel {
  tf: Tf;
  backend: ModelBackendInfo;
  config: ModelConfig;
  artifacts: FeatureArtifacts;
  layout: Layout;
  params: Params;
  net: Network;
  /** Set when loaded from a folder. */
  manifest?: ModelManifest;
  /** The amounts' train-block distributions per type and asset (arch.amountPrior). */
  amountPrior?: AmountPrior;
  /** One window's trunk split over two threads (split-infer.ts, enableSplitInference): used instead of net.trunk. */
  split?: { trunk(inp: Inputs): tfjs.Tensor2D };
  dispose(): void;
}

/** A freshly initialised model (seeded) or one with the given weights. */
export function createModel(
  tf: Tf,
  backend: ModelBackendInfo,
  artifacts: FeatureArtifacts,
  config: ModelConfig,
  seed: number,
  weights?: Map<string, Float32Array>,
): MayaModel {
  const layout = buildLayout(artifacts, config);
  const specs = paramSpecs(config, layout);
  const params = Params.create(tf, specs, weights ?? initialValues(specs, seed));
  const net = new Network(tf, config, layout, params);
  return {
    tf,
    backend,
    config,
    artifacts,
    layout,
    params,
    net,
    dispose() {
      net.dispose();
      params.dispose();
    },
  };
}

/** Deterministic 32-bit mix of a seed and a counter (epoch shuffles, per-step dropout). */
export function mixSeed(seed: number, n: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(n + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  return (h ^ (h >>> 15)) >>> 0;
}

/** The loss graph of one batch (call inside a gradient or tidy scope); the batch's own tensors go to `owned`. */
function lossGraph(
  m: MayaModel,
  b: Batch,
  causalQueries: boolean,
  dropSeed: number | undefined,
  owned: tfjs.Tensor[],
  norm?: LossNorm,
): LossParts {
  const { tf, net } = m;
  const inp = net.inputs(b, causalQueries);
  const tt = targetTensors(tf, m.config, m.layout, b, causalQueries, norm);
  owned.push(...inp.owned, ...tt.owned);
  const lastOnly = !causalQueries && net.lastOnlyTrunk;
  const h = net.trunk(inp, dropSeed, lastOnly);
  const z = causalQueries || lastOnly ? h : net.last(h, b.B, b.T);
  return compositeLoss(tf, m.layout, net.heads(z, h, inp, tt.cond), tt);
}

/**
 * Loss and gradients (tensors by parameter name; the caller disposes them) of a training batch,
 * dropout on. `norm`: the whole batch's normalisers when `b` is a worker's shard of it.
 */
export function trainGrads(
  m: MayaModel,
  b: Batch,
  dropSeed: number,
  norm?: LossNorm,
): { loss: number; grads: Map<string, tfjs.Tensor> } {
  const { tf, params } = m;
  const owned: tfjs.Tensor[] = [];
  try {
    const { value, grads } = tf.variableGrads(
      () => lossGraph(m, b, m.net.allPositions, dropSeed, owned, norm).total,
      params.list(),
    );
    const loss = (value.dataSync() as Float32Array)[0] as number;
    value.dispose();
    return { loss, grads: new Map(params.specs.map((s) => [s.name, grads[params.v(s.name).name] as tfjs.Tensor])) };
  } finally {
    tf.dispose(owned);
  }
}

/** One optimizer step on a training batch; returns the batch loss. No tensor outlives the call. */
export function trainStep(m: MayaModel, opt: AdamW, b: Batch, lr: number, dropSeed: number): number {
  const { tf, params } = m;
  const owned: tfjs.Tensor[] = [];
  const causal = m.net.allPositions;
  try {
    const { value, grads } = tf.variableGrads(() => lossGraph(m, b, causal, dropSeed, owned).total, params.list());
    const byName = new Map(params.specs.map((s) => [s.name, grads[params.v(s.name).name] as tfjs.Tensor]));
    const norm = opt.apply(byName, lr);
    const loss = (value.dataSync() as Float32Array)[0] as number;
    tf.dispose([value, norm, ...Object.values(grads)]);
    return loss;
  } finally {
    tf.dispose(owned);
  }
}

/** Loss parts of a batch without updating anything. */
export function batchLoss(m: MayaModel, b: Batch, causalQueries = m.net.allPositions): LossValues {
  const owned: tfjs.Tensor[] = [];
  try {
    const v = m.tf.tidy(() => {
      const p = lossGraph(m, b, causalQueries, undefined, owned);
      return m.tf.stack([p.total, p.cat, p.num, p.presence]);
    });
    const d = v.dataSync();
    v.dispose();
    return { total: d[0] as number, cat: d[1] as number, num: d[2] as number, presence: d[3] as number };
  } finally {
    m.tf.dispose(owned);
  }
}

/** Composite loss at the last position of the given windows (the evaluation's task), averaged over windows. */
export function evaluateLoss(m: MayaModel, set: FeatureSet, starts: Int32Array, batch = 256): LossValues {
  const acc = { total: 0, cat: 0, num: 0, presence: 0 };
  const T = set.artifacts.seqLen;
  for (let i = 0; i < starts.length; i += batch) {
    const part = starts.subarray(i, Math.min(starts.length, i + batch));
    const v = batchLoss(m, windowBatch(set, part, T, 'last'), false);
    for (const k of Object.keys(acc) as (keyof LossValues)[]) acc[k] += v[k] * part.length;
  }
  const n = Math.max(1, starts.length);
  return { total: acc.total / n, cat: acc.cat / n, num: acc.num / n, presence: acc.presence / n };
}

/** Loss and gradient of every parameter for one batch, without an update (gradient checks across backends). */
export function lossAndGrads(m: MayaModel, b: Batch): { loss: number; grads: Map<string, Float32Array> } {
  const { tf, params } = m;
  const owned: tfjs.Tensor[] = [];
  try {
    const { value, grads } = tf.variableGrads(
      () => lossGraph(m, b, m.net.allPositions, undefined, owned).total,
      params.list(),
    );
    const out = new Map(
      params.specs.map((s) => [s.name, (grads[params.v(s.name).name] as tfjs.Tensor).dataSync() as Float32Array]),
    );
    const loss = (value.dataSync() as Float32Array)[0] as number;
    tf.dispose([value, ...Object.values(grads)]);
    return { loss, grads: out };
  } finally {
    tf.dispose(owned);
  }
}
