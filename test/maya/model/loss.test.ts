import { describe, expect, it } from 'vitest';
import {
  AdamW,
  batchLoss,
  createModel,
  predictNext,
  singleWindow,
  trainStep,
  windowBatch,
  type Batch,
} from '../../../src/maya/model';
import { windowOutputs } from '../../../src/maya/model/heads-out';
import { backend, PROTOTYPE_PATHS, smallSet, tinyConfig } from './fixture';

describe('model loss', () => {
  it.each([
    ['default paths', {}],
    ['prototype paths', PROTOTYPE_PATHS],
  ])('decreases when overfitting a handful of windows, without leaking tensors (%s)', async (_name, overrides) => {
    const { tf, info } = await backend();
    const set = await smallSet();
    const cfg = tinyConfig(overrides);
    const m = createModel(tf, info, set.artifacts, cfg, 1);
    const opt = new AdamW(tf, m.params, cfg.train);
    const b = windowBatch(
      set,
      set.windows.train.subarray(0, 8),
      set.artifacts.seqLen,
      m.net.allPositions ? 'all' : 'last',
    );
    try {
      const before = batchLoss(m, b).total;
      trainStep(m, opt, b, 1e-2, 1);
      const tensors = tf.memory().numTensors;
      for (let s = 2; s <= 40; s++) trainStep(m, opt, b, 1e-2, s);
      expect(tf.memory().numTensors).toBe(tensors);
      const after = batchLoss(m, b).total;
      expect(after).toBeLessThan(0.6 * before);
      expect(tf.memory().numTensors).toBe(tensors);
    } finally {
      opt.dispose();
      m.dispose();
    }
  });

  it('ignores masked numeric targets and zero-weight (padding) target rows, but not real targets', async () => {
    const { tf, info } = await backend();
    const set = await smallSet();
    const m = createModel(tf, info, set.artifacts, tinyConfig(), 2);
    const fresh = () => windowBatch(set, set.windows.train.subarray(10, 14), set.artifacts.seqLen, 'all');
    const t = (b: Batch) => b.target as NonNullable<Batch['target']>;
    try {
      const base = batchLoss(m, fresh()).total;
      // Numeric targets whose truth mask is 0: any value gives the same loss.
      const masked = fresh();
      let changed = 0;
      t(masked).mask.forEach((v, i) => {
        if (!v) {
          t(masked).num[i] = 1e3;
          changed++;
        }
      });
      expect(changed).toBeGreaterThan(0);
      expect(batchLoss(m, masked).total).toBe(base);
      // A present numeric target does count.
      const present = fresh();
      const i = t(present).mask.findIndex((v) => v === 1);
      t(present).num[i] = (t(present).num[i] as number) + 5;
      expect(batchLoss(m, present).total).toBeGreaterThan(base);
      // A target row with weight 0 (padding): changing everything in it changes nothing.
      const J = set.artifacts.numWidth;
      const C = set.artifacts.catWidth;
      const weighted = fresh();
      t(weighted).weight[3] = 0;
      const w0 = batchLoss(m, weighted).total;
      const padded = fresh();
      t(padded).weight[3] = 0;
      t(padded).cat.fill(2, 3 * C, 4 * C);
      t(padded).num.fill(7, 3 * J, 4 * J);
      t(padded).mask.fill(1, 3 * J, 4 * J);
      expect(batchLoss(m, padded).total).toBe(w0);
    } finally {
      m.dispose();
    }
  });

  it('masks padding rows out of attention (what padding holds does not change the prediction)', async () => {
    const { tf, info } = await backend();
    const set = await smallSet();
    const m = createModel(tf, info, set.artifacts, tinyConfig(PROTOTYPE_PATHS), 4);
    const { catWidth: C, numWidth: J, seqLen: L } = set.artifacts;
    const s = set.windows.test[0] as number;
    const rows = 5; // fewer than L: left-padded with PAD rows
    const win = {
      cat: set.cat.slice((s + L - rows) * C, (s + L) * C),
      num: set.num.slice((s + L - rows) * J, (s + L) * J),
      mask: set.mask.slice((s + L - rows) * J, (s + L) * J),
    };
    try {
      const clean = singleWindow(win, C, J, L);
      const junk = singleWindow(win, C, J, L);
      junk.cat.fill(3, 0, (L - rows) * C);
      junk.num.fill(9, 0, (L - rows) * J);
      junk.mask.fill(1, 0, (L - rows) * J);
      const a = windowOutputs(m, clean);
      const b = windowOutputs(m, junk);
      expect(Array.from(b.groups[0] as Float32Array)).toEqual(Array.from(a.groups[0] as Float32Array));
      expect(Array.from(b.num)).toEqual(Array.from(a.num));
      const d = predictNext(m, win);
      expect(Array.from(d.num)).toEqual(Array.from(a.num));
    } finally {
      m.dispose();
    }
  });
});
