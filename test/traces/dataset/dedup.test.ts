import { describe, expect, it } from 'vitest';
import { dedupe, jaccard, normalizeText, shingles } from '../../../src/traces/dataset';

/** n distinct words w0 … w{n−1}. */
const words = (n: number, prefix = 'w'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('text normal form', () => {
  it('ignores case, spacing and punctuation but keeps signs of numbers', () => {
    expect(normalizeText('Growth:  +5%,\n FLAT.')).toBe('growth +5 flat');
    expect(normalizeText('fell -5%')).not.toBe(normalizeText('fell 5%'));
  });
});

describe('dedupe', () => {
  it('drops exact duplicates of the normal form, keeping the first', () => {
    const r = dedupe(['Volume rose 5%.', 'volume   ROSE 5%', 'Volume fell 5%.']);
    expect(r.kept).toEqual([0, 2]);
    expect(r.exact).toEqual([{ index: 1, duplicateOf: 0 }]);
  });

  it('drops near-duplicates at Jaccard ≥ 0.9 and keeps pairs below it', () => {
    const base = words(100);
    const oneWordChanged = [...base.slice(0, 99), 'different'];
    // Only the last 5-shingle differs: 95 shared of 97 distinct → 0.979.
    expect(jaccard(shingles(base.join(' ')), shingles(oneWordChanged.join(' ')))).toBeCloseTo(95 / 97, 10);
    const tenChanged = base.map((w, i) => (i % 10 === 5 ? `x${i}` : w));
    // 96 shingles each; unchanged windows: start 0, and 5 in each of the 9 gaps between changed words → 46 shared.
    expect(jaccard(shingles(base.join(' ')), shingles(tenChanged.join(' ')))).toBeCloseTo(46 / 146, 10);
    const r = dedupe([base.join(' '), oneWordChanged.join(' '), tenChanged.join(' '), words(100, 'v').join(' ')]);
    expect(r.kept).toEqual([0, 2, 3]);
    expect(r.near).toEqual([{ index: 1, duplicateOf: 0, similarity: 95 / 97 }]);
  });

  it('respects the threshold exactly (the LSH only proposes candidates)', () => {
    const base = words(100);
    const threeChanged = [...base.slice(0, 97), 'a', 'b', 'c'];
    const j = jaccard(shingles(base.join(' ')), shingles(threeChanged.join(' ')));
    expect(j).toBeCloseTo(93 / 99, 10); // the 3 shingles starting at 93…95 touch a changed word: 93 shared of 99
    expect(dedupe([base.join(' '), threeChanged.join(' ')], { threshold: 0.95 }).kept).toEqual([0, 1]);
    expect(dedupe([base.join(' '), threeChanged.join(' ')], { threshold: 0.9 }).kept).toEqual([0]);
  });
});
