import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, normalQuantile } from '../../src/risk';

describe('normalQuantile', () => {
  it('matches the standard normal table (values as printed by scipy.stats.norm.ppf)', () => {
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 8);
    expect(normalQuantile(0.99)).toBeCloseTo(2.3263478740408408, 8);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 7);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 10);
  });
});

describe('chiSquareSurvival', () => {
  it('gives the 5% critical values of χ²(1) = 3.841 and χ²(2) = 5.991 (any χ² table)', () => {
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 6);
    expect(chiSquareSurvival(5.991464547107979, 2)).toBeCloseTo(0.05, 10);
  });
});
