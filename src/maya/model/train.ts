import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../../core/errors';
import { gitState } from '../../core/git';
import { sha256 } from '../../core/hash';
import { silentProgress, type Progress } from '../../core/progress';
import { createRng } from '../../core/rng';
import type { BackendPreference } from '../../core/tfjs';
import { loadFeatureSet, saveArtifacts, type FeatureSet } from '../features';
import { initModelBackend } from './backend';
import { windowBatch } from './batch';
import { latestCheckpoint, writeCheckpoint, type CheckpointState } from './checkpoint';
import { resolveConfig, type ConfigOverrides, type ModelConfig } from './config';
import {
  MANIFEST_FILE,
  MODEL_FORMAT,
  ModelManifestSchema,
  SPEC_COPY,
  type EpochRecord,
  type ModelManifest,
} from './manifest';
import { createModel, evaluateLoss, mixSeed, trainStep, type MayaModel } from './model';
import { AdamW, learningRate } from './optimizer';
import { ParallelTrainer } from './parallel';
import { saveWeights, writeFileAtomic } from './weights-io';
import { fitAmountPrior, saveAmountPrior } from './amount-prior';

export interface TrainOptions {
  /** Model folder: manifest.json, weights.bin/.json, spec.json; checkpoints in <out>/checkpoint/. */
  out: string;
  preset?: string;
  overrides?: ConfigOverrides;
  /** A full config (instead of preset + overrides). */
  config?: ModelConfig;
  seed?: number;
  backend?: BackendPreference;
  /** Continue from the newest checkpoint of the same run (default true); false deletes it first. */
  resume?: boolean;
  progress?: Progress;
  /** Aborting stops before the next step; completed epochs stay checkpointed. */
  signal?: AbortSignal;
  /** Called after each epoch's checkpoint is on disk. */
  onEpoch?: (e: EpochRecord) => void;
  /** The features folder the set was loaded from, recorded in the manifest for evaluation and simulation. */
  featuresDir?: string;
  /** Return the trained model (the caller disposes it) instead of disposing it. */
  keepModel?: boolean;
  /** Worker threads sharing each step's batch (data parallel, parallel.ts; same results up to rounding). Default 1: none. */
  workers?: number;
}

export interface TrainResult {
  manifest: ModelManifest;
  history: EpochRecord[];
  model?: MayaModel;
}

/** Windows of one epoch: every trainStride-th start from a random phase, shuffled; a function of (seed, epoch) only. */
export function epochWindows(starts: Int32Array, stride: number, seed: number, epoch: number): Int32Array {
  const rng = createRng(mixSeed(seed, epoch));
  const phase = rng.int(stride);
  const picked: number[] = [];
  for (let i = phase; i < starts.length; i += stride) picked.push(starts[i] as number);
  for (let i = picked.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [picked[i], picked[j]] = [picked[j] as number, picked[i] as number];
  }
  return Int32Array.from(picked);
}

/** Evenly spaced validation windows (at most `max`). */
function valWindows(starts: Int32Array, max: number): Int32Array {
  if (starts.length <= max) return starts;
  return Int32Array.from({ length: max }, (_, i) => starts[Math.floor((i * starts.length) / max)] as number);
}

/**
 * Trains on the train block, early-stops on the validation block's last-position loss, checkpoints
 * every epoch and resumes after a kill; the final folder holds the best epoch's weights.
 */
