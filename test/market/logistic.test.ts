import { describe, expect, it } from 'vitest';
import { fitLogistic, logisticProbability } from '../../src/market';

describe('logistic regression (IRLS)', () => {
  it("recovers the closed-form maximum likelihood of a binary feature: logit of each group's up-rate", () => {
    // x = 0: 1 up in 4 (25%); x = 1: 3 up in 4 (75%). MLE without penalty: b0 = logit 0.25 = −ln 3, b1 = 2 ln 3.
    const X = [[0], [0], [0], [0], [1], [1], [1], [1]];
    const y = [1, 0, 0, 0, 1, 1, 1, 0];
    const w = fitLogistic(X, y, 0);
    expect(w[0]).toBeCloseTo(-Math.log(3), 8);
    expect(w[1]).toBeCloseTo(2 * Math.log(3), 8);
    expect(logisticProbability(w, [1])).toBeCloseTo(0.75, 8);
  });
  it('shrinks the slope with an L2 penalty', () => {
    const X = [[0], [0], [0], [0], [1], [1], [1], [1]];
    const y = [1, 0, 0, 0, 1, 1, 1, 0];
    expect(Math.abs(fitLogistic(X, y, 5)[1] as number)).toBeLessThan(2 * Math.log(3));
  });
});
