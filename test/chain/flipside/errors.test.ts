import { afterEach, describe, expect, it } from 'vitest';
import {
  apiKeyFromEnv,
  FlipsideClient,
  FlipsideQueryError,
  startFlipsideServer,
  type FlipsideServer,
} from '../../../src/chain/flipside';
import { buildDailySql, type DailyQuery } from '../../../src/chain/sql';
import { WorkbenchError } from '../../../src/core/errors';
import { startServer, type RunningServer } from '../../../src/serve';
import { caught, errorText, expectedRows, faults, KEY, testClient } from './helpers';

let server: FlipsideServer | undefined;
let other: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  await other?.close();
  server = undefined;
  other = undefined;
});

const Q: DailyQuery = { chain: 'ethereum', from: '2024-01-01', toExclusive: '2024-02-01' };
const LABEL = 'ethereum 2024-01-01..2024-01-31';
const SQL = buildDailySql(Q);

describe('Flipside client errors', () => {
  it('maps 401 to a bad-key error naming the query, without retrying or showing the key', async () => {
    server = await startFlipsideServer({ apiKey: 'the-expected-key' });
    const e = await caught(testClient(server).runQuery(SQL, { label: LABEL }));
    expect(e).toBeInstanceOf(WorkbenchError);
    expect((e as WorkbenchError).message).toMatch(
      /rejected the API key \(HTTP 401\) for ethereum 2024-01-01\.\.2024-01-31/,
    );
    expect((e as WorkbenchError).hint).toContain('FLIPSIDE_API_KEY');
    expect(server.stats.get(401)).toBe(1);
    expect(errorText(e)).not.toContain(KEY);
  });

  it('maps 402 to a billing error with Flipside’s message', async () => {
    server = await startFlipsideServer({ paymentRequired: true });
    const e = (await caught(testClient(server).runQuery(SQL, { label: LABEL }))) as WorkbenchError;
    expect(e.message).toMatch(/billing error \(HTTP 402\) for ethereum .*payment method/);
    expect(e.hint).toMatch(/payment method|plan/);
    expect(errorText(e)).not.toContain(KEY);
  });

  it('reports a query that fails on the server (SQL it does not know) with the label and the server message', async () => {
    server = await startFlipsideServer({});
    const e = await caught(testClient(server).runQuery('SELECT 1', { label: 'bogus query' }));
    expect(e).toBeInstanceOf(FlipsideQueryError);
    expect((e as FlipsideQueryError).reason).toBe('failed');
    expect((e as Error).message).toMatch(/bogus query failed on the server \(run clsim.*SQL compilation error/);
    // A failed run is not canceled again.
    expect(server.calls.some((c) => c.method === 'cancelQueryRun')).toBe(false);
  });

  it('reports a warehouse failure of a valid query as failed, rows none', async () => {
    server = await startFlipsideServer({ failRate: 1 });
    const e = (await caught(testClient(server).runQuery(SQL, { label: LABEL }))) as FlipsideQueryError;
    expect(e.reason).toBe('failed');
    expect(e.message).toContain('Warehouse error');
    expect(e.rowsSoFar).toEqual([]);
  });

  it('cancels the run on abort and rethrows the abort', async () => {
    server = await startFlipsideServer({ hangRate: 1 });
    const ctrl = new AbortController();
    const p = testClient(server, { pollMs: 5, maxPollIntervalMs: 5 }).runQuery(SQL, {
      label: LABEL,
      signal: ctrl.signal,
    });
    setTimeout(() => ctrl.abort(new Error('user pressed Ctrl-C')), 60);
    const e = await caught(p);
    expect((e as Error).message).toBe('user pressed Ctrl-C');
    const cancel = server.calls.find((c) => c.method === 'cancelQueryRun');
    expect(cancel?.code).toBeUndefined();
    const run = server.store.runs.get(cancel?.queryRunId ?? '');
    expect(run?.state).toBe('QUERY_STATE_CANCELED');
  });

  it('cancels a run that does not finish in time and says so', async () => {
    server = await startFlipsideServer({ hangRate: 1 });
    const e = (await caught(
      testClient(server, { pollMs: 5, maxPollIntervalMs: 10, maxPollMs: 200 }).runQuery(SQL, { label: LABEL }),
    )) as FlipsideQueryError;
    expect(e.reason).toBe('timeout');
    expect(e.message).toMatch(
      /ethereum 2024-01-01\.\.2024-01-31 did not finish within 0\.2 s \(run clsim\w+, last state QUERY_STATE_RUNNING\); it was canceled/,
    );
    expect(server.store.runs.get(e.queryRunId)?.state).toBe('QUERY_STATE_CANCELED');
  });

  it('gives up on persistent 5xx with a clear error after the shared HTTP retries', async () => {
    server = await startFlipsideServer({}, faults({ rate5xx: 1 }));
    const e = (await caught(testClient(server, { retries: 2 }).runQuery(SQL, { label: LABEL }))) as WorkbenchError;
    expect(e.message).toMatch(
      /Flipside server error \(HTTP 50[023]\) on createQueryRun for ethereum 2024-01-01\.\.2024-01-31, still failing after retries/,
    );
    expect([500, 502, 503].reduce((n, s) => n + (server?.stats.get(s) ?? 0), 0)).toBe(3);
  });

  it('keeps the rows already read when a later page never arrives', async () => {
    // Its own FaultSpec object: the one mutated below (serve's NO_FAULTS is shared by every server).
    server = await startFlipsideServer({ seed: 14 }, faults({}));
    const s = server;
    const client = testClient(s, {
      pageSize: 10,
      retries: 1,
      onProgress: (p) => {
        if (p.state === 'READING_RESULTS' && p.page === 1) s.faults.spec.rate5xx = 1;
      },
    });
    const e = (await caught(client.runQuery(SQL, { label: LABEL }))) as FlipsideQueryError;
    expect(e).toBeInstanceOf(FlipsideQueryError);
    expect(e.message).toMatch(/ethereum 2024-01-01\.\.2024-01-31 \(run clsim\w+\): reading page 2 of \d+ failed/);
    expect(e.rowsSoFar).toEqual(expectedRows(s, Q).slice(0, 10));
  });

  it('scrubs the key from everything a hostile or broken server echoes back', async () => {
    // A server that puts the caller's key into JSON-RPC messages, 402 bodies and 5xx/4xx bodies.
    let mode: 'rpc' | 'billing' | 'broken' = 'rpc';
    other = await startServer({
      routes: [
        {
          method: 'POST',
          path: '/json-rpc',
          handler: (req) => {
            const k = String(req.headers['x-api-key']);
            const body = JSON.parse(req.body) as { method: string; id: number };
            if (mode === 'rpc')
              return {
                json: { jsonrpc: '2.0', id: body.id, error: { code: -32000, message: `bad request from key ${k}` } },
              };
            if (mode === 'billing')
              return { status: 402, json: { errorType: 'BILLING_ERROR', msg: `no credit for ${k}` } };
            if (body.method === 'createQueryRun')
              return {
                json: { jsonrpc: '2.0', id: body.id, result: { queryRun: { id: 'run1', state: 'QUERY_STATE_READY' } } },
              };
            return { status: body.method === 'getQueryRun' ? 503 : 418, text: `broken for ${k}` };
          },
        },
      ],
    });
    const events: string[] = [];
    const client = new FlipsideClient(other.url, {
      apiKey: KEY,
      retries: 1,
      baseDelayMs: 1,
      onRetry: (e) => events.push(JSON.stringify(e)),
      onProgress: (e) => events.push(JSON.stringify(e)),
    });
    const texts: string[] = [];
    for (const m of ['rpc', 'billing', 'broken'] as const) {
      mode = m;
      const e = await caught(client.runQuery(SQL, { label: `label with ${KEY}` }));
      expect(e).toBeInstanceOf(WorkbenchError);
      texts.push(errorText(e));
    }
    expect(texts[0]).toContain('bad request from key [redacted]');
    expect(texts[1]).toContain('no credit for [redacted]');
    expect(texts[2]).toMatch(/HTTP 503\) on getQueryRun for label with \[redacted\]/);
    expect(texts.join('\n')).not.toContain(KEY);
    expect(events.length).toBeGreaterThan(0);
    expect(events.join('\n')).not.toContain(KEY);
  });

  it('says when Flipside cannot be reached, and refuses a non-http URL', async () => {
    const client = new FlipsideClient('http://127.0.0.1:9', { apiKey: KEY, retries: 0, timeoutMs: 2000 });
    const e = (await caught(client.runQuery(SQL, { label: LABEL }))) as WorkbenchError;
    expect(e.message).toMatch(
      /could not reach Flipside at http:\/\/127\.0\.0\.1:9\/json-rpc on createQueryRun for ethereum/,
    );
    expect(() => new FlipsideClient('ftp://example.org', { apiKey: KEY })).toThrow(
      /--flipside-url must be an http\(s\) URL/,
    );
  });

  it('reads the key from FLIPSIDE_API_KEY only, and names the variable when it is missing', () => {
    expect(apiKeyFromEnv({ FLIPSIDE_API_KEY: KEY })).toBe(KEY);
    let e: unknown;
    try {
      apiKeyFromEnv({});
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(WorkbenchError);
    expect((e as WorkbenchError).message).toContain('FLIPSIDE_API_KEY');
    expect(() => new FlipsideClient('http://127.0.0.1:1', { apiKey: '' })).toThrow(/no Flipside API key/);
  });
});
