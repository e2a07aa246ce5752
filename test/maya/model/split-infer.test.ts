import { describe, expect, it } from 'vitest';
import { createModel, enableSplitInference, predictNext } from '../../../src/maya/model';
import { backend, PROTOTYPE_PATHS, smallSet, tinyConfig } from './fixture';

describe('split inference (half of each layer on a worker thread)', () => {
  it.each([
    ['post-norm, bidirectional (the prototype paths)', PROTOTYPE_PATHS],
    ['pre-norm, causal, bucket softmax', { arch: { addressHead: 'softmax' as const } }],
  ])('predicts what one thread predicts, full and short windows (%s)', async (_name, overrides) => {
    const { tf, info } = await backend();
    const set = await smallSet();
    const cfg = tinyConfig({ ...overrides, arch: { ...overrides.arch, heads: 2, layers: 2 } });
    const m = createModel(tf, info, set.artifacts, cfg, 5);
    try {
      const { catWidth: C, numWidth: J, seqLen: L } = set.artifacts;
      const windows = [40, 90].flatMap((s) => [L, 3].map((rows) => ({ s, rows })));
      const one = windows.map(({ s, rows }) => {
        const from = s + L - rows;
        return {
          cat: set.cat.slice(from * C, (s + L) * C),
          num: set.num.slice(from * J, (s + L) * J),
          mask: set.mask.slice(from * J, (s + L) * J),
        };
      });
      const before = one.map((w) => predictNext(m, w));
      await enableSplitInference(m);
      expect(m.split).toBeDefined();
      const after = one.map((w) => predictNext(m, w));
      let worst = 0;
      before.forEach((d, i) => {
        const e = after[i];
        d.cat.forEach((p, c) =>
          p.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - (e?.cat[c]?.[k] ?? Number.NaN))))),
        );
        d.num.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - (e?.num[j] ?? Number.NaN)))));
      });
      expect(worst).toBeLessThan(1e-5);
      expect(Number.isNaN(worst)).toBe(false);
    } finally {
      m.dispose();
    }
  });

  it('refuses a model whose prediction reads every position (pointer head)', async () => {
    const { tf, info } = await backend();
    const set = await smallSet();
    const m = createModel(tf, info, set.artifacts, tinyConfig({ arch: { heads: 2 } }), 5);
    try {
      await expect(enableSplitInference(m)).rejects.toThrow(/last position only/);
    } finally {
      m.dispose();
    }
  });
});
