import { describe, expect, it } from 'vitest';
import {
  calibration,
  classScores,
  confusionMatrix,
  madFromMedian,
  numericScores,
  numericSkill,
  OTHER_LABEL,
  presenceAccuracy,
  toReal,
} from '../../../src/maya/eval';
import { shortLabels } from '../../../src/maya/eval/figures';

// Expected values below were worked out by hand (shown) or with NumPy (noted); none come from the code under test.
describe('classification metrics', () => {
  const truth = Int32Array.from([0, 0, 1, 1, 2, 2, 2]);
  const pred = Int32Array.from([0, 1, 1, 1, 2, 0, 3]);

  it('accuracy, macro-F1 and balanced accuracy over the classes present in the truth', () => {
    // class 0: P 1/2, R 1/2, F1 1/2 · class 1: P 2/3, R 1, F1 4/5 · class 2: P 1, R 1/3, F1 1/2 · class 3 (never true): no term
    const s = classScores(truth, pred);
    expect(s.n).toBe(7);
    expect(s.accuracy).toBeCloseTo(4 / 7, 12);
    expect(s.macroF1).toBeCloseTo((0.5 + 0.8 + 0.5) / 3, 12);
    expect(s.balancedAccuracy).toBeCloseTo((0.5 + 1 + 1 / 3) / 3, 12);
    expect(s.classesInTruth).toBe(3);
  });

  it('treats PAD (id 0) as an ordinary class and restricts to a subset of targets', () => {
    // Only targets 4, 5, 6 (true class 2): 1 of 3 right; recall 1/3, precision 1/1 → F1 1/2.
    const s = classScores(truth, pred, Int32Array.from([4, 5, 6]));
    expect(s).toEqual({ n: 3, accuracy: 1 / 3, macroF1: 0.5, balancedAccuracy: 1 / 3, classesInTruth: 1 });
    // A PAD that is always predicted right is a perfect class of its own.
    const pad = classScores([0, 0, 5], [0, 0, 6]);
    expect(pad.accuracy).toBeCloseTo(2 / 3, 12);
    expect(pad.macroF1).toBeCloseTo(0.5, 12); // class 0: F1 1; class 5: F1 0
    expect(classScores([], []).accuracy).toBeNull();
  });

  it('caps the confusion matrix to the top K true classes plus "other"', () => {
    const c = confusionMatrix(truth, pred, 2, (id) => `c${id}`);
    // Supports: 2 → 3, 0 → 2, 1 → 2 (tie with 0: smaller id first) → top [2, 0].
    expect(c.labels).toEqual(['c2', 'c0', OTHER_LABEL]);
    expect(c.matrix).toEqual([
      [1, 1, 1],
      [0, 1, 1],
      [0, 0, 2],
    ]);
    const full = confusionMatrix([1, 2], [1, 2], 5, String);
    expect(full).toEqual({
      labels: ['1', '2'],
      matrix: [
        [1, 0],
        [0, 1],
      ],
    });
  });
});

