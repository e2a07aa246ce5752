import { describe, expect, it } from 'vitest';
import { createModel, lossAndGrads, windowBatch } from '../../../src/maya/model';
import { backend, PROTOTYPE_PATHS, smallSet, tinyConfig } from './fixture';

describe('wasm backend forwards', () => {
  it('runs UnsortedSegmentSum (the gather gradient) like a reference loop', async () => {
    const { tf, info } = await backend();
    expect(info.backend).toBe('wasm');
    expect(info.forwardedKernels).toContain('UnsortedSegmentSum');
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]);
    const ids = tf.tensor1d([2, 0, 2, 1], 'int32');
    const out = tf.unsortedSegmentSum(x, ids, 4);
    expect(out.shape).toEqual([4, 2]);
    expect(Array.from(out.dataSync())).toEqual([3, 4, 7, 8, 6, 8, 0, 0]);
    tf.dispose([x, ids, out]);
  });

  it.each([
    ['default paths', {}],
    ['prototype paths', PROTOTYPE_PATHS],
  ])('gives the same loss and gradients on wasm as on the cpu backend (%s)', async (_name, overrides) => {
    const { tf, info } = await backend();
    const set = await smallSet();
    const m = createModel(tf, info, set.artifacts, tinyConfig(overrides), 3);
    const b = windowBatch(
      set,
      set.windows.train.subarray(0, 6),
      set.artifacts.seqLen,
      m.net.allPositions ? 'all' : 'last',
    );
    try {
      const wasm = lossAndGrads(m, b);
      await tf.setBackend('cpu');
      const cpu = lossAndGrads(m, b);
      expect(wasm.loss).toBeGreaterThan(0.1);
      expect(Math.abs(wasm.loss - cpu.loss)).toBeLessThan(1e-4 * cpu.loss);
      for (const [name, g] of cpu.grads) {
        const w = wasm.grads.get(name) as Float32Array;
        let scale = 1e-6;
        let diff = 0;
        g.forEach((v, i) => {
          scale = Math.max(scale, Math.abs(v));
          diff = Math.max(diff, Math.abs(v - (w[i] as number)));
        });
        expect(diff / scale, name).toBeLessThan(1e-3);
      }
      // The embedding tables get gradient only through Gather → UnsortedSegmentSum.
      const emb = wasm.grads.get('embed/0') as Float32Array;
      expect(emb.some((v) => v !== 0)).toBe(true);
    } finally {
      await tf.setBackend('wasm');
      m.dispose();
    }
  });
});
