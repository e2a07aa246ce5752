import type { BackendPreference } from '../../core/tfjs';
import { simulateActions } from '../../midgard';
import { buildFeatures, type FeatureSet } from '../features';
import { initModelBackend } from './backend';
import { windowBatch } from './batch';
import { resolveConfig, type ConfigOverrides } from './config';
import { createModel, trainStep } from './model';
import { AdamW } from './optimizer';
import { predictNext } from './predict';
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
}

export interface ModelBenchResult {
  preset: string;
  backend: string;
  parameters: number;
  batch: number;
  steps: number;
  msPerStep: number;
  /** Training windows per second. */
  seqPerSec: number;
  /** Supervised targets per second (windows × seqLen when every position is a target). */
  targetsPerSec: number;
  /** Peak resident memory of the process so far (MB). */
  peakRssMb: number;
  inference: { runs: number; p50Ms: number; p99Ms: number };
}

/** Times training steps and single next-action predictions of a preset on simulated data. */
export async function benchModel(preset: string, o: ModelBenchOptions = {}): Promise<ModelBenchResult> {
  const batch = o.batch ?? 128;
  const steps = o.steps ?? 5;
  const { tf, info } = await initModelBackend(o.backend);
  const set = o.set ?? (await buildFeatures(simulateActions({ seed: 1 }, o.actions ?? 4000), { seqLen: 25 }));
  const cfg = resolveConfig(preset, { ...o.overrides, train: { ...o.overrides?.train, batch } });
  const m = createModel(tf, info, set.artifacts, cfg, 1);
  const opt = new AdamW(tf, m.params, cfg.train);
  try {
    const L = set.artifacts.seqLen;
    const starts = set.windows.train;
    const mode = m.net.allPositions ? 'all' : 'last';
    const batchAt = (i: number) =>
      windowBatch(
        set,
        Int32Array.from({ length: batch }, (_, k) => starts[(i * batch + k) % starts.length] as number),
        L,
        mode,
      );
    trainStep(m, opt, batchAt(0), 1e-4, 1); // warm-up: first-call allocations
    const times: number[] = [];
    for (let i = 1; i <= steps; i++) {
      const b = batchAt(i);
      const t0 = performance.now();
      trainStep(m, opt, b, 1e-4, i + 1);
      times.push(performance.now() - t0);
    }
    const ms = times.reduce((s, x) => s + x, 0) / times.length;
    const runs = o.inferenceRuns ?? 50;
    const C = set.artifacts.catWidth;
    const J = set.artifacts.numWidth;
    const s0 = starts[0] as number;
    const window = {
      cat: set.cat.slice(s0 * C, (s0 + L) * C),
      num: set.num.slice(s0 * J, (s0 + L) * J),
      mask: set.mask.slice(s0 * J, (s0 + L) * J),
    };
    for (let i = 0; i < 3; i++) predictNext(m, window);
    const lat: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      predictNext(m, window);
      lat.push(performance.now() - t0);
    }
    lat.sort((a, b) => a - b);
    const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] as number;
    const seqPerSec = (batch * 1000) / ms;
    return {
      preset,
      backend: info.backend,
      parameters: m.params.count(),
      batch,
      steps,
      msPerStep: round1(ms),
      seqPerSec: round1(seqPerSec),
      targetsPerSec: round1(seqPerSec * (mode === 'all' ? L : 1)),
      peakRssMb: round1(process.resourceUsage().maxRSS / 1024),
      inference: { runs, p50Ms: round1(q(0.5)), p99Ms: round1(q(0.99)) },
    };
  } finally {
    opt.dispose();
    m.dispose();
  }
}

const round1 = (x: number) => round(x, 1);
