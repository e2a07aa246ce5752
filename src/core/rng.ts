/**
 * Seeded pseudo-random numbers (mulberry32): fast, 32-bit state, identical on every platform,
 * so every simulator and shuffle in the workbench is reproducible from its seed.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Integer in [0, n). */
  int(n: number): number;
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal() {
      // 1 - u keeps the log argument in (0, 1].
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    int(n: number) {
      return Math.floor(next() * n);
    },
  };
}

export interface WalkOptions {
  steps: number;
  start: number;
  /** Mean log change per step. */
  drift: number;
  /** Standard deviation of the log change per step. */
  volatility: number;
}

/** Geometric random walk: value_{t+1} = value_t · exp(drift + volatility · N(0,1)). */
export function geometricRandomWalk(rng: Rng, o: WalkOptions): number[] {
  const out = [o.start];
  for (let i = 1; i < o.steps; i++) out.push((out[i - 1] ?? o.start) * Math.exp(o.drift + o.volatility * rng.normal()));
  return out;
}

/** Log-normal draw: exp(mu + sigma · N(0,1)); `mu` is the log of the median. */
export function lognormal(rng: Rng, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * rng.normal());
}

/** Pareto (type I) draw with scale `xm` > 0 and tail index `alpha` > 0 (heavier tail for small alpha). */
export function pareto(rng: Rng, xm: number, alpha: number): number {
  return xm / (1 - rng.next()) ** (1 / alpha);
}

/** Poisson count with mean `lambda` (Knuth's product method; meant for small lambda, say < 30). */
export function poisson(rng: Rng, lambda: number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** Index drawn with probability proportional to `weights[i]` (non-negative, not all zero). */
export function weightedIndex(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let u = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i] as number;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** A uniformly chosen element of a non-empty array. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick: empty array');
  return items[rng.int(items.length)] as T;
}
