import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUnitsToNative, midgardDailyAggregates } from '../../../src/chain/midgard-history';
import type { MidgardChain } from '../../../src/chain/chains';
import { DailyAggregateSchema } from '../../../src/chain/daily';
import {
  MarketSimulator,
  MidgardClient,
  startMidgardServer,
  type MidgardAction,
  type MidgardServer,
} from '../../../src/midgard';

/**
 * Daily aggregates from the local Midgard's history, checked against counts made directly from
 * the served actions (and the simulator's per-swap CACAO volumes).
 */
const SEED = 21;
const BLOCK_SECONDS = 600;
const ACTIONS = 3000;
const DAY = 86_400;

let server: MidgardServer;
let client: MidgardClient;
const byDay = new Map<string, { count: number; fees: bigint; volume: bigint }>();
let headDay = '';
let firstDay = '';

const iso = (sec: number) => new Date(sec * 1000).toISOString().slice(0, 10);
/** Whole units from base units, written independently of baseUnitsToNative: bigint quotient and padded remainder. */
const whole = (v: bigint, decimals: number) =>
  Number(`${v / 10n ** BigInt(decimals)}.${(v % 10n ** BigInt(decimals)).toString().padStart(decimals, '0')}`);

beforeAll(async () => {
  server = await startMidgardServer({ seed: SEED, actions: ACTIONS, blockSeconds: BLOCK_SECONDS });
  client = new MidgardClient(server.url, { rps: 1000, retries: 0 });
  const sim = new MarketSimulator({ seed: SEED, blockSeconds: BLOCK_SECONDS });
  server.history.json.forEach((j, i) => {
    const a = JSON.parse(j) as MidgardAction;
    const volume = sim.swapVolumeOf(sim.next()) ?? 0n;
    const day = iso(Number(BigInt(a.date) / 1_000_000_000n));
    if (i === 0) firstDay = day;
    headDay = day;
    if (a.type !== 'swap' || a.status !== 'success') return;
    const s = a.metadata.swap!;
    // Midgard counts swap events: one per pool leg, per executed streaming sub-swap.
    const legs = a.pools.length === 2 ? 2 : 1;
    const subs = s.streamingSwapMeta ? Number(s.streamingSwapMeta.count) : 1;
    const d = byDay.get(day) ?? { count: 0, fees: 0n, volume: 0n };
    d.count += legs * subs;
    d.fees += BigInt(s.liquidityFee);
    d.volume += volume;
    byDay.set(day, d);
  });
});
afterAll(async () => {
  await server.close();
});

const addDays = (d: string, n: number) => iso(Date.parse(`${d}T00:00:00Z`) / 1000 + n * DAY);

describe('midgardDailyAggregates against the local Midgard', () => {
  it('gives one row per complete day, equal to the served actions, in exact CACAO', async () => {
    const rows = await midgardDailyAggregates(client, 'maya', addDays(firstDay, -3), addDays(headDay, 5));
    // The head's day is still running at the server's lastAggregated: it is left out; days
    // before the chain's first are absent (not zero rows).
    const expected = [...byDay.keys()].filter((d) => d < headDay).sort();
    expect(expected.length).toBeGreaterThanOrEqual(4);
    expect(rows.map((r) => r.date)).toEqual(expected);
    for (const r of rows) {
      const d = byDay.get(r.date)!;
      expect(DailyAggregateSchema.parse(r)).toEqual(r);
      expect(r).toMatchObject({
        chain: 'maya',
        source: 'midgard',
        transactions: d.count,
        activeSenders: null,
        activeReceivers: null,
        successRate: null,
        gasUsed: null,
        contractCalls: null,
      });
      expect(r.transferredNative).toBe(whole(d.volume, 10));
      expect(r.feesNative).toBe(whole(d.fees, 10));
    }
  });

  it('pages over `count` ≤ 400 days: small pages give the same rows, one request pair each', async () => {
    const from = firstDay;
    const to = headDay;
    const states: string[] = [];
    const paged = await midgardDailyAggregates(client, 'maya', from, to, {
      pageDays: 2,
      onQuery: (e) => states.push(e.state),
    });
    const whole400 = await midgardDailyAggregates(client, 'maya', from, to);
    expect(paged).toEqual(whole400);
    const pages = Math.ceil((Date.parse(to) - Date.parse(from)) / 86_400_000 / 2);
    expect(states.filter((s) => s === 'swaps')).toHaveLength(pages);
    expect(states.filter((s) => s === 'earnings')).toHaveLength(pages);
    await expect(midgardDailyAggregates(client, 'maya', from, to, { pageDays: 401 })).rejects.toThrow(/pageDays/);
  });

  it('refuses unknown chains and bad dates before any request, listing what is supported', async () => {
    const count = () => [...server.stats.values()].reduce((a, b) => a + b, 0);
    const before = count();
    await expect(midgardDailyAggregates(client, 'ethereum' as MidgardChain, firstDay, headDay)).rejects.toMatchObject({
      message: expect.stringMatching(/does not serve chain\(s\) ethereum/),
      hint: 'supported chains for midgard: maya, thorchain',
    });
    await expect(midgardDailyAggregates(client, 'maya', '2024-02-30', headDay)).rejects.toThrow(/calendar date/);
    await expect(midgardDailyAggregates(client, 'maya', headDay, firstDay)).rejects.toThrow(/empty window/);
    expect(count()).toBe(before);
  });
});

describe('baseUnitsToNative', () => {
  it('places the decimal point exactly (CACAO 1e10, RUNE 1e8)', () => {
    expect(baseUnitsToNative('0', 10)).toBe(0);
    expect(baseUnitsToNative('1', 10)).toBe(1e-10);
    expect(baseUnitsToNative('100000000', 8)).toBe(1);
    expect(baseUnitsToNative('12345678901234567890', 10)).toBe(1234567890.1234567); // the nearest double to 1234567890.123456789
    expect(baseUnitsToNative('000500', 2)).toBe(5);
    for (const v of [1n, 999_999_999n, 10n ** 10n, 3_141_592_653_589_793_238n, 2n ** 80n + 12345n]) {
      expect(baseUnitsToNative(v.toString(), 10)).toBe(whole(v, 10));
      expect(baseUnitsToNative(v.toString(), 8)).toBe(whole(v, 8));
    }
    expect(() => baseUnitsToNative('-5', 8)).toThrow(/unsigned/);
  });
});
