import type { DirectionModel, ModelData } from './types';

/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS). Written by hand because it
 * is twenty lines, exact and deterministic for ~16 features, and needs no tfjs start-up.
 */
export function fitLogistic(
  X: readonly (readonly number[])[],
  y: readonly number[],
  l2 = 1,
  iterations = 25,
): number[] {
  const d = (X[0]?.length ?? 0) + 1;
  const w = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(d).fill(0);
    const H = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < X.length; i++) {
      const x = [1, ...(X[i] as number[])];
      const z = x.reduce((s, v, j) => s + v * (w[j] as number), 0);
      const p = 1 / (1 + Math.exp(-z));
      const r = p - (y[i] as number);
      const s = p * (1 - p);
      for (let a = 0; a < d; a++) {
        g[a] = (g[a] as number) + r * (x[a] as number);
        const row = H[a] as number[];
        for (let b = 0; b <= a; b++) row[b] = (row[b] as number) + s * (x[a] as number) * (x[b] as number);
      }
    }
    // Ridge on the weights, not the intercept.
    for (let a = 0; a < d; a++) {
      const row = H[a] as number[];
      for (let b = 0; b < a; b++) (H[b] as number[])[a] = row[b] as number;
      if (a > 0) {
        g[a] = (g[a] as number) + l2 * (w[a] as number);
        row[a] = (row[a] as number) + l2;
      }
    }
    const step = solve(H, g);
    let change = 0;
    for (let a = 0; a < d; a++) {
      w[a] = (w[a] as number) - (step[a] as number);
      change = Math.max(change, Math.abs(step[a] as number));
    }
    if (change < 1e-10) break;
  }
  return w;
}

/** Gaussian elimination with partial pivoting; A is copied. */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++)
      if (Math.abs((M[r] as number[])[c] as number) > Math.abs((M[piv] as number[])[c] as number)) piv = r;
    [M[c], M[piv]] = [M[piv] as number[], M[c] as number[]];
    const p = (M[c] as number[])[c] as number;
    if (Math.abs(p) < 1e-300) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = ((M[r] as number[])[c] as number) / p;
      if (f === 0) continue;
      for (let k = c; k <= n; k++)
        (M[r] as number[])[k] = ((M[r] as number[])[k] as number) - f * ((M[c] as number[])[k] as number);
    }
  }
  return M.map((row, i) => (row[n] as number) / ((row[i] as number) || 1));
}

export function logisticProbability(w: readonly number[], x: readonly number[]): number {
  let z = w[0] as number;
  for (let j = 0; j < x.length; j++) z += (w[j + 1] as number) * (x[j] as number);
  return 1 / (1 + Math.exp(-z));
}

export function logisticModel(l2 = 1): DirectionModel {
  let w: number[] = [];
  return {
    name: 'logistic',
    async fit(data: ModelData, train) {
      const rows = train.filter((t) => data.X[t] && data.y[t] !== null);
      w = fitLogistic(
        rows.map((t) => data.X[t] as number[]),
        rows.map((t) => data.y[t] as number),
        l2,
      );
    },
    async predict(data, at) {
      return at.map((t) => logisticProbability(w, data.X[t] as number[]));
    },
    dispose() {},
  };
}