export async function trainModel(set: FeatureSet, opts: TrainOptions): Promise<TrainResult> {
  const cfg = opts.config ?? resolveConfig(opts.preset ?? 'default', opts.overrides);
  const seed = opts.seed ?? 1;
  const tc = cfg.train;
  const L = set.artifacts.seqLen;
  const trainStarts = set.windows.train;
  if (trainStarts.length === 0)
    throw new WorkbenchError('the feature set has no training windows', 'build features over more actions');
  const { tf, info } = await initModelBackend(opts.backend);
  const m = createModel(tf, info, set.artifacts, cfg, seed);
  if (cfg.arch.amountPrior) m.amountPrior = fitAmountPrior(set, m.layout.vocab);
  const opt = new AdamW(tf, m.params, tc);
  const progress = opts.progress ?? silentProgress;
  let dp: ParallelTrainer | undefined;
  try {
    const order = m.params.specs.map((s) => s.name);
    const shapes = new Map(m.params.specs.map((s) => [s.name, s.shape]));
    const fingerprint = sha256(
      JSON.stringify({
        cfg,
        data: set.artifacts.data.sha256,
        version: set.artifacts.version,
        seed,
        shapes: [...shapes],
      }),
    );
    const ckptDir = join(opts.out, 'checkpoint');
    if (opts.resume === false) rmSync(ckptDir, { recursive: true, force: true });
    let state: CheckpointState = {
      fingerprint,
      epoch: 0,
      step: 0,
      bestValLoss: null,
      bestEpoch: null,
      badEpochs: 0,
      stoppedEarly: false,
      history: [],
      trainSeconds: 0,
      startedAt: new Date().toISOString(),
    };
    /** Weights of the best validation epoch so far. */
    let best: Map<string, Float32Array> | undefined;
    const ck = opts.resume === false ? undefined : latestCheckpoint(ckptDir);
    if (ck) {
      if (ck.state.fingerprint !== fingerprint) {
        throw new WorkbenchError(
          `${ck.file} belongs to another run (config, data or seed differ)`,
          `train into another --out folder, or pass resume: false to start over in ${opts.out}`,
        );
      }
      m.params.assign(ck.params);
      opt.load(ck.optimizer);
      state = ck.state;
      best = ck.best ?? (ck.state.bestEpoch === ck.state.epoch ? ck.params : undefined);
    }
    const resumedFrom = state.epoch;
    const valStarts = valWindows(set.windows.validation, tc.valMaxWindows);
    const perEpoch = Math.ceil(Math.ceil(trainStarts.length / tc.trainStride) / tc.batch);
    const total = perEpoch * tc.epochs;
    if ((opts.workers ?? 1) > 1) {
      dp = await ParallelTrainer.start({
        artifacts: set.artifacts,
        config: cfg,
        seed,
        weights: m.params.snapshot(),
        optimizer: opt.step > 0 ? opt.state() : undefined,
        backend: info.backend === 'wasm' ? 'wasm' : opts.backend,
        workers: opts.workers as number,
      });
    }
    progress.start(total, `model ${cfg.preset}`);
    let lr = 0;
    for (let epoch = state.epoch + 1; epoch <= tc.epochs && !state.stoppedEarly; epoch++) {
      const t0 = performance.now();
      const windows = epochWindows(trainStarts, tc.trainStride, seed, epoch);
      let lossSum = 0;
      let steps = 0;
      for (let at = 0; at < windows.length; at += tc.batch) {
        // Yield to the event loop every step: signal handlers (Ctrl-C) and a notebook kernel's
        // heartbeat must run during an epoch, which can take minutes.
        await new Promise<void>((resolve) => setImmediate(resolve));
        opts.signal?.throwIfAborted();
        const starts = windows.subarray(at, Math.min(windows.length, at + tc.batch));
        const mode = m.net.allPositions ? 'all' : 'last';
        const stepNo = opt.step + 1;
        lr = learningRate(tc, stepNo, total);
        const dropSeed = mixSeed(seed ^ 0x5eed, stepNo);
        let loss: number;
        if (dp) {
          loss = await dp.step(set, starts, L, mode, lr, dropSeed);
          opt.step = stepNo; // the workers hold the moments; they are pulled at the epoch's end
        } else loss = trainStep(m, opt, windowBatch(set, starts, L, mode), lr, dropSeed);
        if (!Number.isFinite(loss))
          throw new WorkbenchError(
            `training diverged at epoch ${epoch}, step ${opt.step} (loss ${loss})`,
            'lower train.lr or raise train.warmupSteps',
          );
        lossSum += loss;
        steps++;
        const sec = (performance.now() - t0) / 1000;
        progress.update(
          Math.min(total, opt.step),
          `epoch ${epoch}/${tc.epochs} loss ${(lossSum / steps).toFixed(4)} lr ${lr.toExponential(2)} ${((at + starts.length) / sec).toFixed(0)} seq/s`,
        );
      }
      if (dp) {
        const replica = await dp.state();
        m.params.assign(replica.params);
        opt.load(replica.optimizer);
      }
      const val = valStarts.length ? evaluateLoss(m, set, valStarts) : null;
      const seconds = (performance.now() - t0) / 1000;
      const rec: EpochRecord = {
        epoch,
        steps,
        trainLoss: lossSum / Math.max(1, steps),
        val,
        lr,
        seconds,
        seqPerSec: windows.length / seconds,
      };
      state = {
        ...state,
        epoch,
        step: opt.step,
        history: [...state.history, rec],
        trainSeconds: state.trainSeconds + seconds,
      };
      const current = m.params.snapshot();
      if (val && (state.bestValLoss === null || val.total < state.bestValLoss - tc.minDelta)) {
        state = { ...state, bestValLoss: val.total, bestEpoch: epoch, badEpochs: 0 };
        best = current;
      } else if (val) {
        state = { ...state, badEpochs: state.badEpochs + 1, stoppedEarly: state.badEpochs + 1 >= tc.patience };
      }
      // The best weights are stored separately only when they are not the current ones.
      writeCheckpoint(
        ckptDir,
        { state, params: current, optimizer: opt.state(), best: state.bestEpoch === epoch ? undefined : best },
        shapes,
        order,
      );
      progress.update(
        opt.step,
        `epoch ${epoch}/${tc.epochs} loss ${rec.trainLoss.toFixed(4)}${val ? ` val ${val.total.toFixed(4)}` : ''}`,
      );
      opts.onEpoch?.(rec);
    }
    progress.stop(
      `model ${cfg.preset}: ${state.epoch} epochs${state.bestEpoch ? `, best val ${state.bestValLoss?.toFixed(4)} at epoch ${state.bestEpoch}` : ''}${state.stoppedEarly ? ' (early stop)' : ''}`,
    );
    if (best && state.bestEpoch !== state.epoch) m.params.assign(best);
    const manifest = saveModel(m, set, opts.out, { seed, state, resumedFrom, featuresDir: opts.featuresDir ?? null });
    return { manifest, history: state.history, model: opts.keepModel ? m : undefined };
  } finally {
    await dp?.close();
    opt.dispose();
    if (!opts.keepModel) m.dispose();
  }
}

