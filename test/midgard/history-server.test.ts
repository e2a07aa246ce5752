import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MarketSimulator,
  MidgardClient,
  startMidgardServer,
  type MidgardAction,
  type MidgardServer,
} from '../../src/midgard';

/**
 * The local Midgard's /v2/history/swaps and /v2/history/earnings against totals this file
 * computes itself from the served actions (and, for volumes, from a second simulator run).
 */
const SEED = 11;
const BLOCK_SECONDS = 600;
const ACTIONS = 3000;
const CACAO = 'MAYA.CACAO';
const DAY = 86_400;

let server: MidgardServer;
let client: MidgardClient;
let actions: MidgardAction[];
let volumes: bigint[];

beforeAll(async () => {
  server = await startMidgardServer({ seed: SEED, actions: ACTIONS, blockSeconds: BLOCK_SECONDS });
  client = new MidgardClient(server.url, { rps: 1000, retries: 0 });
  actions = server.history.json.map((j) => JSON.parse(j) as MidgardAction);
  // The same run again, outside the server: its per-swap CACAO volumes.
  const sim = new MarketSimulator({ seed: SEED, blockSeconds: BLOCK_SECONDS });
  volumes = [];
  for (let i = 0; i < ACTIONS; i++) {
    const a = sim.next();
    expect(JSON.stringify(a)).toBe(server.history.json[i]);
    volumes.push(sim.swapVolumeOf(a) ?? 0n);
  }
});
afterAll(async () => {
  await server.close();
});

const sec = (a: MidgardAction) => Number(BigInt(a.date) / 1_000_000_000n);
const isSwap = (a: MidgardAction) => a.type === 'swap' && a.status === 'success';

/** Midgard-style events of one swap action: one per pool leg, times the executed sub-swaps. */
function events(a: MidgardAction): { toAsset: number; toRune: number } {
  const s = a.metadata.swap!;
  const n = s.streamingSwapMeta ? Number(s.streamingSwapMeta.count) : 1;
  const cacaoIn = a.in[0]!.coins[0]!.asset === CACAO;
  const double = a.pools.length === 2;
  return { toAsset: double || cacaoIn ? n : 0, toRune: double || !cacaoIn ? n : 0 };
}

function dayTotals(start: number) {
  let count = 0;
  let fees = 0n;
  let volume = 0n;
  actions.forEach((a, i) => {
    if (!isSwap(a) || sec(a) < start || sec(a) >= start + DAY) return;
    const e = events(a);
    count += e.toAsset + e.toRune;
    fees += BigInt(a.metadata.swap!.liquidityFee);
    volume += volumes[i]!;
  });
  return { count, fees, volume };
}

const firstDay = () => Math.floor(sec(actions[0]!) / DAY) * DAY;
const lastDay = () => Math.floor(sec(actions[actions.length - 1]!) / DAY) * DAY;

