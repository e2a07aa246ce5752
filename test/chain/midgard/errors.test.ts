import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { midgardDailyAggregates, MidgardHistoryError } from '../../../src/chain/midgard-history';
import { MidgardClient, startMidgardServer } from '../../../src/midgard';
import { HttpStatusError, startServer, type Req, type RunningServer } from '../../../src/serve';

/**
 * A canned THORChain Midgard (RUNE, 1e8) whose answers each test bends: missing days, malformed
 * intervals, failing pages, a health that stops mid-window.
 */
const DAY = 86_400;
const T0 = Date.parse('2024-01-01T00:00:00Z') / 1000;

interface Mode {
  /** lastAggregated, seconds. */
  aggregated: number;
  skipSwapDays: number[];
  skipEarningsDays: number[];
  /** Day index → patch of that swap interval. */
  patchSwap: Map<number, Record<string, string>>;
  /** Requests of /v2/history/swaps after which it answers 500. */
  failSwapsAfter: number;
}
let mode: Mode;
let swapRequests = 0;
let server: RunningServer;
let client: MidgardClient;

const dayIndex = (sec: number) => (sec - T0) / DAY;

function days(req: Req): number[] {
  const from = Number(req.query.get('from'));
  const to = Number(req.query.get('to'));
  const out: number[] = [];
  for (let s = Math.floor(from / DAY) * DAY; s < to; s += DAY) out.push(s);
  return out;
}

function swapItem(s: number) {
  const k = dayIndex(s);
  return {
    startTime: String(s),
    endTime: String(s + DAY),
    totalCount: String(100 + k),
    totalVolume: `${123456789012345 + k}`,
    totalFees: '250000000',
    toTradeCount: '7',
    runePriceUSD: '4.2',
    ...mode.patchSwap.get(k),
  };
}

beforeAll(async () => {
  server = await startServer({
    routes: [
      {
        method: 'GET',
        path: '/v2/health',
        handler: () => ({
          json: {
            database: true,
            inSync: true,
            scannerHeight: '1',
            lastAggregated: { height: 1, timestamp: mode.aggregated },
          },
        }),
      },
      {
        method: 'GET',
        path: '/v2/history/swaps',
        handler: (req) => {
          if (++swapRequests > mode.failSwapsAfter) throw new HttpStatusError(500, 'database timeout');
          const items = days(req)
            .filter((s) => !mode.skipSwapDays.includes(dayIndex(s)))
            .map(swapItem);
          return { json: { intervals: items, meta: { ...swapItem(T0), startTime: items[0]?.startTime ?? '0' } } };
        },
      },
      {
        method: 'GET',
        path: '/v2/history/earnings',
        handler: (req) => {
          const items = days(req)
            .filter((s) => !mode.skipEarningsDays.includes(dayIndex(s)))
            .map((s) => ({
              startTime: String(s),
              endTime: String(s + DAY),
              liquidityFees: '250000000',
              blockRewards: '-0',
              pools: [],
            }));
          return { json: { intervals: items, meta: { startTime: '0', endTime: '0', liquidityFees: '0' } } };
        },
      },
    ],
    errorBody: (_s, message) => ({ error: message }),
  });
  client = new MidgardClient(server.url, { rps: 1000, retries: 0 });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  mode = {
    aggregated: T0 + 30 * DAY,
    skipSwapDays: [],
    skipEarningsDays: [],
    patchSwap: new Map(),
    failSwapsAfter: Infinity,
  };
  swapRequests = 0;
});

async function failure(p: Promise<unknown>): Promise<MidgardHistoryError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(MidgardHistoryError);
  return e as MidgardHistoryError;
}