describe('numeric metrics', () => {
  const scaler = { mean: 10, std: 2, count: 5, constant: false };
  const truth = Float32Array.from([0, 1, -1, 0.5]);
  const pred = Float32Array.from([0.5, 1, 0, 9]);
  const mask = Uint8Array.from([1, 1, 1, 0]);

  it('scores only present targets, in scaled, transformed and real units', () => {
    // transformed truth 10, 12, 8; prediction 11, 12, 10 (the masked 4th target is ignored)
    const s = numericScores(truth, pred, mask, scaler, 'log1p');
    expect(s.count).toBe(3);
    expect(s.maeScaled).toBeCloseTo(0.5, 12);
    expect(s.rmseScaled).toBeCloseTo(Math.sqrt(1.25 / 3), 12);
    expect(s.maeTransformed).toBeCloseTo(1, 12);
    expect(s.rmseTransformed).toBeCloseTo(Math.sqrt(5 / 3), 12);
    // NumPy: e = expm1([11,12,10]) - expm1([10,12,8]); abs(e).mean(), sqrt((e**2).mean())
    expect(s.maeReal).toBeCloseTo(18964.39457605203, 6);
    expect(s.rmseReal).toBeCloseTo(24462.065463560713, 6);
    const id = numericScores(truth, pred, mask, scaler, 'identity');
    expect(id.maeReal).toBeCloseTo(1, 12);
    expect(numericScores(truth, pred, new Uint8Array(4), scaler, 'log1p').maeScaled).toBeNull();
  });

  it('inverts transforms to real units (amounts in 1e8 base units)', () => {
    expect(toReal('log1p', Math.log1p(2.5e8))).toBeCloseTo(2.5e8, 3); // 2.5 coins
    expect(toReal('log1p', -0.3)).toBe(0); // clamped like decodeRow
    expect(toReal('log1pAbs', Math.log1p(7))).toBeCloseTo(7, 12);
    expect(toReal('identity', -42)).toBe(-42);
  });

  it('presence accuracy, MAD from the median and skill', () => {
    expect(presenceAccuracy([1, 0, 1, 0], [1, 1, 1, 0])).toBe(0.75);
    expect(madFromMedian([1, 2, 3, 10, 99], [1, 1, 1, 1, 0])).toBe(2.5); // median 2.5 → |…| 1.5 .5 .5 7.5
    expect(madFromMedian([1], [0])).toBeNull();
    expect(numericSkill(0.5, 2)).toBe(0.75);
    expect(numericSkill(3, 2)).toBe(0);
    expect(numericSkill(1, 0)).toBeNull();
  });
});

describe('calibration', () => {
  // arg-max confidences 0.75 (right), 0.65 (wrong), 0.95 (right), 0.35 (right)
  const probs = [0.1, 0.75, 0.15, 0.65, 0.25, 0.1, 0.025, 0.025, 0.95, 0.35, 0.33, 0.32];
  const truth = [1, 1, 2, 0];

  it('bins by max probability and computes ECE and log loss', () => {
    const c10 = calibration(probs, 3, truth, 10);
    expect(c10.ece).toBeCloseTo((0.25 + 0.65 + 0.05 + 0.65) / 4, 12);
    expect(c10.bins.map((b) => b.count)).toEqual([0, 0, 0, 1, 0, 0, 1, 1, 0, 1]);
    expect(c10.bins[6]).toMatchObject({ count: 1, accuracy: 0 });
    expect(c10.bins[6]?.confidence).toBeCloseTo(0.65, 12);
    expect(c10.bins[0]).toMatchObject({ confidence: null, accuracy: null });
    // NumPy: -mean(log([.75, .25, .95, .35]))
    expect(c10.logLoss).toBeCloseTo(0.693772963114475, 12);
    // Two bins: [0, .5) holds 0.35 (right); [.5, 1] holds three with mean confidence 0.78333 and accuracy 2/3.
    const c2 = calibration(probs, 3, truth, 2);
    expect(c2.ece).toBeCloseTo(0.25 * 0.65 + 0.75 * (2.35 / 3 - 2 / 3), 12);
  });

  it('puts confidence 1 in the last bin and keeps the log loss finite for one-hot rows', () => {
    const c = calibration([0, 1, 1, 0], 2, [1, 1], 4);
    expect(c.bins[3]).toMatchObject({ count: 2, confidence: 1, accuracy: 0.5 });
    expect(c.ece).toBeCloseTo(0.5, 12);
    expect(c.logLoss).toBeCloseTo(-Math.log(1e-7) / 2, 9);
  });
});

describe('figure labels', () => {
  it('shortens long tokens and keeps them distinct', () => {
    const usdc = 'ETH.USDC-0XA0B86991C6218B36C1D19D4A2E9EB0CE3606EB48';
    const usdc2 = 'ETH.USDC-0XA0B86991C6218B36C1D19D4A2E9EB0CE3606EB49';
    expect(shortLabels(['BTC.BTC', usdc, usdc2])).toEqual([
      'BTC.BTC',
      'ETH.USDC-0XA0B86991C…',
      'ETH.USDC-0XA0B86991C… (2)',
    ]);
  });
});
