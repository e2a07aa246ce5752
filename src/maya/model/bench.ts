import type { BackendPreference } from '../../core/tfjs';
import { simulateActions } from '../../midgard';
import { buildFeatures, type FeatureSet } from '../features';
import { initModelBackend } from './backend';
import { windowBatch } from './batch';
import { resolveConfig, type ConfigOverrides } from './config';
import { fitAmountPrior } from './amount-prior';
import { createModel, trainStep } from './model';
import { AdamW } from './optimizer';
import { ParallelTrainer } from './parallel';
import { predictNext } from './predict';
import { enableSplitInference } from './split-infer';
import { round } from '../../core/stats';

export interface ModelBenchOptions {
  steps?: number;
  batch?: number;
  /** Simulated actions the feature set is built from (vocabularies, windows). */
  actions?: number;
  inferenceRuns?: number;
  backend?: BackendPreference;
  overrides?: ConfigOverrides;
  /** Reuse a feature set instead of simulating one. */
  set?: FeatureSet;
  /** Worker threads sharing each batch (data parallel); default 1: the step runs in this thread. */
  workers?: number;
  /** Time inference with each prediction split over two threads (split-infer.ts). */
  splitInference?: boolean;
}

export interface ModelBenchResult {
  preset: string;
  backend: string;
  parameters: number;
  batch: number;
  steps: number;
  workers: number;
  /** Wall ms per step (the machine's load inflates it), and CPU ms of the whole process per step (every thread). */
  msPerStep: number;
  cpuMsPerStep: number;
  /** Training windows per second. */
  seqPerSec: number;
  /** Supervised targets per second (windows × seqLen when every position is a target). */
  targetsPerSec: number;
  /** Peak resident memory of the process so far (MB). */
  peakRssMb: number;
  /** One next-action prediction: wall p50/p99/min (load inflates them) and CPU ms per call. */
  inference: {
    warmup: number;
    runs: number;
    p50Ms: number;
    p99Ms: number;
    minMs: number;
    cpuMs: number;
    /** Each prediction split over two threads (its cpuMs counts both). */
    split: boolean;
  };
}

/** Times training steps and single next-action predictions of a preset on simulated data. */
export async function benchModel(preset: string, o: ModelBenchOptions = {}): Promise<ModelBenchResult> {
  const batch = o.batch ?? 128;
  const steps = o.steps ?? 5;
  const { tf, info } = await initModelBackend(o.backend);
  const set = o.set ?? (await buildFeatures(simulateActions({ seed: 1 }, o.actions ?? 4000), { seqLen: 25 }));
  const cfg = resolveConfig(preset, { ...o.overrides, train: { ...o.overrides?.train, batch } });
  const m = createModel(tf, info, set.artifacts, cfg, 1);
  if (cfg.arch.amountPrior) m.amountPrior = fitAmountPrior(set, m.layout.vocab); // inference decodes the amounts with it
  const opt = new AdamW(tf, m.params, cfg.train);
  const workers = o.workers ?? 1;
  const dp =
    workers > 1
      ? await ParallelTrainer.start({
          artifacts: set.artifacts,
          config: cfg,
          seed: 1,
          weights: m.params.snapshot(),
          workers,
        })
      : undefined;
  try {
    const L = set.artifacts.seqLen;
    const starts = set.windows.train;
    const mode = m.net.allPositions ? 'all' : 'last';
    const startsAt = (i: number) =>
      Int32Array.from({ length: batch }, (_, k) => starts[(i * batch + k) % starts.length] as number);
    const step = async (i: number) => {
      if (dp) await dp.step(set, startsAt(i), L, mode, 1e-4, i + 1);
      else trainStep(m, opt, windowBatch(set, startsAt(i), L, mode), 1e-4, i + 1);
    };
    await step(0); // warm-up: first-call allocations
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 1; i <= steps; i++) await step(i);
    const ms = (performance.now() - t0) / steps;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000 / steps;
    const runs = o.inferenceRuns ?? 200;
    // Live prediction runs continuously: time it after V8 has tiered the code up (3 warm-up calls
    // left JIT compilation and the first collections inside the timed calls).
    const warmup = 50;
    const C = set.artifacts.catWidth;
    const J = set.artifacts.numWidth;
    const s0 = starts[0] as number;
    const window = {
      cat: set.cat.slice(s0 * C, (s0 + L) * C),
      num: set.num.slice(s0 * J, (s0 + L) * J),
      mask: set.mask.slice(s0 * J, (s0 + L) * J),
    };
    if (o.splitInference) await enableSplitInference(m);
    for (let i = 0; i < warmup; i++) predictNext(m, window);
    const lat: number[] = [];
    const icpu0 = process.cpuUsage();
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      predictNext(m, window);
      lat.push(performance.now() - t0);
    }
    const icpu = process.cpuUsage(icpu0);
    lat.sort((a, b) => a - b);
    const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] as number;
    const seqPerSec = (batch * 1000) / ms;
    return {
      preset,
      backend: info.backend,
      parameters: m.params.count(),
      batch,
      steps,
      workers,
      msPerStep: round1(ms),
      cpuMsPerStep: round1(cpuMs),
      seqPerSec: round1(seqPerSec),
      targetsPerSec: round1(seqPerSec * (mode === 'all' ? L : 1)),
      peakRssMb: round1(process.resourceUsage().maxRSS / 1024),
      inference: {
        warmup,
        runs,
        p50Ms: round(q(0.5), 2),
        p99Ms: round1(q(0.99)),
        minMs: round(lat[0] as number, 2),
        cpuMs: round((icpu.user + icpu.system) / 1000 / runs, 2),
        split: o.splitInference === true,
      },
    };
  } finally {
    await dp?.close();
    opt.dispose();
    m.dispose();
  }
}

const round1 = (x: number) => round(x, 1);
