import { combine, SHAPING_COMPONENTS, type RewardScore, type RewardWeights, type ShapingComponent } from '../rewards';

/**
 * A weight fit from calibration pairs: for every prompt, each better tier should outscore each
 * worse one. The quality weights are fitted by gradient descent on the pairwise logistic loss
 * log(1 + exp(−(s_better − s_worse) / τ)) (a ranking form of ordinal regression), with the
 * weights kept positive and summing to 1 (softmax); penalties stay as configured. The
 * composite is recomputed exactly as scoreCompletion does, from the raw component scores.
 */
export interface FitCase {
  group: string;
  rank: number;
  score: RewardScore;
}

/** The composite of a scored case under other shaping weights (the same gate, branches and penalties as scoreCompletion). */
export function compositeWith(s: RewardScore, w: Readonly<Record<ShapingComponent, number>>, shaping = 0.1): number {
  return (
    s.gate *
    combine(s.components, { shaping, components: { ...w }, penalties: {} as RewardWeights['penalties'] }) *
    s.penaltyFactor
  );
}

export interface FitResult {
  weights: Record<ShapingComponent, number>;
  lossBefore: number;
  lossAfter: number;
  pairs: number;
  iterations: number;
}

const softmax = (th: readonly number[]): number[] => {
  const m = Math.max(...th);
  const e = th.map((t) => Math.exp(t - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};
const asWeights = (p: readonly number[]): Record<ShapingComponent, number> =>
  Object.fromEntries(SHAPING_COMPONENTS.map((c, i) => [c, p[i] as number])) as Record<ShapingComponent, number>;

/** Pairs (better, worse) of cases in the same group (one prompt) with different ranks. */
export function rankPairs<T extends { rank: number }>(cases: readonly T[], groupOf: (c: T) => string): [T, T][] {
  const byGroup = new Map<string, T[]>();
  for (const c of cases) {
    const g = byGroup.get(groupOf(c));
    if (g) g.push(c);
    else byGroup.set(groupOf(c), [c]);
  }
  const pairs: [T, T][] = [];
  for (const g of byGroup.values()) for (const a of g) for (const b of g) if (a.rank > b.rank) pairs.push([a, b]);
  return pairs;
}

export function fitWeights(
  pairs: readonly [FitCase, FitCase][],
  start: RewardWeights['components'],
  opts: { tau?: number; iterations?: number; rate?: number; ridge?: number } = {},
): FitResult {
  const tau = opts.tau ?? 0.05;
  const iterations = opts.iterations ?? 300;
  const rate = opts.rate ?? 0.5;
  // Pulls the weights toward the starting ones: authored tiers are few and alike, so an unpenalised fit piles weight on whichever component separates them best.
  const ridge = opts.ridge ?? 1;
  const total = SHAPING_COMPONENTS.reduce((s, c) => s + start[c], 0);
  const w0 = SHAPING_COMPONENTS.map((c) => start[c] / total);
  const loss = (w: Record<ShapingComponent, number>): number => {
    let l = 0;
    for (const [a, b] of pairs) {
      const d = (compositeWith(a.score, w) - compositeWith(b.score, w)) / tau;
      l += d > 30 ? Math.exp(-d) : Math.log1p(Math.exp(-d));
    }
    const reg = SHAPING_COMPONENTS.reduce((s, c, i) => s + (w[c] - (w0[i] as number)) ** 2, 0);
    return (pairs.length ? l / pairs.length : 0) + ridge * reg;
  };
  let theta = w0.map((x) => Math.log(Math.max(1e-6, x)));
  const lossBefore = loss(asWeights(softmax(theta)));
  const h = 1e-4;
  for (let it = 0; it < iterations; it++) {
    const base = loss(asWeights(softmax(theta)));
    const grad = theta.map((_, i) => {
      const t = [...theta];
      t[i] = (t[i] as number) + h;
      return (loss(asWeights(softmax(t))) - base) / h;
    });
    theta = theta.map((t, i) => t - rate * (grad[i] as number));
  }
  const weights = asWeights(softmax(theta).map((x) => Math.round(x * 1000) / 1000));
  return { weights, lossBefore, lossAfter: loss(weights), pairs: pairs.length, iterations };
}
