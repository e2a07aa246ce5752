import { afterEach, describe, expect, it } from 'vitest';
import { startFlipsideServer, type FlipsideServer } from '../../../src/chain/flipside';
import { buildDailySql, DAILY_COLUMNS, type DailyQuery } from '../../../src/chain/sql';
import { expectedRows, faults, KEY, testClient } from './helpers';

let server: FlipsideServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const label = (q: DailyQuery) => `${q.chain} ${q.from}..${q.toExclusive}`;

describe('Flipside client against the local server', () => {
  it('returns exactly the simulator rows, lower-case columns without __row_index', async () => {
    server = await startFlipsideServer({ seed: 21 });
    const q: DailyQuery = { chain: 'ethereum', from: '2024-01-01', toExclusive: '2024-04-01' };
    const res = await testClient(server).runQuery(buildDailySql(q), { label: label(q) });
    expect(res.columns).toEqual([...DAILY_COLUMNS]);
    expect(res.rows).toEqual(expectedRows(server, q));
    expect(res.rows.length).toBeGreaterThan(80);
  });

  it('with faults on (redirects, pages, -32171, -32170, 429, 5xx) returns every row exactly once and never shows the key', async () => {
    server = await startFlipsideServer(
      { seed: 8, pollsToFinish: 3, redirectRate: 0.5, concurrencyErrorRate: 0.3, maxPageSize: 40 },
      faults({ rate5xx: 0.15, rate429: 0.1, retryAfterSec: 0, seed: 5 }),
    );
    const events: string[] = [];
    const client = testClient(server, { pageSize: 160, retries: 10 }, events);
    const queries: DailyQuery[] = [
      { chain: 'ethereum', from: '2023-01-01', toExclusive: '2023-07-01' },
      { chain: 'bitcoin', from: '2022-03-15', toExclusive: '2023-01-01' },
      { chain: 'near', from: '2024-02-01', toExclusive: '2024-02-10' },
      { chain: 'base', from: '2023-06-01', toExclusive: '2024-01-01' },
      { chain: 'polygon', from: '2021-01-01', toExclusive: '2021-12-31' },
      { chain: 'arbitrum', from: '2024-05-01', toExclusive: '2024-06-01' },
    ];
    for (const q of queries) {
      const res = await client.runQuery(buildDailySql(q), { label: label(q) });
      const want = expectedRows(server, q);
      expect(res.rows, label(q)).toEqual(want);
      expect(new Set(res.rows.map((r) => r.day)).size).toBe(want.length);
    }
    // The faults really happened, and were recovered from.
    const codes = server.calls.map((c) => c.code);
    expect(codes).toContain(-32171);
    expect(codes).toContain(-32170);
    expect(server.calls.some((c) => (c.page?.number ?? 0) > 3)).toBe(true);
    expect([...server.store.runs.values()].some((r) => r.redirectTo !== null)).toBe(true);
    expect(server.stats.get(429) ?? 0).toBeGreaterThan(0);
    expect([500, 502, 503].reduce((n, s) => n + (server?.stats.get(s) ?? 0), 0)).toBeGreaterThan(0);
    expect(events.some((e) => e.includes('HTTP 5') || e.includes('HTTP 429'))).toBe(true);
    expect(events.some((e) => e.includes('too many concurrent queries'))).toBe(true);
    expect(events.join('\n')).not.toContain(KEY);
  });

  it('follows redirectedToQueryRun and reads results from the run it points to', async () => {
    server = await startFlipsideServer({ seed: 3, redirectRate: 1 });
    const q: DailyQuery = { chain: 'optimism', from: '2024-03-01', toExclusive: '2024-04-01' };
    const res = await testClient(server).runQuery(buildDailySql(q));
    const created = [...server.store.runs.values()].find((r) => r.redirectTo !== null);
    expect(created).toBeDefined();
    expect(res.queryRunId).toBe(created?.redirectTo);
    expect(res.queryRunId).not.toBe(created?.id);
    const resultCalls = server.calls.filter((c) => c.method === 'getQueryRunResults');
    expect(resultCalls.every((c) => c.queryRunId === res.queryRunId)).toBe(true);
    expect(res.rows).toEqual(expectedRows(server, q));
  });

  it('reuses a recent result with maxAgeMinutes and runs again with 0', async () => {
    server = await startFlipsideServer({ seed: 4 });
    const client = testClient(server);
    const sql = buildDailySql({ chain: 'bsc', from: '2024-01-01', toExclusive: '2024-01-20' });
    const first = await client.runQuery(sql, { maxAgeMinutes: 60 });
    const second = await client.runQuery(sql, { maxAgeMinutes: 60 });
    expect(second.queryRunId).toBe(first.queryRunId);
    expect(second.rows).toEqual(first.rows);
    const fresh = [...server.store.runs.values()].filter((r) => r.redirectTo === null);
    expect(fresh).toHaveLength(1);
    const third = await client.runQuery(sql, { maxAgeMinutes: 0 });
    expect(third.queryRunId).not.toBe(first.queryRunId);
  });

  it('waits out a real concurrency limit (-32171) instead of failing', async () => {
    server = await startFlipsideServer({ seed: 6, maxConcurrent: 1, pollsToFinish: 4 });
    const client = testClient(server, { pollMs: 2, concurrencyRetries: 14 });
    const qs: DailyQuery[] = [
      { chain: 'avalanche', from: '2024-01-01', toExclusive: '2024-02-01' },
      { chain: 'ethereum', from: '2024-01-01', toExclusive: '2024-02-01' },
      { chain: 'near', from: '2024-01-01', toExclusive: '2024-02-01' },
    ];
    const results = await Promise.all(qs.map((q) => client.runQuery(buildDailySql(q))));
    results.forEach((r, i) => expect(r.rows).toEqual(expectedRows(server as FlipsideServer, qs[i] as DailyQuery)));
    expect(server.calls.filter((c) => c.code === -32171).length).toBeGreaterThan(0);
  });

  it('halves the page size on -32170 and still reads each row once', async () => {
    server = await startFlipsideServer({ seed: 12, maxPageSize: 7 });
    const q: DailyQuery = { chain: 'near', from: '2024-01-01', toExclusive: '2024-03-01' };
    const res = await testClient(server, { pageSize: 100 }).runQuery(buildDailySql(q));
    expect(res.rows).toEqual(expectedRows(server, q));
    const sizes = server.calls.filter((c) => c.method === 'getQueryRunResults').map((c) => c.page?.size);
    expect(sizes.slice(0, 4)).toEqual([100, 50, 25, 12]);
    expect(sizes.filter((s) => s === 6).length).toBe(Math.ceil(res.rows.length / 6));
  });

  it('passes malformed rows through unchanged and identically on every read (validation is downstream)', async () => {
    server = await startFlipsideServer({ seed: 2 }, faults({ malformed: 0.2, seed: 9 }));
    const q: DailyQuery = { chain: 'ethereum', from: '2024-01-01', toExclusive: '2024-03-01' };
    const client = testClient(server);
    const a = await client.runQuery(buildDailySql(q));
    const b = await client.runQuery(buildDailySql(q));
    expect(b.rows).toEqual(a.rows);
    expect(a.rows).toHaveLength(expectedRows(server, q).length);
    const clean = expectedRows(server, q);
    const broken = a.rows.filter((r, i) => JSON.stringify(r) !== JSON.stringify(clean[i]));
    expect(broken.length).toBeGreaterThan(3);
    expect(broken.length).toBeLessThan(a.rows.length / 2);
  });
});
