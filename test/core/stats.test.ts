import { describe, expect, it } from 'vitest';
import { mean, median, pearson, quantile, round, std } from '../../src/core/stats';

describe('descriptive statistics', () => {
  it('mean, sample std, median and type-7 quantiles (numpy.quantile values)', () => {
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(xs)).toBe(5);
    expect(std(xs, 0)).toBe(2); // the textbook population-sd example
    expect(std(xs)).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.1)).toBeCloseTo(1.3, 12); // numpy.quantile([1,2,3,4], 0.1)
    expect(Number.isNaN(mean([]))).toBe(true);
  });

  it('rounds half away from zero', () => {
    expect(round(2.5)).toBe(3);
    expect(round(-2.5)).toBe(-3);
    expect(round(1.23456, 3)).toBe(1.235);
  });

  it('pearson is null without spread', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 1, 1], [2, 4, 6])).toBeNull();
  });
});
