import { fmix32 } from '../../core/hash';
import { createRng, type Rng } from '../../core/rng';

/**
 * The hidden market state behind the simulated chains: a Markov chain over days (bull, bear,
 * volatile) driving a mean-reverting log "market factor", plus a slow per-chain factor. Every
 * path is computed day by day from a fixed epoch with randomness hashed from (seed, name, day),
 * so the value for a day never depends on which range was asked for.
 */
export const REGIMES = ['bull', 'bear', 'volatile'] as const;
export type Regime = (typeof REGIMES)[number];

/** First simulated day; nothing exists before it. */
export const SIM_EPOCH = '2015-01-01';
const EPOCH_MS = Date.parse(`${SIM_EPOCH}T00:00:00Z`);
const DAY_MS = 86_400_000;
/** Paths are grown on demand, to at most this many days after the epoch (≈ 2069). */
export const MAX_SIM_DAYS = 20_000;

/** Days since the epoch (negative before it). */
export function dayIndex(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - EPOCH_MS) / DAY_MS);
}

export function dateOfIndex(i: number): string {
  return new Date(EPOCH_MS + i * DAY_MS).toISOString().slice(0, 10);
}

/** 32-bit FNV-1a with a murmur3 finaliser: a well-mixed seed from any string. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** A generator seeded by the hash of its parts: the same parts give the same draws. */
export function rngFor(...parts: (string | number)[]): Rng {
  return createRng(hash32(parts.join('|')));
}

/** Per-day transition probabilities (mean stays: bull/bear ≈ 70 days, volatile ≈ 14 days). */
const TRANSITIONS: Readonly<Record<Regime, Readonly<Record<Regime, number>>>> = {
  bull: { bull: 0.986, bear: 0.004, volatile: 0.01 },
  bear: { bull: 0.004, bear: 0.986, volatile: 0.01 },
  volatile: { bull: 0.035, bear: 0.035, volatile: 0.93 },
};

/** What a regime does to the market factor each day (log units). */
export const REGIME_EFFECTS: Readonly<Record<Regime, { drift: number; sd: number }>> = {
  bull: { drift: 0.003, sd: 0.03 },
  bear: { drift: -0.003, sd: 0.025 },
  volatile: { drift: 0, sd: 0.09 },
};

/** Pull of the market factor back to 0 per day (keeps levels bounded over decades). */
const MARKET_REVERSION = 0.995;
const CHAIN_REVERSION = 0.98;
const CHAIN_SD = 0.03;

export interface MarketPath {
  regime: Regime[];
  factor: number[];
}

function checkLength(n: number): void {
  if (n > MAX_SIM_DAYS) throw new RangeError(`simulated dates end ${MAX_SIM_DAYS} days after ${SIM_EPOCH}`);
}

const markets = new Map<number, MarketPath>();
const chains = new Map<string, number[]>();

/** The market path of a seed, covering days [0, n). */
export function marketPath(seed: number, n: number): MarketPath {
  checkLength(n);
  let p = markets.get(seed);
  if (!p) {
    p = { regime: [], factor: [] };
    markets.set(seed, p);
  }
  for (let i = p.regime.length; i < n; i++) {
    const rng = rngFor(seed, 'market', i);
    const prev: Regime =
      i === 0 ? (REGIMES[rngFor(seed, 'market-start').int(REGIMES.length)] ?? 'bull') : (p.regime[i - 1] as Regime);
    const u = rng.next();
    const row = TRANSITIONS[prev];
    const regime: Regime = u < row.bull ? 'bull' : u < row.bull + row.bear ? 'bear' : 'volatile';
    const e = REGIME_EFFECTS[regime];
    const prevFactor = i === 0 ? 0 : (p.factor[i - 1] as number);
    p.regime.push(regime);
    p.factor.push(MARKET_REVERSION * prevFactor + e.drift + e.sd * rng.normal());
  }
  return p;
}

/** A chain's own slow factor (log units), days [0, n). */
export function chainPath(seed: number, chain: string, n: number): number[] {
  checkLength(n);
  const key = `${seed}|${chain}`;
  let p = chains.get(key);
  if (!p) {
    p = [];
    chains.set(key, p);
  }
  for (let i = p.length; i < n; i++) {
    const prev = i === 0 ? 0 : (p[i - 1] as number);
    p.push(CHAIN_REVERSION * prev + CHAIN_SD * rngFor(seed, chain, 'chain', i).normal());
  }
  return p;
}
