import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MidgardClient, startMidgardServer, type MidgardServer } from '../../src/midgard';

let server: MidgardServer;
let client: MidgardClient;
beforeAll(async () => {
  server = await startMidgardServer({ seed: 8, actions: 2000 });
  client = new MidgardClient(server.url, { rps: 1000 });
});
afterAll(async () => {
  await server.close();
});

const key = (a: { height: string; date: string }) => [BigInt(a.height), BigInt(a.date)] as const;
const newestFirst = (xs: { height: string; date: string }[]) =>
  xs.every(
    (a, i) =>
      i === 0 ||
      key(xs[i - 1] as typeof a)[0] > key(a)[0] ||
      (key(xs[i - 1] as typeof a)[0] === key(a)[0] && key(xs[i - 1] as typeof a)[1] >= key(a)[1]),
  );

describe('local Midgard /v2/actions semantics', () => {
  it('serves newest first, 50 at most, with page tokens that chain without gaps', async () => {
    const h = server.history;
    const first = await client.actions({});
    expect(first.page.actions).toHaveLength(50);
    const acts = first.page.actions as { height: string; date: string }[];
    expect(newestFirst(acts)).toBe(true);
    expect(acts[0]?.date).toBe(h.datesNs[h.length - 1]?.toString());
    const second = await client.actions({ nextPageToken: first.page.meta.nextPageToken });
    // Page 2 starts right below page 1: the 51st newest action.
    expect((second.page.actions[0] as { date: string }).date).toBe(h.datesNs[h.length - 51]?.toString());
    const back = await client.actions({ prevPageToken: second.page.meta.prevPageToken });
    expect(back.page.actions).toEqual(first.page.actions);
  });

  it('fromHeight / fromTimestamp give the oldest actions from that point, prevPageToken the next ones', async () => {
    const h = server.history;
    const height = h.heights[700] as number;
    const idx = h.heights.indexOf(height);
    const page = await client.actions({ fromHeight: height, limit: 10 });
    const heights = (page.page.actions as { height: string }[]).map((a) => Number(a.height)).reverse();
    expect(heights).toEqual(h.heights.slice(idx, idx + 10));
    const ts = Number((h.datesNs[900] as bigint) / 1_000_000_000n);
    const byTs = await client.actions({ fromTimestamp: ts, limit: 5 });
    for (const a of byTs.page.actions as { date: string }[])
      expect(BigInt(a.date) >= BigInt(ts) * 1_000_000_000n).toBe(true);
    const next = await client.actions({ prevPageToken: page.page.meta.prevPageToken, limit: 10 });
    const nextHeights = (next.page.actions as { height: string }[]).map((a) => Number(a.height)).reverse();
    expect(nextHeights).toEqual(h.heights.slice(idx + 10, idx + 20));
  });

  it('filters by type, address and asset, and bounds by height', async () => {
    const swaps = await client.actions({ type: ['swap'], limit: 20 });
    expect((swaps.page.actions as { type: string }[]).every((a) => a.type === 'swap')).toBe(true);
    const addr = server.history.addresses[100]?.[0] as string;
    const mine = await client.actions({ address: [addr] });
    expect(mine.page.actions.length).toBeGreaterThan(0);
    for (const a of mine.page.actions as { in: { address: string }[]; out: { address: string }[] }[]) {
      expect([...a.in, ...a.out].map((t) => t.address)).toContain(addr);
    }
    const btc = await client.actions({ asset: ['BTC.BTC'], limit: 10 });
    for (const a of btc.page.actions as { pools: string[]; in: { coins: { asset: string }[] }[] }[]) {
      expect(JSON.stringify(a)).toContain('BTC.BTC');
    }
    const h = server.history.heights[300] as number;
    const bounded = await client.actions({ height: h, limit: 5 });
    for (const a of bounded.page.actions as { height: string }[]) expect(Number(a.height)).toBeLessThanOrEqual(h);
  });

  it('answers 400 to bad parameters', async () => {
    for (const q of ['limit=0', 'limit=51', 'nextPageToken=abc', 'fromHeight=-1', 'nextPageToken=5&prevPageToken=6']) {
      expect((await fetch(`${server.url}/v2/actions?${q}`)).status, q).toBe(400);
    }
  });

  it('serves pools, health and depth history that the client validates', async () => {
    const pools = await client.pools();
    expect(pools.length).toBeGreaterThan(4);
    expect(pools.map((p) => p.asset)).toContain('BTC.BTC');
    const health = await client.health();
    expect(health.inSync).toBe(true);
    expect(Number(health.scannerHeight)).toBeGreaterThan(server.history.heights[server.history.length - 1] as number);
    const depths = await client.depthHistory('BTC.BTC', { interval: 'hour', count: 5 });
    expect(depths.intervals.length).toBeGreaterThan(0);
    expect(depths.intervals.length).toBeLessThanOrEqual(5);
    for (const i of depths.intervals) expect(Number(i.endTime) - Number(i.startTime)).toBe(3600);
    await expect(client.depthHistory('NOPE.NOPE', { interval: 'hour' })).rejects.toThrow(/unknown pool NOPE\.NOPE/);
  });
});
