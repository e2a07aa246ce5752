import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../../src/core';
import { writeFeatureDir, type FeatureSet } from '../../../src/maya/features';
import { baselinePredictions, evaluate } from '../../../src/maya/eval';
import {
  ModelManifestSchema,
  predictBlock,
  trainFromFeatureDir,
  trainModel,
  type EpochRecord,
  type TrainOptions,
} from '../../../src/maya/model';
import { smallSet } from './fixture';

let root: string;
let set: FeatureSet;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'maya-model-train-'));
  set = await smallSet();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const weights = (dir: string) => sha256(readFileSync(join(dir, 'weights.bin')));
const run = (name: string, o: Partial<TrainOptions> = {}) =>
  trainModel(set, { out: join(root, name), preset: 'tiny', seed: 7, ...o });
const strip = (h: EpochRecord[]) => h.map(({ seconds: _s, seqPerSec: _q, ...rest }) => rest);

describe('trainModel', () => {
  it('is reproducible from its seed, and a kill after epoch 1 resumes to the same final weights', async () => {
    const a = await run('a');
    const b = await run('b');
    expect(weights(join(root, 'b'))).toBe(weights(join(root, 'a')));
    expect(strip(b.history)).toEqual(strip(a.history));
    const other = await run('other', { seed: 8 });
    expect(weights(join(root, 'other'))).not.toBe(weights(join(root, 'a')));
    expect(other.history[0]?.trainLoss).not.toBe(a.history[0]?.trainLoss);

    // Stop right after epoch 1's checkpoint (as a kill would), then resume.
    const ctrl = new AbortController();
    await expect(
      run('c', { signal: ctrl.signal, onEpoch: (e) => e.epoch === 1 && ctrl.abort(new Error('killed')) }),
    ).rejects.toThrow('killed');
    const ckDir = join(root, 'c', 'checkpoint');
    expect(readdirSync(ckDir)).toEqual(['epoch-00001.ckpt']);
    // A half-written checkpoint of epoch 2 (temp name) and a damaged one must both be ignored.
    writeFileSync(join(ckDir, 'epoch-00002.ckpt.tmp-99999-abcdef'), Buffer.alloc(1000, 7));
    writeFileSync(join(ckDir, 'epoch-00003.ckpt'), readFileSync(join(ckDir, 'epoch-00001.ckpt')).subarray(0, 500));
    const c = await run('c');
    expect(c.manifest.timings.resumedFromEpoch).toBe(1);
    expect(weights(join(root, 'c'))).toBe(weights(join(root, 'a')));
    expect(strip(c.history)).toEqual(strip(a.history));
    expect(readdirSync(ckDir).filter((f) => f.includes('.tmp-'))).toEqual([]);

    // The same folder with another config refuses to resume.
    await expect(run('c', { overrides: { train: { lr: 1e-3 } } })).rejects.toThrow(/another run/);
  });

  it('writes a manifest with config, data hash, backend, metrics per epoch, git state and timings', async () => {
    const r = await run('manifest');
    const json = JSON.parse(readFileSync(join(root, 'manifest', 'manifest.json'), 'utf8'));
    const m = ModelManifestSchema.parse(json);
    expect(m).toEqual(r.manifest);
    expect(m.preset).toBe('tiny');
    expect(m.config.arch.dModel).toBe(16);
    expect(m.features.dataSha256).toBe(set.artifacts.data.sha256);
    expect(m.backend.backend).toBe('wasm');
    expect(m.backend.forwardedKernels).toContain('UnsortedSegmentSum');
    expect(m.seed).toBe(7);
    expect(m.metrics.epochs).toHaveLength(3);
    expect(m.metrics.epochs.every((e) => e.val !== null && Number.isFinite(e.val.total))).toBe(true);
    expect(m.metrics.bestEpoch).not.toBeNull();
    expect(m.git.commit === null || /^[0-9a-f]{40}$/.test(m.git.commit)).toBe(true);
    expect(m.timings.trainSeconds).toBeGreaterThan(0);
    expect(m.weights.sha256).toBe(weights(join(root, 'manifest')));
    expect(readFileSync(join(root, 'manifest', 'spec.json'), 'utf8')).toContain(set.artifacts.data.sha256);
  });

  it('stops early when validation stops improving and keeps the best epoch', async () => {
    const r = await run('early', { overrides: { train: { lr: 1e-9, patience: 1, minDelta: 1, epochs: 5 } } });
    expect(r.history).toHaveLength(2);
    expect(r.manifest.metrics.stoppedEarly).toBe(true);
    expect(r.manifest.metrics.bestEpoch).toBe(1);
  });

  it('trains from a features folder (the CLI entry)', async () => {
    const dir = join(root, 'features');
    writeFeatureDir(dir, set);
    const r = await trainFromFeatureDir(dir, {
      out: join(root, 'from-dir'),
      preset: 'tiny',
      seed: 7,
      overrides: { train: { epochs: 1 } },
    });
    expect(r.history).toHaveLength(1);
    expect(r.manifest.features.dataSha256).toBe(set.artifacts.data.sha256);
  });

  it('trains the prototype architecture s25_l6 at its full width, and its predictions evaluate beside the baselines', async () => {
    // Full s25_l6 (6 post-norm layers, d256, 8 heads, FFN 1024) on short windows and one small epoch.
    const r = await run('s25_l6', {
      preset: 's25_l6',
      overrides: { train: { epochs: 1, batch: 32, trainStride: 4, valMaxWindows: 32 } },
      keepModel: true,
    });
    const m = r.model as NonNullable<typeof r.model>;
    try {
      expect(r.manifest.config.arch).toMatchObject({
        layers: 6,
        dModel: 256,
        heads: 8,
        ffn: 1024,
        norm: 'post',
        targets: 'last',
        numericError: 'mse',
      });
      expect(r.manifest.parameters).toBeGreaterThan(4_000_000);
      expect(Number.isFinite(r.history[0]?.trainLoss)).toBe(true);
      const result = evaluate(set, {
        'model:s25_l6': await predictBlock(m, set, 'test'),
        ...baselinePredictions(set, 'test'),
      });
      expect(Object.keys(result.models)).toContain('model:s25_l6');
      expect(result.models['model:s25_l6']?.headline.typeAccuracy).not.toBeNull();
    } finally {
      m.dispose();
    }
  }, 180_000);
});
