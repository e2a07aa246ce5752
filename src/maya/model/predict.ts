import { join } from 'node:path';
import { WorkbenchError } from '../../core/errors';
import { silentProgress, type Progress } from '../../core/progress';
import type { BackendPreference } from '../../core/tfjs';
import { loadFeatureArtifacts, type BlockName, type EncodedRow, type FeatureSet } from '../features';
import type { NextActionPredictor, NextDistribution } from '../generate/predictor';
import type { Predictions } from '../predictions';
import { loadAmountPrior, priorDraw } from './amount-prior';
import { initModelBackend } from './backend';
import { singleWindow, windowBatch, type Batch } from './batch';
import {
  catMarginal,
  numMarginal,
  pointerArgmax,
  pointerDense,
  pointerMarginal,
  windowOutputs,
  type WindowOutputs,
} from './heads-out';
import { TYPE_COL } from './layout';
import { readManifest, SPEC_COPY } from './manifest';
import { createModel, type MayaModel } from './model';
import { loadWeights } from './weights-io';

/** Loads a folder written by trainModel: manifest, feature spec copy and weights (sha256 checked). */
export async function loadModel(dir: string, opts: { backend?: BackendPreference } = {}): Promise<MayaModel> {
  const manifest = readManifest(dir);
  const artifacts = loadFeatureArtifacts(dir);
  if (artifacts.data.sha256 !== manifest.features.dataSha256) {
    throw new WorkbenchError(
      `${join(dir, SPEC_COPY)} does not belong to ${join(dir, 'manifest.json')} (data sha256 differs)`,
      'copy the whole model folder, or train again',
    );
  }
  const { tf, info } = await initModelBackend(opts.backend);
  const { index, values } = loadWeights(dir);
  if (index.sha256 !== manifest.weights.sha256) {
    throw new WorkbenchError(
      `${join(dir, 'weights.bin')} is not the file ${join(dir, 'manifest.json')} was written with (sha256 differs)`,
      'the folder mixes two runs: train again into an empty folder',
    );
  }
  const model = createModel(tf, info, artifacts, manifest.config, manifest.seed, values);
  model.manifest = manifest;
  if (manifest.config.arch.amountPrior) {
    if (!manifest.amountPrior)
      throw new WorkbenchError(
        `${join(dir, 'manifest.json')}: amountPrior is on but no prior file is recorded`,
        'train again',
      );
    model.amountPrior = loadAmountPrior(dir, manifest.amountPrior.sha256, model.layout.vocab);
  }
  return model;
}

/** Predictions for every target of a block: argmax ids, full distributions (bucket columns excepted), numerics and presence. */
export async function predictBlock(
  m: MayaModel,
  set: FeatureSet,
  block: BlockName,
  opts: { batch?: number; progress?: Progress; signal?: AbortSignal } = {},
): Promise<Predictions> {
  checkCompatible(m, set);
  const starts = set.windows[block];
  const n = starts.length;
  const lay = m.layout;
  const { catWidth: C, numWidth: J } = lay;
  const withProbs = (c: number) => !isBucket(m, c); // bucket distributions would be n × 1,000+ floats each
  const p: Predictions = {
    n,
    catIds: Array.from({ length: C }, () => new Int32Array(n)),
    catProbs: Array.from({ length: C }, (_, c) =>
      withProbs(c) ? new Float32Array(n * (lay.vocab[c] as number)) : undefined,
    ),
    num: Array.from({ length: J }, () => new Float32Array(n)),
    numPresent: m.config.arch.presenceHead ? Array.from({ length: J }, () => new Uint8Array(n)) : undefined,
  };
  const size = opts.batch ?? 256;
  const progress = opts.progress ?? silentProgress;
  progress.start(n, `predict ${block}`);
  for (let at = 0; at < n; at += size) {
    await new Promise<void>((resolve) => setImmediate(resolve)); // let signals and a kernel's heartbeat run
    opts.signal?.throwIfAborted();
    const b = windowBatch(set, starts.subarray(at, Math.min(n, at + size)), set.artifacts.seqLen, 'none');
    const o = windowOutputs(m, b);
    for (let i = 0; i < b.B; i++) fillRow(m, p, o, b, i, at + i);
    progress.update(Math.min(n, at + size));
  }
  progress.stop();
  return p;
}

function fillRow(m: MayaModel, p: Predictions, o: WindowOutputs, b: Batch, i: number, k: number): void {
  const lay = m.layout;
  for (let c = 0; c < lay.catWidth; c++) {
    const a = lay.pointerCols.indexOf(c);
    if (a >= 0) {
      (p.catIds[c] as Int32Array)[k] = pointerArgmax(m, pointerMarginal(m, o, b, a, i));
      continue;
    }
    const dist = catMarginal(m, o, c, i);
    (p.catIds[c] as Int32Array)[k] = argmax(dist);
    p.catProbs?.[c]?.set(dist, k * dist.length);
  }
  const { num, present } = numMarginal(m, o, i);
  for (let j = 0; j < lay.numWidth; j++) {
    (p.num[j] as Float32Array)[k] = num[j] as number;
    if (p.numPresent) (p.numPresent[j] as Uint8Array)[k] = (present[j] as number) >= 0.5 ? 1 : 0;
  }
}