describe('local Midgard network history', () => {
  it('serves every day of the feed with swap counts, CACAO volumes and fees equal to the actions', async () => {
    const h = await client.swapsHistory({ interval: 'day', from: firstDay(), to: lastDay() + DAY });
    const days = (lastDay() - firstDay()) / DAY + 1;
    expect(days).toBeGreaterThanOrEqual(5);
    expect(h.intervals).toHaveLength(days);
    let total = 0;
    for (const [k, iv] of h.intervals.entries()) {
      const start = firstDay() + k * DAY;
      expect([iv.startTime, iv.endTime]).toEqual([String(start), String(start + DAY)]);
      const t = dayTotals(start);
      expect(Number(iv.totalCount)).toBe(t.count);
      expect(BigInt(iv.totalFees)).toBe(t.fees);
      expect(BigInt(iv.totalVolume)).toBe(t.volume);
      expect(Number(iv.toAssetCount) + Number(iv.toRuneCount)).toBe(t.count);
      expect(BigInt(iv.toAssetVolume!) + BigInt(iv.toRuneVolume!)).toBe(t.volume);
      expect(typeof iv['cacaoPriceUSD']).toBe('string');
      total += t.count;
    }
    expect(total).toBeGreaterThan(1000);
    expect(Number(h.meta.totalCount)).toBe(total);
    expect(h.meta.startTime).toBe(String(firstDay()));
    expect(h.meta.endTime).toBe(String(lastDay() + DAY));
  });

  it('the simulator volume of a single-pool swap is what its action shows on the CACAO side', () => {
    let checked = 0;
    let exact = 0;
    actions.forEach((a, i) => {
      if (!isSwap(a) || a.pools.length !== 1) return;
      const s = a.metadata.swap!;
      const x = BigInt(a.in[0]!.coins[0]!.amount);
      if (a.in[0]!.coins[0]!.asset === CACAO) {
        // CACAO in: the input less the affiliate's share (paid before any pool).
        expect(volumes[i]).toBe(x - (x * BigInt(s.affiliateFee ?? '0')) / 10000n);
        exact++;
      } else {
        // CACAO out: what the outbounds carry plus their fees (a payout below its fee is not sent).
        const paid = [...a.out.flatMap((t) => t.coins), ...s.networkFees]
          .filter((c) => c.asset === CACAO)
          .reduce((n, c) => n + BigInt(c.amount), 0n);
        expect(paid <= volumes[i]!).toBe(true);
        if (paid === volumes[i]) exact++;
      }
      checked++;
    });
    expect(checked).toBeGreaterThan(1000);
    expect(exact / checked).toBeGreaterThan(0.95);
  });

  it('earnings carry the same liquidity fees, per day and per pool', async () => {
    const q = { interval: 'day' as const, from: firstDay(), to: lastDay() + DAY };
    const [swaps, earnings] = [await client.swapsHistory(q), await client.earningsHistory(q)];
    expect(earnings.intervals.map((e) => e.startTime)).toEqual(swaps.intervals.map((s) => s.startTime));
    earnings.intervals.forEach((e, k) => {
      expect(e.liquidityFees).toBe(swaps.intervals[k]!.totalFees);
      expect(e.earnings).toBe(e.liquidityFees);
      expect(e.pools!.reduce((n, p) => n + BigInt(p.totalLiquidityFeesRune), 0n)).toBe(BigInt(e.liquidityFees));
    });
    expect(earnings.meta.liquidityFees).toBe(swaps.meta.totalFees);
  });

  it("follows Midgard's from / to / count semantics", async () => {
    const f = firstDay();
    const l = lastDay();
    const starts = async (q: Parameters<MidgardClient['swapsHistory']>[0]) =>
      (await client.swapsHistory(q)).intervals.map((i) => Number(i.startTime));
    // count alone: the last days up to now, the running one included.
    expect(await starts({ interval: 'day', count: 2 })).toEqual([l - DAY, l]);
    // from + count: the next days from a rounded-down from; to + count: the last before a rounded-up to.
    expect(await starts({ interval: 'day', from: f + DAY + 5, count: 2 })).toEqual([f + DAY, f + 2 * DAY]);
    expect(await starts({ interval: 'day', to: f + 2 * DAY + 1, count: 2 })).toEqual([f + DAY, f + 2 * DAY]);
    // from + to: a `to` on a boundary is exclusive; nothing before the chain, nothing after now.
    expect(await starts({ interval: 'day', from: f + DAY, to: f + 3 * DAY })).toEqual([f + DAY, f + 2 * DAY]);
    expect((await starts({ interval: 'day', from: f - 10 * DAY, to: l + 10 * DAY }))[0]).toBe(f);
    expect((await starts({ interval: 'day', from: f - 10 * DAY, to: l + 10 * DAY })).at(-1)).toBe(l);
    // hours sum to their day.
    const hours = await client.swapsHistory({ interval: 'hour', from: f + DAY, count: 24 });
    const day = await client.swapsHistory({ interval: 'day', from: f + DAY, count: 1 });
    expect(hours.intervals.reduce((n, i) => n + Number(i.totalCount), 0)).toBe(Number(day.intervals[0]!.totalCount));
    expect(hours.meta.totalVolume).toBe(day.meta.totalVolume);
    // Without interval: one bucket over exact timestamps.
    const one = await client.swapsHistory({ from: f + DAY, to: f + 2 * DAY });
    expect(one.intervals).toHaveLength(1);
    expect(one.meta.totalCount).toBe(day.meta.totalCount);
  });

  it('answers 400 to bad history queries', async () => {
    for (const q of [
      'interval=day&count=0',
      'interval=day&count=401',
      'interval=fortnight',
      'interval=day&from=1&to=2&count=3',
      'count=3',
      'interval=day&from=x',
      'interval=day&from=9&to=3',
      'interval=day&pool=BTC.BTC',
    ]) {
      expect((await fetch(`${server.url}/v2/history/swaps?${q}`)).status, q).toBe(400);
      expect((await fetch(`${server.url}/v2/history/earnings?${q}`)).status, q).toBe(400);
    }
  });

  it('the client refuses a bad query before sending it', async () => {
    const before = [...server.stats.values()].reduce((a, b) => a + b, 0);
    await expect(client.swapsHistory({ interval: 'day', count: 401 })).rejects.toThrow(/count|400/);
    await expect(client.earningsHistory({ count: 3 })).rejects.toThrow(/interval/);
    await expect(client.swapsHistory({ interval: 'day', from: 1, to: 2, count: 3 })).rejects.toThrow(/two of/);
    expect([...server.stats.values()].reduce((a, b) => a + b, 0)).toBe(before);
  });
});
