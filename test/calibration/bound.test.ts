import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, weightedIntervalScore } from '../../src/rewards';
import { calibrationCases, calibrationContexts, shiftForecast } from '../../src/calibration';
import { outcomeScale, prepare, scoreCompletion } from '../../src/rewards';

/**
 * The two promises of the outcome-first reward, proved on calibration prompts: text (shaping)
 * can move a reward by at most β, and that is less than what an honest forecast gains over a
 * biased one; and the interval part is a proper score (no other report beats the honest
 * quantiles of a belief in expectation).
 */
describe('outcome-first rewards', () => {
  const contexts = calibrationContexts({
    seed: 5,
    chains: ['ethereum', 'bitcoin'],
    from: '2025-02-01',
    to: '2025-04-30',
    stride: 2,
  });
  const predictions = calibrationCases(contexts).filter((c) => c.task === 'predict7d' && c.group === 'excellent');
  const beta = DEFAULT_CONFIG.weights.shaping;

  it('lets text move a reward with a known outcome by at most β: reward = gate × penalties × ((1 − β)·outcome + β·shaping), shaping in [0, 1]', () => {
    expect(predictions.length).toBeGreaterThan(10);
    for (const c of predictions) {
      const s = scoreCompletion(c.input);
      expect(s.components.outcome.applicable).toBe(true);
      const outcomeOnly = s.gate * s.penaltyFactor * (1 - beta) * s.components.outcome.score;
      // The most and the least any text could add: shaping 1 or 0.
      expect(s.composite).toBeGreaterThanOrEqual(outcomeOnly - 1e-12);
      expect(s.composite).toBeLessThanOrEqual(outcomeOnly + beta * s.gate * s.penaltyFactor + 1e-12);
    }
  });

  it('makes the largest shaping gain (β) smaller than what a one-σ bias of the forecast costs, on average and on most prompts', () => {
    const gaps = predictions.map((c) => {
      const sigma = outcomeScale(prepare(c.input, DEFAULT_CONFIG)) / DEFAULT_CONFIG.params.outcome.scaleSigmas;
      const biased = shiftForecast(c.input.answer, sigma) as string;
      return (
        scoreCompletion(c.input).components.outcome.score -
        scoreCompletion({ ...c.input, answer: biased }).components.outcome.score
      );
    });
    const meanGap = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(beta).toBeLessThan((1 - beta) * meanGap);
    expect(gaps.filter((g) => beta < (1 - beta) * g).length / gaps.length).toBeGreaterThan(0.8);
  });

  it('scores the honest quantiles of a belief best in expectation (the weighted interval score is proper)', () => {
    // A belief: 101 equally likely outcomes −0.25, −0.245, …, +0.25; its median is 0, its 5% and 95% quantiles ∓0.225 (hand-read off the grid).
    const ys = Array.from({ length: 101 }, (_, k) => -0.25 + k * 0.005);
    const expected = (iv: { point: number; low: number; high: number }): number =>
      ys.reduce((a, y) => a + weightedIntervalScore(iv, y, 0.1), 0) / ys.length;
    const honest = expected({ point: 0, low: -0.225, high: 0.225 });
    for (const other of [
      { point: 0.03, low: -0.195, high: 0.255 },
      { point: -0.03, low: -0.255, high: 0.195 },
      { point: 0, low: -0.1, high: 0.1 },
      { point: 0, low: -0.25, high: 0.25 },
      { point: 0, low: -0.4, high: 0.4 },
      { point: 0.05, low: 0, high: 0.1 },
    ])
      expect(expected(other), JSON.stringify(other)).toBeGreaterThan(honest);
  });
});