describe('midgardDailyAggregates on THORChain-shaped answers', () => {
  it('converts RUNE base units (1e8) exactly; unknown response fields are kept by the client', async () => {
    const rows = await midgardDailyAggregates(client, 'thorchain', '2024-01-01', '2024-01-04');
    expect(rows.map((r) => [r.date, r.transactions, r.transferredNative, r.feesNative])).toEqual([
      ['2024-01-01', 100, 1234567.89012345, 2.5],
      ['2024-01-02', 101, 1234567.89012346, 2.5],
      ['2024-01-03', 102, 1234567.89012347, 2.5],
    ]);
    expect(rows.every((r) => r.source === 'midgard' && r.chain === 'thorchain' && r.activeSenders === null)).toBe(true);
    const raw = await client.swapsHistory({ interval: 'day', from: T0, to: T0 + DAY });
    expect(raw.intervals[0]).toMatchObject({ toTradeCount: '7', runePriceUSD: '4.2' });
  });

  it('leaves a day Midgard does not return absent, and fees null where earnings lack the day', async () => {
    mode.skipSwapDays = [1];
    mode.skipEarningsDays = [2];
    const rows = await midgardDailyAggregates(client, 'thorchain', '2024-01-01', '2024-01-04');
    expect(rows.map((r) => [r.date, r.feesNative])).toEqual([
      ['2024-01-01', 2.5],
      ['2024-01-03', null],
    ]);
  });

  it('counts only days that end before lastAggregated, and asks for nothing later', async () => {
    mode.aggregated = T0 + 2 * DAY + 3600;
    const rows = await midgardDailyAggregates(client, 'thorchain', '2024-01-01', '2024-03-01', { pageDays: 1 });
    expect(rows.map((r) => r.date)).toEqual(['2024-01-01', '2024-01-02']);
    expect(swapRequests).toBe(2);
  });

  it('a malformed interval: the error names the chain, the day and the endpoint', async () => {
    mode.patchSwap.set(1, { totalVolume: '12.5' });
    const e = await failure(midgardDailyAggregates(client, 'thorchain', '2024-01-01', '2024-01-04'));
    expect(e.message).toMatch(/^Midgard thorchain 2024-01-01\.\.2024-01-04 \(exclusive\) \/v2\/history\/swaps/);
    expect(e.message).toMatch(/intervals\.1\.totalVolume \(interval 1, day 2024-01-02/);
    expect(e).toMatchObject({
      chain: 'thorchain',
      endpoint: '/v2/history/swaps',
      days: { from: '2024-01-01', toExclusive: '2024-01-04' },
    });
  });

  it('an interval that is not one whole UTC day is refused, naming its day', async () => {
    mode.patchSwap.set(2, { endTime: String(T0 + 2 * DAY + 3600) });
    const e = await failure(midgardDailyAggregates(client, 'thorchain', '2024-01-01', '2024-01-04'));
    expect(e.message).toMatch(/thorchain .*day 2024-01-03.* not one whole UTC day/);
  });

  it('a page that fails on the server: the error names its days; earlier pages are kept', async () => {
    mode.failSwapsAfter = 1;
    const e = await failure(midgardDailyAggregates(client, 'thorchain', '2024-01-01', '2024-01-06', { pageDays: 2 }));
    expect(e.message).toMatch(/Midgard thorchain 2024-01-03\.\.2024-01-05 \(exclusive\) \/v2\/history\/swaps .*500/);
    expect(e.rowsSoFar.map((r) => r.date)).toEqual(['2024-01-01', '2024-01-02']);
  });

  it('a Midgard that cannot be reached fails on /v2/health with the whole window named', async () => {
    const dead = new MidgardClient('http://127.0.0.1:9', { rps: 1000, retries: 0, timeoutMs: 2000 });
    const e = await failure(midgardDailyAggregates(dead, 'maya', '2024-01-01', '2024-01-04'));
    expect(e.message).toMatch(
      /^Midgard maya 2024-01-01\.\.2024-01-04 \(exclusive\) \/v2\/health at http:\/\/127\.0\.0\.1:9/,
    );
    expect(e.rowsSoFar).toEqual([]);
  });

  it('a Maya Midgard (CACAO) read as THORChain (RUNE) is refused instead of being 100× off', async () => {
    const maya = await startMidgardServer({ seed: 4, actions: 1500, blockSeconds: 600 });
    try {
      const c = new MidgardClient(maya.url, { rps: 1000, retries: 0 });
      const e = await failure(midgardDailyAggregates(c, 'thorchain', '2024-09-01', '2024-10-01'));
      expect(e.message).toMatch(/Midgard thorchain .*cacaoPriceUSD: this is a Maya Midgard/);
      expect((await midgardDailyAggregates(c, 'maya', '2024-09-01', '2024-10-01')).length).toBeGreaterThan(0);
    } finally {
      await maya.close();
    }
  });
});
