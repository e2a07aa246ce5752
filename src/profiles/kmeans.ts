import { createRng, mean, std } from '../core';

/**
 * k-means (k-means++ seeding, Lloyd iterations, several seeded restarts) and the silhouette.
 * Written here because no maintained, dependency-free k-means/silhouette package is installed;
 * both are short and tested against hand-derived cases and scikit-learn's documented values.
 */
export type Matrix = number[][];

const dist2 = (a: readonly number[], b: readonly number[]): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] as number) - (b[i] as number)) ** 2;
  return s;
};

/** z-scores per column (columns without spread become 0); returns the means and sds too. */
export function standardise(x: Matrix): { z: Matrix; means: number[]; sds: number[] } {
  const d = x[0]?.length ?? 0;
  const means = Array.from({ length: d }, (_, j) => mean(x.map((r) => r[j] as number)));
  const sds = Array.from({ length: d }, (_, j) =>
    x.length > 1
      ? std(
          x.map((r) => r[j] as number),
          0,
        )
      : 0,
  );
  return {
    z: x.map((r) => r.map((v, j) => ((sds[j] as number) > 0 ? (v - (means[j] as number)) / (sds[j] as number) : 0))),
    means,
    sds,
  };
}

export interface KMeansResult {
  k: number;
  labels: number[];
  centroids: Matrix;
  inertia: number;
}

function once(x: Matrix, k: number, seed: number, maxIter: number): KMeansResult {
  const rng = createRng(seed);
  const centroids: Matrix = [[...(x[rng.int(x.length)] as number[])]];
  const d = x.map((p) => dist2(p, centroids[0] as number[]));
  while (centroids.length < k) {
    const total = d.reduce((s, v) => s + v, 0);
    let u = rng.next() * total;
    let pick = x.length - 1;
    for (let i = 0; i < x.length; i++) {
      u -= d[i] as number;
      if (u < 0) {
        pick = i;
        break;
      }
    }
    const c = [...(x[pick] as number[])];
    centroids.push(c);
    for (let i = 0; i < x.length; i++) d[i] = Math.min(d[i] as number, dist2(x[i] as number[], c));
  }
  const labels = new Array<number>(x.length).fill(-1);
  for (let it = 0; it < maxIter; it++) {
    let moved = false;
    x.forEach((p, i) => {
      let best = 0;
      let bd = Infinity;
      centroids.forEach((c, j) => {
        const v = dist2(p, c);
        if (v < bd) [bd, best] = [v, j];
      });
      if (labels[i] !== best) [labels[i], moved] = [best, true];
    });
    if (!moved) break;
    centroids.forEach((c, j) => {
      const members = x.filter((_, i) => labels[i] === j);
      if (members.length) for (let t = 0; t < c.length; t++) c[t] = mean(members.map((m) => m[t] as number));
    });
  }
  const inertia = x.reduce((s, p, i) => s + dist2(p, centroids[labels[i] as number] as number[]), 0);
  return { k, labels, centroids, inertia };
}

/** The best (lowest inertia) of `restarts` seeded k-means runs. */
export function kmeans(
  x: Matrix,
  k: number,
  opts: { seed?: number; restarts?: number; maxIter?: number } = {},
): KMeansResult {
  if (k < 1 || k > x.length) throw new RangeError(`kmeans: k = ${k} with ${x.length} points`);
  let best: KMeansResult | undefined;
  for (let r = 0; r < (opts.restarts ?? 5); r++) {
    const res = once(x, k, (opts.seed ?? 1) * 7919 + r, opts.maxIter ?? 100);
    if (!best || res.inertia < best.inertia) best = res;
  }
  return best as KMeansResult;
}

/** Mean silhouette (Rousseeuw 1987): s = (b − a) / max(a, b), 0 for points alone in their cluster. */
export function silhouette(x: Matrix, labels: readonly number[]): number {
  const k = Math.max(...labels) + 1;
  if (k < 2) return 0;
  const size = new Array<number>(k).fill(0);
  for (const l of labels) size[l]++;
  let total = 0;
  x.forEach((p, i) => {
    const own = labels[i] as number;
    if ((size[own] as number) <= 1) return;
    const sum = new Array<number>(k).fill(0);
    x.forEach((q, j) => {
      if (i !== j) sum[labels[j] as number] += Math.sqrt(dist2(p, q));
    });
    const a = (sum[own] as number) / ((size[own] as number) - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++)
      if (c !== own && (size[c] as number) > 0) b = Math.min(b, (sum[c] as number) / (size[c] as number));
    total += (b - a) / Math.max(a, b);
  });
  return total / x.length;
}

/** k in [kMin, kMax] with the highest silhouette (computed on a seeded sample of at most `sample` points). */
export function chooseK(
  x: Matrix,
  opts: { kMin?: number; kMax?: number; seed?: number; sample?: number } = {},
): { best: KMeansResult; scores: { k: number; silhouette: number }[] } {
  const kMax = Math.min(opts.kMax ?? 8, x.length - 1);
  const rng = createRng((opts.seed ?? 1) ^ 0x51f15e);
  const idx = x.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [idx[i], idx[j]] = [idx[j] as number, idx[i] as number];
  }
  const sample = idx.slice(0, Math.min(opts.sample ?? 1500, x.length));
  const scores: { k: number; silhouette: number }[] = [];
  let best: KMeansResult | undefined;
  let bestScore = -Infinity;
  for (let k = Math.max(2, opts.kMin ?? 2); k <= kMax; k++) {
    const r = kmeans(x, k, { seed: opts.seed });
    const s = silhouette(
      sample.map((i) => x[i] as number[]),
      sample.map((i) => r.labels[i] as number),
    );
    scores.push({ k, silhouette: s });
    if (s > bestScore) [bestScore, best] = [s, r];
  }
  if (!best) throw new RangeError(`chooseK: need at least 3 points, got ${x.length}`);
  return { best, scores };
}