/**
 * What predictNext returns: the marginal next-action distribution; per type the conditional ones
 * (type-conditioned models; byType[t].cat[0] is one-hot on t); and with an amount prior, drawNum.
 */
export type ModelNextDistribution = NextDistribution;

/**
 * One next-action prediction from up to seqLen encoded rows (oldest first). Causal models run on
 * the rows as they are (as in training, where position t has seen t + 1 rows); the others get
 * the window left-padded with masked PAD rows. Sampling (temperature, top-k) is the caller's.
 */
export function predictNext(
  m: MayaModel,
  window: { cat: Int32Array; num: Float32Array; mask: Uint8Array },
  opts: { type?: number } = {},
): ModelNextDistribution {
  const { catWidth: C, numWidth: J, seqLen: L } = m.layout;
  let rows = window.cat.length / C;
  if (!Number.isInteger(rows) || rows < 1 || window.num.length !== rows * J || window.mask.length !== rows * J) {
    throw new WorkbenchError(
      `predictNext: a window must hold 1..${L} rows of ${C} ids and ${J} numerics, got ${window.cat.length} ids and ${window.num.length} numerics`,
      'pass rows from FeatureExtractor.step (or a FeatureSet), oldest first',
    );
  }
  let w = window;
  if (rows > L) {
    w = {
      cat: window.cat.subarray((rows - L) * C),
      num: window.num.subarray((rows - L) * J),
      mask: window.mask.subarray((rows - L) * J),
    };
    rows = L;
  }
  const b = singleWindow(w, C, J, m.config.arch.causal ? rows : L);
  const conditioned = m.config.arch.typeConditioned;
  const o = windowOutputs(m, b, opts.type);
  const marg = distribution(m, b, o);
  if (!conditioned || opts.type !== undefined) return marg;
  // The marginal pass already evaluated every type: the conditionals only reweight its rows.
  const Vt = m.layout.vocab[TYPE_COL] as number;
  const byType = Array.from({ length: Vt }, (_, t) => {
    const d = distribution(m, b, { ...o, typeW: Float32Array.from({ length: o.K }, (_, k) => (k === t ? 1 : 0)) });
    d.cat[TYPE_COL] = Float32Array.from({ length: Vt }, (_, v) => (v === t ? 1 : 0));
    return d;
  });
  return { ...marg, byType, drawNum: drawAmounts(m, byType) };
}

/**
 * Numerics given sampled ids: the type's conditional point values, the amounts drawn from
 * p(amount | type, asset) of the amount prior (so a simulated BTC swap gets a BTC-sized amount).
 */
function drawAmounts(m: MayaModel, byType: NextDistribution[]): NextDistribution['drawNum'] {
  const prior = m.amountPrior;
  if (!prior) return undefined;
  return (cat, rng) => {
    const t = cat[TYPE_COL] as number;
    const num = Float32Array.from((byType[t] ?? (byType[0] as NextDistribution)).num);
    prior.cols.forEach((c, k) => {
      num[c.num] = priorDraw(prior, k, t, cat[c.asset] as number, () => rng.next());
    });
    return num;
  };
}

function distribution(m: MayaModel, b: Batch, o: WindowOutputs): NextDistribution {
  const lay = m.layout;
  const cat = Array.from({ length: lay.catWidth }, (_, c) => {
    const a = lay.pointerCols.indexOf(c);
    return a >= 0 ? pointerDense(m, pointerMarginal(m, o, b, a, 0)) : catMarginal(m, o, c, 0);
  });
  const { num, present } = numMarginal(m, o, 0);
  return { cat, num, present };
}

/** The model as the generation stage's predictor (simulation, live prediction). */
export function asNextActionPredictor(m: MayaModel, name = `model:${m.config.preset}`): NextActionPredictor {
  const { catWidth: C, numWidth: J } = m.layout;
  return {
    name,
    seqLen: m.layout.seqLen,
    predictNext(rows: readonly EncodedRow[]) {
      const cat = new Int32Array(rows.length * C);
      const num = new Float32Array(rows.length * J);
      const mask = new Uint8Array(rows.length * J);
      rows.forEach((r, i) => {
        cat.set(r.cat, i * C);
        num.set(r.num, i * J);
        mask.set(r.mask, i * J);
      });
      return predictNext(m, { cat, num, mask });
    },
  };
}

function checkCompatible(m: MayaModel, set: FeatureSet): void {
  const a = set.artifacts;
  if (
    a.version !== m.artifacts.version ||
    a.seqLen !== m.layout.seqLen ||
    a.catWidth !== m.layout.catWidth ||
    JSON.stringify(a.vocabs) !== JSON.stringify(m.artifacts.vocabs) ||
    a.buckets !== m.layout.buckets
  ) {
    throw new WorkbenchError(
      'the feature set was not built with the vocabularies and shapes this model was trained on',
      "encode the data with the model folder's features-spec.json (FeatureExtractor) or train on this feature set",
    );
  }
}

function isBucket(m: MayaModel, c: number): boolean {
  return m.artifacts.fields.find((f) => f.matrix === 'cat' && f.column === c)?.kind === 'bucket';
}

function argmax(xs: Float32Array): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if ((xs[i] as number) > (xs[best] as number)) best = i;
  return best;
}
