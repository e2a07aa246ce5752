import { describe, expect, it } from 'vitest';
import { AdamW, createModel, trainModel, trainStep, windowBatch } from '../../../src/maya/model';
import { useTmpDir } from '../../helpers/tmp';
import { mixSeed } from '../../../src/maya/model/model';
import { ParallelTrainer } from '../../../src/maya/model/parallel';
import { backend, PROTOTYPE_PATHS, smallSet, tinyConfig } from './fixture';

/** Largest |a − b| over every parameter, relative to the parameter's largest magnitude. */
function maxRelDiff(a: Map<string, Float32Array>, b: Map<string, Float32Array>): number {
  let worst = 0;
  for (const [name, x] of a) {
    const y = b.get(name) as Float32Array;
    let scale = 1e-6;
    let diff = 0;
    x.forEach((v, i) => {
      scale = Math.max(scale, Math.abs(v));
      diff = Math.max(diff, Math.abs(v - (y[i] as number)));
    });
    worst = Math.max(worst, diff / scale);
  }
  return worst;
}

/**
 * The parameters with the key third of each fused QKV bias left out: softmax(q·(k + c)) equals
 * softmax(q·k) for a bias c shared by every key, so that bias's gradient is exactly 0 in exact
 * arithmetic and float rounding noise in practice, which Adam scales up to about lr per step
 * whatever its size (two summation orders give two noises).
 */
function withoutKeyBias(p: Map<string, Float32Array>, d: number): Map<string, Float32Array> {
  const out = new Map(p);
  for (const [name, v] of p) {
    if (!/^l\d+\/qkv\/b$/.test(name)) continue;
    const qv = new Float32Array(2 * d);
    qv.set(v.subarray(0, d));
    qv.set(v.subarray(2 * d, 3 * d), d);
    out.set(name, qv);
  }
  return out;
}

describe('data-parallel training over worker threads', () => {
  // Dropout on: each worker must draw its windows' part of the whole batch's masks.
  it.each([
    ['default paths', { arch: { dropout: 0.2 } }],
    ['prototype paths', { ...PROTOTYPE_PATHS, arch: { ...PROTOTYPE_PATHS.arch, dropout: 0.2 } }],
  ])(
    'two workers give the one-process steps at the same seed (%s)',
    async (_name, overrides) => {
      const { tf, info } = await backend();
      const set = await smallSet();
      const cfg = tinyConfig(overrides);
      const m = createModel(tf, info, set.artifacts, cfg, 11);
      const opt = new AdamW(tf, m.params, cfg.train);
      const mode = m.net.allPositions ? 'all' : 'last';
      const T = set.artifacts.seqLen;
      // Odd batch sizes: the shards differ in size; the last batch (1 window) leaves one worker empty.
      const batches = [
        set.windows.train.subarray(0, 7),
        set.windows.train.subarray(20, 33),
        set.windows.train.subarray(40, 41),
      ];
      const dp = await ParallelTrainer.start({
        artifacts: set.artifacts,
        config: cfg,
        seed: 11,
        weights: m.params.snapshot(),
        workers: 2,
      });
      try {
        const initial = m.params.snapshot();
        for (const [i, starts] of batches.entries()) {
          const lr = 3e-3;
          const seed = mixSeed(11, i + 1);
          const one = trainStep(m, opt, windowBatch(set, starts, T, mode), lr, seed);
          const two = await dp.step(set, starts, T, mode, lr, seed);
          expect(Math.abs(two - one), `loss at step ${i + 1}`).toBeLessThan(1e-5 * Math.abs(one));
        }
        const { params, optimizer } = await dp.state();
        expect(optimizer.step).toBe(3);
        // The steps moved the weights (lr 3e-3, Adam: about 1e-2 per weight) ten thousand times more
        // than the one-process and two-worker results differ.
        expect(maxRelDiff(initial, m.params.snapshot())).toBeGreaterThan(1e-3);
        expect(
          maxRelDiff(withoutKeyBias(params, cfg.arch.dModel), withoutKeyBias(m.params.snapshot(), cfg.arch.dModel)),
        ).toBeLessThan(1e-5);
        expect(maxRelDiff(optimizer.m, opt.state().m)).toBeLessThan(1e-4);
      } finally {
        await dp.close();
        opt.dispose();
        m.dispose();
      }
    },
    60_000,
  );

  const tmp = useTmpDir();
  it('trainModel with two workers follows the one-thread run epoch by epoch (validation loss from the replicas)', async () => {
    const set = await smallSet();
    const o = { preset: 'tiny', seed: 7, overrides: { train: { epochs: 2 } } };
    const one = await trainModel(set, { ...o, out: tmp() });
    const two = await trainModel(set, { ...o, out: tmp(), workers: 2 });
    expect(two.history.map((e) => e.steps)).toEqual(one.history.map((e) => e.steps));
    two.history.forEach((e, i) => {
      const ref = one.history[i];
      expect(Math.abs(e.trainLoss - (ref?.trainLoss as number))).toBeLessThan(1e-4 * e.trainLoss);
      expect(Math.abs((e.val?.total as number) - (ref?.val?.total as number))).toBeLessThan(1e-3 * e.trainLoss);
    });
  }, 60_000);
});
