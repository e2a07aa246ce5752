import { describe, expect, it } from 'vitest';
import { createModel, windowBatch } from '../../../src/maya/model';
import { backend, PROTOTYPE_PATHS, smallSet, tinyConfig } from './fixture';

describe('trunk on the last position only', () => {
  // lastOnly skips the last layer's other queries, residual rows and feed-forward rows: the last
  // position's output must not change, with dropout on (its masks are the full masks' rows).
  it.each([
    ['post-norm', { ...PROTOTYPE_PATHS, arch: { ...PROTOTYPE_PATHS.arch, dropout: 0.3, layers: 2 } }],
    ['pre-norm, causal', { arch: { dropout: 0.3, layers: 2, addressHead: 'softmax' as const } }],
  ])('equals the full trunk at the last position (%s)', async (_name, overrides) => {
    const { tf, info } = await backend();
    const set = await smallSet();
    const m = createModel(tf, info, set.artifacts, tinyConfig(overrides), 4);
    const b = windowBatch(set, set.windows.train.subarray(0, 5), set.artifacts.seqLen, 'last');
    const inp = m.net.inputs(b, false);
    try {
      for (const seed of [undefined, 99]) {
        const [full, last] = tf.tidy(() => [
          m.net.last(m.net.trunk(inp, seed), b.B, b.T).dataSync() as Float32Array,
          m.net.trunk(inp, seed, true).dataSync() as Float32Array,
        ]);
        expect(last.length).toBe(b.B * m.config.arch.dModel);
        let diff = 0;
        full.forEach((v, i) => (diff = Math.max(diff, Math.abs(v - (last[i] as number)))));
        expect(diff, `dropout seed ${seed}`).toBeLessThan(1e-5);
      }
      // Dropout on changes the output (the comparison above is not between two no-ops).
      const [a, c] = tf.tidy(() => [
        m.net.trunk(inp, 99, true).dataSync(),
        m.net.trunk(inp, undefined, true).dataSync(),
      ]);
      expect(a.some((v, i) => Math.abs(v - (c[i] as number)) > 1e-3)).toBe(true);
    } finally {
      tf.dispose(inp.owned);
      m.dispose();
    }
  });
});
