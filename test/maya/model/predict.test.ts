import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeatureExtractor, type FeatureSet } from '../../../src/maya/features';
import { simulateFeed } from '../../../src/maya/generate';
import {
  asNextActionPredictor,
  loadModel,
  predictBlock,
  predictNext,
  trainModel,
  type MayaModel,
} from '../../../src/maya/model';
import { simulateActions } from '../../../src/midgard';
import { backend, PROTOTYPE_PATHS, smallSet } from './fixture';

let root: string;
let set: FeatureSet;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'maya-model-predict-'));
  set = await smallSet();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, x) => s + x, 0);

function windowAt(s: number) {
  const { catWidth: C, numWidth: J, seqLen: L } = set.artifacts;
  return {
    cat: set.cat.slice(s * C, (s + L) * C),
    num: set.num.slice(s * J, (s + L) * J),
    mask: set.mask.slice(s * J, (s + L) * J),
  };
}

describe.each([
  ['default paths', {}],
  ['prototype paths', PROTOTYPE_PATHS],
])('prediction (%s)', (name, overrides) => {
  let trained: MayaModel;
  let loaded: MayaModel;
  const dir = () => join(root, name.replace(' ', '-'));
  beforeAll(async () => {
    const r = await trainModel(set, {
      out: dir(),
      preset: 'tiny',
      seed: 3,
      overrides: { ...overrides, train: { epochs: 2 } },
      keepModel: true,
    });
    trained = r.model as MayaModel;
    loaded = await loadModel(dir());
  });
  afterAll(() => {
    trained.dispose();
    loaded.dispose();
  });

  it('round-trips through save/load with identical predictions', async () => {
    const a = await predictBlock(trained, set, 'test');
    const b = await predictBlock(loaded, set, 'test');
    expect(b.catIds).toEqual(a.catIds);
    expect(b.num).toEqual(a.num);
    expect(b.catProbs).toEqual(a.catProbs);
    expect(b.numPresent).toEqual(a.numPresent);
  });

  it('returns the Predictions shape: valid ids, distributions summing to 1', async () => {
    const { tf } = await backend();
    const before = tf.memory().numTensors;
    const p = await predictBlock(loaded, set, 'test');
    expect(tf.memory().numTensors).toBe(before);
    const n = set.windows.test.length;
    const sizes = loaded.layout.vocab;
    expect(p.n).toBe(n);
    expect(p.catIds).toHaveLength(set.artifacts.catWidth);
    p.catIds.forEach((ids, c) => {
      expect(ids).toHaveLength(n);
      expect(ids.every((id) => id >= 0 && id < (sizes[c] as number))).toBe(true);
    });
    const type = p.catProbs?.[0] as Float32Array;
    expect(type).toHaveLength(n * (sizes[0] as number));
    p.catProbs?.forEach((probs, c) => {
      if (!probs) return;
      for (let k = 0; k < n; k++)
        expect(sum(probs.subarray(k * (sizes[c] as number), (k + 1) * (sizes[c] as number)))).toBeCloseTo(1, 4);
    });
    expect(p.num).toHaveLength(set.artifacts.numWidth);
    expect(p.num.every((v) => v.length === n && v.every(Number.isFinite))).toBe(true);
    if (loaded.config.arch.presenceHead)
      expect(p.numPresent?.every((v) => v.length === n && v.every((x) => x === 0 || x === 1))).toBe(true);
    // Argmax ids agree with the probabilities given.
    for (let k = 0; k < n; k++) {
      const row = Array.from(type.subarray(k * (sizes[0] as number), (k + 1) * (sizes[0] as number)));
      expect(p.catIds[0]?.[k]).toBe(row.indexOf(Math.max(...row)));
    }
  });

  it('predicts the next action from one window, consistently with predictBlock', async () => {
    const k = 3;
    const d = predictNext(loaded, windowAt(set.windows.test[k] as number));
    expect(d.cat).toHaveLength(set.artifacts.catWidth);
    d.cat.forEach((probs, c) => {
      expect(probs).toHaveLength(loaded.layout.vocab[c] as number);
      expect(sum(probs)).toBeCloseTo(1, 4);
    });
    expect(Array.from(d.present).every((x) => x >= 0 && x <= 1)).toBe(true);
    const block = await predictBlock(loaded, set, 'test');
    const V = loaded.layout.vocab[0] as number;
    Array.from(d.cat[0] as Float32Array).forEach((x, v) =>
      expect(x).toBeCloseTo(block.catProbs?.[0]?.[k * V + v] as number, 5),
    );
    if (loaded.config.arch.typeConditioned) {
      expect(d.byType).toHaveLength(V);
      const t = 2;
      const given = predictNext(loaded, windowAt(set.windows.test[k] as number), { type: t });
      Array.from(given.num).forEach((x, j) => expect(x).toBeCloseTo(d.byType?.[t]?.num[j] as number, 4));
      // The marginal is the type-weighted mixture of the conditionals.
      const mix = new Float32Array(d.cat[2]?.length ?? 0);
      d.byType?.forEach((bt, tt) =>
        bt.cat[2]?.forEach((x, v) => (mix[v] = (mix[v] as number) + x * (d.cat[0]?.[tt] as number))),
      );
      Array.from(mix).forEach((x, v) => expect(x).toBeCloseTo(d.cat[2]?.[v] as number, 4));
    }
  });

  it('drives the generation stage as a NextActionPredictor', async () => {
    const seedActions = [...simulateActions({ seed: 5 }, set.artifacts.seqLen + 1)];
    const out = await simulateFeed(asNextActionPredictor(loaded), set.artifacts, seedActions, { steps: 3, seed: 1 });
    expect(out).toHaveLength(3);
    // Shorter histories than seqLen also work (live prediction at start-up).
    const ex = new FeatureExtractor(set.artifacts);
    const rows = seedActions.slice(0, 3).map((a) => ex.step(a));
    const d = await asNextActionPredictor(loaded).predictNext(rows);
    expect(sum(d.cat[0] as Float32Array)).toBeCloseTo(1, 4);
  });
});