function saveModel(
  m: MayaModel,
  set: FeatureSet,
  out: string,
  r: { seed: number; state: CheckpointState; resumedFrom: number; featuresDir: string | null },
): ModelManifest {
  mkdirSync(out, { recursive: true });
  const specs = m.params.specs;
  const index = saveWeights(
    out,
    m.params.snapshot(),
    new Map(specs.map((s) => [s.name, s.shape])),
    specs.map((s) => s.name),
  );
  saveArtifacts(join(out, SPEC_COPY), set.artifacts);
  const a = set.artifacts;
  const { forwardedKernels, backend, package: pkg, version } = m.backend;
  const manifest: ModelManifest = ModelManifestSchema.parse({
    format: MODEL_FORMAT,
    preset: m.config.preset,
    config: m.config,
    features: {
      version: a.version,
      dataSha256: a.data.sha256,
      seqLen: a.seqLen,
      catWidth: a.catWidth,
      numWidth: a.numWidth,
      buckets: a.buckets,
      vocabSizes: m.layout.vocab,
      spec: SPEC_COPY,
      dir: r.featuresDir,
    },
    backend: { backend, package: pkg, version, forwardedKernels },
    seed: r.seed,
    git: gitState(),
    parameters: m.params.count(),
    metrics: {
      epochs: r.state.history,
      bestEpoch: r.state.bestEpoch,
      bestValLoss: r.state.bestValLoss,
      stoppedEarly: r.state.stoppedEarly,
    },
    timings: {
      startedAt: r.state.startedAt,
      finishedAt: new Date().toISOString(),
      trainSeconds: r.state.trainSeconds,
      resumedFromEpoch: r.resumedFrom,
    },
    weights: { file: 'weights.bin', index: 'weights.json', sha256: index.sha256 },
    amountPrior: m.amountPrior ? saveAmountPrior(out, m.amountPrior) : null,
    node: process.version,
  });
  writeFileAtomic(join(out, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** CLI-shaped entry: features folder (from `workbench maya features`) → trained model folder. */
export async function trainFromFeatureDir(features: string, opts: TrainOptions): Promise<TrainResult> {
  return trainModel(loadFeatureSet(features), { featuresDir: features, ...opts });
}
