import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, chooseK, kmeans, purityByCluster, silhouette, standardise } from '../../src/profiles';

describe('clustering agreement and k-means', () => {
  it("adjusted Rand index: scikit-learn's documented examples", () => {
    // sklearn.metrics.adjusted_rand_score docs: perfect 1.0; [0,0,1,2] vs [0,0,1,1] ≈ 0.57; [0,0,0,0] vs [0,1,2,3] = 0.0; [0,0,1,1] vs [0,1,0,1] = −0.5
    expect(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1])).toBeCloseTo(4 / 7, 12); // 0.5714…
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(4 / 7, 12);
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12);
  });

  it('silhouette, hand-derived: points 0, 1 | 10, 11 on a line', () => {
    // point 0: a = 1, b = (10 + 11)/2 = 10.5 → s = 9.5/10.5; point 1: a = 1, b = 9.5 → 8.5/9.5; symmetric for the other pair.
    const expected = (2 * (9.5 / 10.5) + 2 * (8.5 / 9.5)) / 4;
    expect(silhouette([[0], [1], [10], [11]], [0, 0, 1, 1])).toBeCloseTo(expected, 12);
    // A singleton cluster scores 0 (Rousseeuw's convention, as scikit-learn): (0.9 + 8/9 + 0) / 3.
    expect(silhouette([[0], [1], [10]], [0, 0, 1])).toBeCloseTo((0.9 + 8 / 9) / 3, 12);
  });

  it('standardises to mean 0 and sd 1, and recovers three well-separated groups with k chosen by silhouette', () => {
    const { z, means, sds } = standardise([
      [1, 5],
      [3, 5],
      [5, 5],
    ]);
    expect(means).toEqual([3, 5]);
    expect(sds[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(z.map((r) => r[1])).toEqual([0, 0, 0]); // no spread → 0
    const pts: number[][] = [];
    const truth: number[] = [];
    [
      [0, 0],
      [10, 0],
      [0, 10],
    ].forEach(([cx, cy], g) => {
      for (let i = 0; i < 15; i++) {
        pts.push([(cx as number) + ((i * 37) % 7) / 7, (cy as number) + ((i * 53) % 5) / 5]);
        truth.push(g);
      }
    });
    const { best, scores } = chooseK(pts, { seed: 3, kMax: 6 });
    expect(best.k).toBe(3);
    expect(scores.map((s) => s.k)).toEqual([2, 3, 4, 5, 6]);
    expect(adjustedRandIndex(best.labels, truth)).toBe(1);
    expect(kmeans(pts, 3, { seed: 3 }).labels).toEqual(kmeans(pts, 3, { seed: 3 }).labels);
  });

  it('purity per cluster: majority label share, largest cluster first', () => {
    expect(purityByCluster(['a', 'a', 'a', 'b'], ['x', 'x', 'y', 'y'])).toEqual([
      { cluster: 'a', size: 3, majority: 'x', purity: 2 / 3, counts: { x: 2, y: 1 } },
      { cluster: 'b', size: 1, majority: 'y', purity: 1, counts: { y: 1 } },
    ]);
  });
});
