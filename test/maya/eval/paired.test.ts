import { describe, expect, it } from 'vitest';
import { pairedComparisons } from '../../../src/maya/eval/paired';
import type { CatColumn, NumColumn } from '../../../src/maya/eval/columns';
import type { BlockTruth } from '../../../src/maya/eval/truth';
import type { Predictions } from '../../../src/maya/predictions';

const n = 10;
const cats: CatColumn[] = [{ name: 'type', kind: 'category', column: 0, vocabSize: 5, label: String }];
// Scaler mean 1, std 2: a scaled value s is 1 + 2s in log space.
const nums: NumColumn[] = [
  {
    name: 'inAmount',
    column: 0,
    transform: 'log1p',
    realUnit: '1e8 base units',
    scaler: { mean: 1, std: 2, count: 10, constant: false },
  },
];
const truth: BlockTruth = {
  block: 'test',
  n,
  rows: new Int32Array(n),
  cat: [Int32Array.from({ length: n }, () => 2)],
  num: [new Float32Array(n)],
  mask: [Uint8Array.from({ length: n }, (_, k) => (k < 8 ? 1 : 0))],
};
const pred = (typeIds: number[], scaled: number[]): Predictions => ({
  n,
  catIds: [Int32Array.from(typeIds)],
  num: [Float32Array.from(scaled)],
});

describe('pairedComparisons', () => {
  it('gives exact McNemar p-values on the discordant targets and the amount margin in log space (hand-derived)', () => {
    // Model right on targets 0–7, baseline right on 0–1: 6 discordant pairs, all for the model.
    // Exact two-sided binomial with n = 6, k = 6: p = 2 · 0.5^6 = 0.03125.
    const model = pred([2, 2, 2, 2, 2, 2, 2, 2, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 9, 9]);
    // Baseline amounts: scaled 0.5 → 1 log unit off on each of the 8 present targets; the model's are exact.
    const baseline = pred([2, 2, 0, 0, 0, 0, 0, 0, 0, 0], [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0, 0]);
    const [type, amount] = pairedComparisons(truth, cats, nums, 'model:x', model, { majority: baseline });
    expect(type).toMatchObject({
      column: 'type',
      metric: 'accuracy',
      targets: 10,
      modelValue: 0.8,
      baselineValue: 0.2,
      onlyModel: 6,
      onlyBaseline: 0,
      test: 'mcnemar-exact',
    });
    expect(type!.margin).toBeCloseTo(0.6, 12);
    expect(type!.pValue).toBeCloseTo(0.03125, 12);
    // Targets 8–9 have no true amount, so the model's wild 9s there do not count.
    expect(amount).toMatchObject({
      column: 'inAmount',
      metric: 'maeLog',
      targets: 8,
      modelValue: 0,
      baselineValue: 1,
      margin: 1,
      test: 'diebold-mariano',
    });
    // Every resample of a constant difference of 1 has mean 1.
    expect(amount!.marginLo).toBeCloseTo(1, 12);
    expect(amount!.marginHi).toBeCloseTo(1, 12);
  });

  it('compares full distributions by log loss (hand-derived)', () => {
    // Truth is type 2 everywhere: the model gives it 0.5, the baseline 0.25, so every target's log loss differs by ln 2.
    const probs = (p2: number) => Float32Array.from({ length: n * 5 }, (_, i) => (i % 5 === 2 ? p2 : (1 - p2) / 4));
    const withProbs = (p2: number): Predictions => ({
      ...pred(Array(n).fill(2), Array(n).fill(0)),
      catProbs: [probs(p2)],
    });
    const rows = pairedComparisons(truth, cats, nums, 'model:x', withProbs(0.5), { majority: withProbs(0.25) });
    const ll = rows.find((r) => r.metric === 'logLoss');
    expect(ll).toMatchObject({ column: 'type', targets: 10, test: 'diebold-mariano' });
    expect(ll!.modelValue).toBeCloseTo(Math.log(2), 6);
    expect(ll!.baselineValue).toBeCloseTo(Math.log(4), 6);
    expect(ll!.margin).toBeCloseTo(Math.log(2), 6);
    expect(ll!.marginLo).toBeCloseTo(Math.log(2), 6);
    // Without distributions on both sides there is no log-loss row.
    expect(
      pairedComparisons(truth, cats, nums, 'model:x', withProbs(0.5), {
        majority: pred(Array(n).fill(2), Array(n).fill(0)),
      }).some((r) => r.metric === 'logLoss'),
    ).toBe(false);
  });

  it('finds no difference between identical predictors', () => {
    const p = pred([2, 2, 2, 0, 0, 0, 2, 2, 2, 0], [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0, 0]);
    const [type] = pairedComparisons(truth, cats, nums, 'model:x', p, { copy: p });
    expect(type).toMatchObject({ margin: 0, onlyModel: 0, onlyBaseline: 0, pValue: 1 });
  });
});
