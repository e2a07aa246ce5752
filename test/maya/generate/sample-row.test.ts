import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/rng';
import { CAT_WIDTH, CATEGORY_FIELDS, NUM_WIDTH, NUMERIC_FIELDS } from '../../../src/maya/features';
import { sampleRow } from '../../../src/maya/generate';
import type { NextDistribution } from '../../../src/maya/generate/predictor';

const TYPE = CATEGORY_FIELDS.findIndex((f) => f.name === 'type');
const POOL1 = CATEGORY_FIELDS.findIndex((f) => f.name === 'pool1');
const IN_AMOUNT = NUMERIC_FIELDS.findIndex((f) => f.name === 'inAmount');
const oneHot = (n: number, id: number) => Float32Array.from({ length: n }, (_, i) => (i === id ? 1 : 0));
const even = (n: number, ids: number[]) =>
  Float32Array.from({ length: n }, (_, i) => (ids.includes(i) ? 1 / ids.length : 0));

/** Two types (ids 2 and 3), each with its own pool (4 and 5) and its own amount (−1 and +1). */
function dist(): NextDistribution {
  const given = (t: number): NextDistribution => ({
    cat: Array.from({ length: CAT_WIDTH }, (_, c) =>
      c === TYPE ? oneHot(6, t) : c === POOL1 ? oneHot(8, t + 2) : oneHot(4, 2),
    ),
    num: Float32Array.from({ length: NUM_WIDTH }, (_, j) => (j === IN_AMOUNT ? (t === 2 ? -1 : 1) : 0)),
    present: new Float32Array(NUM_WIDTH).fill(1),
  });
  const byType = [0, 1, 2, 3, 4, 5].map((t) => given(t));
  return {
    cat: Array.from({ length: CAT_WIDTH }, (_, c) =>
      c === TYPE ? even(6, [2, 3]) : c === POOL1 ? even(8, [4, 5]) : oneHot(4, 2),
    ),
    num: new Float32Array(NUM_WIDTH),
    present: new Float32Array(NUM_WIDTH).fill(1),
    byType,
  };
}

describe('sampleRow', () => {
  it('draws the type first and every other column from its conditional', () => {
    const rng = createRng(3);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const r = sampleRow(dist(), rng, { temperature: 1, topK: 0 });
      const t = r.cat[TYPE] as number;
      // Under the marginals, half the rows would pair a type with the other type's pool.
      expect(r.cat[POOL1]).toBe(t + 2);
      expect(r.num[IN_AMOUNT]).toBe(t === 2 ? -1 : 1);
      seen.add(String(t));
    }
    expect(seen).toEqual(new Set(['2', '3']));
  });

  it('draws the numerics given the sampled ids when the predictor can, and keeps the point values when greedy', () => {
    const d = {
      ...dist(),
      drawNum: (cat: Int32Array) => Float32Array.from({ length: NUM_WIDTH }, () => 10 + (cat[TYPE] as number)),
    };
    const r = sampleRow(d, createRng(1), { temperature: 1, topK: 0 });
    expect(r.num[IN_AMOUNT]).toBe(10 + (r.cat[TYPE] as number));
    const g = sampleRow(d, createRng(1), { temperature: 0, topK: 0 });
    expect(g.num[IN_AMOUNT]).toBe(g.cat[TYPE] === 2 ? -1 : 1);
  });
});
