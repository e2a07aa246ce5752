import { describe, expect, it } from 'vitest';
import { learningRate, resolveConfig, warmupOf } from '../../../src/maya/model';

describe('learning-rate schedule', () => {
  const cfg = { ...resolveConfig('default').train, lr: 2e-3, warmupSteps: 100, minLrRatio: 0.05 };

  it('caps the warmup at a tenth of a short run, so the run is not spent below the peak rate (hand-derived)', () => {
    // 132 planned steps (the demo's run): warmup ceil(132 / 10) = 14 steps, not 100.
    expect(warmupOf(cfg, 132)).toBe(14);
    expect(learningRate(cfg, 7, 132)).toBeCloseTo(1e-3, 12);
    expect(learningRate(cfg, 14, 132)).toBeCloseTo(2e-3, 12);
    // Cosine from step 14 to 132: halfway (step 73) is the mean of peak and floor: 2e-3 · (0.05 + 0.95 / 2).
    expect(learningRate(cfg, 73, 132)).toBeCloseTo(2e-3 * 0.525, 12);
    expect(learningRate(cfg, 132, 132)).toBeCloseTo(1e-4, 12);
  });

  it('keeps the configured warmup on long runs', () => {
    expect(warmupOf(cfg, 20_000)).toBe(100);
    expect(learningRate(cfg, 50, 20_000)).toBeCloseTo(1e-3, 12);
  });
});
