import { describe, expect, it } from 'vitest';
import { splitRows } from '../../src/sentiment/data';
import { classificationMetrics } from '../../src/sentiment/metrics';

describe('sentiment metrics and the split', () => {
  it('accuracy, macro-F1, coverage and the confusion matrix, hand-derived; neutral counts as wrong', () => {
    // gold: B B B R R   pred: B R N R R   (B bullish, R bearish, N neutral)
    const m = classificationMetrics(
      ['bullish', 'bullish', 'bullish', 'bearish', 'bearish'],
      ['bullish', 'bearish', 'neutral', 'bearish', 'bearish'],
      { samples: 200 },
    );
    expect(m.accuracy).toBeCloseTo(3 / 5, 12);
    // bullish: tp 1, fp 0, fn 2 → F1 2/4 = 0.5; bearish: tp 2, fp 1, fn 0 → 4/5 = 0.8
    expect(m.macroF1).toBeCloseTo((0.5 + 0.8) / 2, 12);
    expect(m.coverage).toBeCloseTo(4 / 5, 12);
    expect(m.decidedAccuracy).toBeCloseTo(3 / 4, 12);
    expect(m.confusion).toEqual({
      bullish: { bullish: 1, bearish: 1, neutral: 1 },
      bearish: { bullish: 0, bearish: 2, neutral: 0 },
    });
    expect(m.accuracyCi.lo).toBeLessThanOrEqual(m.accuracy);
    expect(m.accuracyCi.hi).toBeGreaterThanOrEqual(m.accuracy);
  });

  it('the split depends on the text and seed only: duplicates stay together, sides are disjoint', () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({ text: `comment ${i % 300}`, i }));
    const a = splitRows(rows, { seed: 19 });
    const b = splitRows([...rows].reverse(), { seed: 19 });
    const dev = new Set(a.development.map((r) => r.text));
    expect(new Set(b.development.map((r) => r.text))).toEqual(dev);
    expect(a.evaluation.some((r) => dev.has(r.text))).toBe(false);
    expect(a.development.length + a.evaluation.length).toBe(400);
    expect(a.development.length / 400).toBeGreaterThan(0.2);
    expect(a.development.length / 400).toBeLessThan(0.4);
    expect(new Set(splitRows(rows, { seed: 20 }).development.map((r) => r.text))).not.toEqual(dev);
  });
});
