import { describe, expect, it } from 'vitest';
import { copyLastBaseline, evaluate, majorityBaseline, markovBaseline } from '../../../src/maya/eval';
import { A, B, C, D, handmadeSet, IN_AMOUNT_COL, POOL1_COL, TYPE_COL } from './handmade';

// Train targets (rows 2..14) have types B C A B C A A C B A C A A: A 6, C 4, B 3.
// Transitions (previous → target): from A: B 2, A 2, C 2 (tie → A, the most frequent type on
// train, though B has the smaller id); from B: C 2, A 1; from C: A 3, B 1.
// Test targets rows 17..21: true types C D A C B; their previous rows' types B C D A C.
const col = (a: Float32Array | Int32Array | Uint8Array | undefined) => Array.from(a ?? []);

describe('baselines on a hand-made FeatureSet', () => {
  it('copy-last repeats the last window action, with one-hot type probabilities', async () => {
    const set = await handmadeSet();
    const p = copyLastBaseline(set, 'test');
    expect(p.n).toBe(5);
    expect(col(p.catIds[TYPE_COL])).toEqual([B, C, D, A, C]);
    expect(col(p.catIds[POOL1_COL])).toEqual([3, 4, 5, 2, 4]);
    expect(col(p.num[IN_AMOUNT_COL])).toEqual([0, -1, 0, 1, -1]);
    expect(col(p.numPresent?.[IN_AMOUNT_COL])).toEqual([0, 1, 0, 1, 1]);
    const probs = p.catProbs?.[TYPE_COL] as Float32Array;
    expect(Array.from(probs.subarray(0, 6))).toEqual([0, 0, 1, 0, 0, 0]);
    expect(Array.from(probs.subarray(24, 30))).toEqual([0, 0, 0, 0, 1, 0]);
  });

  it('majority predicts the train majority of every column and the train type frequencies', async () => {
    const set = await handmadeSet();
    const p = majorityBaseline(set, 'test');
    expect(col(p.catIds[TYPE_COL])).toEqual([A, A, A, A, A]);
    // pool1 on train targets: 2 ×7 (six A and row 12), 3 ×3, 4 ×3.
    expect(col(p.catIds[POOL1_COL])).toEqual([2, 2, 2, 2, 2]);
    // inAmount present on 10 of 13 train targets: 1 ×5, 2, −1 ×3, −3 → median (1 + 1) / 2 = 1 (the mean would be 0.1); mostly present.
    expect(p.num[IN_AMOUNT_COL]?.[0]).toBeCloseTo(1, 6);
    expect(col(p.numPresent?.[IN_AMOUNT_COL])).toEqual([1, 1, 1, 1, 1]);
    const row = Array.from((p.catProbs?.[TYPE_COL] ?? new Float32Array(0)).subarray(6, 12));
    [0, 0, 3 / 13, 6 / 13, 4 / 13, 0].forEach((v, i) => expect(row[i]).toBeCloseTo(v, 6));
  });

  it('markov follows the train transitions (ties → the more frequent type, unseen → majority) and per-type columns', async () => {
    const set = await handmadeSet();
    const p = markovBaseline(set, 'test');
    // previous types B C D A C → C, A, majority A (D never precedes a train target), A (tie), A
    expect(col(p.catIds[TYPE_COL])).toEqual([C, A, A, A, A]);
    // Other columns: per predicted type. C: pool1 4 (3 of 4), inAmount median of −1 −1 −1 −3 = −1; A: pool1 2, inAmount median of 1 1 1 1 1 2 = 1.
    expect(col(p.catIds[POOL1_COL])).toEqual([4, 2, 2, 2, 2]);
    expect(p.num[IN_AMOUNT_COL]?.[0]).toBeCloseTo(-1, 6);
    expect(p.num[IN_AMOUNT_COL]?.[1]).toBeCloseTo(1, 6);
    const probs = p.catProbs?.[TYPE_COL] as Float32Array;
    const row = (k: number) => Array.from(probs.subarray(k * 6, k * 6 + 6));
    [0, 0, 0, 1 / 3, 2 / 3, 0].forEach((v, i) => expect(row(0)[i]).toBeCloseTo(v, 6)); // from B: A 1, C 2
    [0, 0, 1 / 4, 3 / 4, 0, 0].forEach((v, i) => expect(row(1)[i]).toBeCloseTo(v, 6)); // from C
    [0, 0, 3 / 13, 6 / 13, 4 / 13, 0].forEach((v, i) => expect(row(2)[i]).toBeCloseTo(v, 6)); // from D: train frequencies
    [0, 0, 1 / 3, 1 / 3, 1 / 3, 0].forEach((v, i) => expect(row(3)[i]).toBeCloseTo(v, 6)); // from A
  });

  it('give each scored column a distribution for the log-loss comparison (pool1, hand-derived)', async () => {
    const set = await handmadeSet();
    const V = set.artifacts.vocabs.pool.length;
    const row = (p: ReturnType<typeof majorityBaseline>, k: number) =>
      Array.from((p.catProbs?.[POOL1_COL] ?? new Float32Array(0)).subarray(k * V, (k + 1) * V));
    const expectRow = (got: number[], want: Record<number, number>) => {
      expect(got).toHaveLength(V);
      got.forEach((v, id) => expect(v).toBeCloseTo(want[id] ?? 0, 6));
    };
    // Copy-last: a point mass on the previous row's pool1 (3 4 5 2 4).
    const copy = copyLastBaseline(set, 'test');
    [3, 4, 5, 2, 4].forEach((id, k) => expectRow(row(copy, k), { [id]: 1 }));
    // Majority: the train frequencies, 2 ×7, 3 ×3, 4 ×3 of 13, on every target.
    const maj = majorityBaseline(set, 'test');
    for (let k = 0; k < 5; k++) expectRow(row(maj, k), { 2: 7 / 13, 3: 3 / 13, 4: 3 / 13 });
    // Markov: the frequencies among train targets of the predicted type. C (target 0): 4 ×3 and row 12's 2; A: 2 ×6.
    const mk = markovBaseline(set, 'test');
    expectRow(row(mk, 0), { 2: 1 / 4, 4: 3 / 4 });
    for (let k = 1; k < 5; k++) expectRow(row(mk, k), { 2: 1 });
  });

  it('evaluates per true type: markov gets C 1 of 2, D 0 of 1, A 1 of 1, B 0 of 1', async () => {
    const set = await handmadeSet();
    const r = evaluate(set, { markov: markovBaseline(set, 'test') });
    const m = r.models.markov;
    expect(r.targets).toBe(5);
    expect(m?.headline.typeAccuracy).toBeCloseTo(2 / 5, 12);
    const byType = Object.fromEntries(
      (m?.perType ?? []).map((t) => [t.id, [t.targets, t.categorical[TYPE_COL]?.accuracy]]),
    );
    expect(byType).toEqual({ [C]: [2, 0.5], [D]: [1, 0], [A]: [1, 1], [B]: [1, 0] });
    // Order: most frequent true type first.
    expect(m?.perType[0]?.id).toBe(C);
  });
});
