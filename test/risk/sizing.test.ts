import { describe, expect, it } from 'vitest';
import { kellyBinary, kellyContinuous, volTargetSize } from '../../src/risk';

describe('position sizing', () => {
  it('Kelly: a 60% even-money bet stakes 20% (Kelly 1956; Thorp, "The Kelly criterion in blackjack, sports betting and the stock market")', () => {
    expect(kellyBinary(0.6, 1)).toBeCloseTo(0.2, 12);
    // 2:1 payout at 40%: 0.4 − 0.6/2 = 0.1.
    expect(kellyBinary(0.4, 2)).toBeCloseTo(0.1, 12);
  });
  it('continuous Kelly is μ/σ² (Thorp: μ = 0.08, σ = 0.2 → leverage 2)', () => {
    expect(kellyContinuous(0.08, 0.04)).toBeCloseTo(2, 12);
  });
  it('volatility targeting scales to target/realised and caps the leverage', () => {
    expect(volTargetSize(0.2, 0.8)).toBeCloseTo(0.25, 12);
    expect(volTargetSize(0.2, 0.1)).toBe(1);
    expect(volTargetSize(0.2, 0.1, 3)).toBeCloseTo(2, 12);
  });
});
