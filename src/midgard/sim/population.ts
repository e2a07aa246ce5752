// fmix32 is a bijection, so distinct ids give distinct address keys.
import { fmix32, weightedIndex, type Rng } from '../../core';
import { addressFor, checksumCase, type AddressKey } from './assets';

/**
 * Who acts: a growing user population with realistic address reuse. A returning user is drawn
 * mostly with probability proportional to how often they acted before (preferential
 * attachment, a Yule–Simon process), which gives the Zipf-like activity of real chains: a few very active
 * addresses, a long tail of one-off ones, and a steady stream of new addresses.
 */
export interface User {
  /** Distinct per user; addresses derive from `key` only. */
  readonly key: AddressKey;
  /** Pool indices this user mostly trades (1–3, drawn by pool depth). */
  readonly favorites: readonly number[];
}

/** Returning users: this share by past activity, the rest uniformly (softens the first users' head start). */
const PREFERENTIAL = 0.7;

/** Id ranges that never meet: ordinary users count up from 1. */
export const ARB_ID_BASE = 0x7f000000;
export const AFFILIATE_ID_BASE = 0x7e000000;

export class Population {
  private readonly users: User[] = [];
  /** Index into `users` of every past pick: drawing from it uniformly is preferential attachment. */
  private readonly picks: number[] = [];

  constructor(
    private readonly rng: Rng,
    /** Probability that an action comes from a never-seen user. */
    private readonly newShare: number,
    /** Mixed into every key so different seeds give different addresses. */
    private readonly salt: number,
    /** Relative pool popularity for favourites (e.g. by depth). */
    private readonly poolWeights: readonly number[],
  ) {}

  /** A user by fixed id (arbitrageurs, affiliates), outside the reuse process. */
  special(id: number): User {
    return { key: { seed: fmix32((id ^ this.salt) >>> 0) }, favorites: [] };
  }

  /** The user behind the next action: new with probability `newShare`, else a returning one. */
  pick(): User {
    let index: number;
    if (this.picks.length === 0 || this.rng.next() < this.newShare) {
      index = this.users.length;
      this.users.push(this.create(index + 1));
    } else if (this.rng.next() < PREFERENTIAL) {
      index = this.picks[this.rng.int(this.picks.length)] as number;
    } else {
      index = this.rng.int(this.users.length);
    }
    this.picks.push(index);
    return this.users[index] as User;
  }

  /** A new user who did not initiate anything (a send's or swap's third-party recipient). */
  fresh(): User {
    const u = this.create(this.users.length + 1);
    this.users.push(u);
    return u;
  }

  get size(): number {
    return this.users.length;
  }

  private create(id: number): User {
    const n = 1 + Math.floor(this.rng.next() * this.rng.next() * 3);
    const favorites: number[] = [];
    for (let i = 0; i < n; i++) favorites.push(weightedIndex(this.rng, this.poolWeights));
    return { key: { seed: fmix32((id ^ this.salt) >>> 0) }, favorites };
  }
}

/**
 * Recently used addresses: users are many (≈ 0.2 per action) but activity is concentrated, so a
 * bounded cache saves most of the derivation work without growing with the run.
 */
const addressCache = new Map<string, string>();
const CACHE_LIMIT = 100_000;

function cached(key: string, make: () => string): string {
  let a = addressCache.get(key);
  if (a === undefined) {
    if (addressCache.size >= CACHE_LIMIT) addressCache.clear();
    a = make();
    addressCache.set(key, a);
  }
  return a;
}

/** The user's address on `chain` (always the same for the same user). */
export function addressOf(u: User, chain: string): string {
  return cached(`${u.key.seed}|${chain}`, () => addressFor(chain, u.key));
}

/** How the user writes the address in a memo (EVM addresses checksum-cased, as wallets do). */
export function memoAddressOf(u: User, chain: string): string {
  return cached(`${u.key.seed}|${chain}|memo`, () => checksumCase(addressFor(chain, u.key)));
}

/** Swap interfaces that take an affiliate fee; names as seen in Maya memos, fee in basis points. */
export interface Affiliate {
  name: string;
  bps: number;
  /** Share of affiliated swaps that go through this interface. */
  weight: number;
}

export const AFFILIATES: readonly Affiliate[] = [
  { name: 'wr', bps: 100, weight: 0.35 },
  { name: 'te', bps: 50, weight: 0.2 },
  { name: 'xdf', bps: 75, weight: 0.15 },
  { name: 'eld', bps: 30, weight: 0.12 },
  { name: 'ss', bps: 150, weight: 0.08 },
  { name: 'cs', bps: 0, weight: 0.1 },
];
