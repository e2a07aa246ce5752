import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULT_COLUMNS, startFlipsideServer, type FlipsideServer } from '../../../src/chain/flipside';
import {
  CreateQueryRunResultSchema,
  GetQueryRunResultSchema,
  GetQueryRunResultsResultSchema,
  RPC_CODES,
} from '../../../src/chain/flipside/schema';
import { buildDailySql } from '../../../src/chain/sql';
import { KEY } from './helpers';

let server: FlipsideServer;
beforeAll(async () => {
  server = await startFlipsideServer({ seed: 31, apiKey: KEY, pollsToFinish: 2, maxPageSize: 20 });
});
afterAll(async () => {
  await server.close();
});

interface RpcAnswer {
  status: number;
  body: { result?: unknown; error?: { code: number; message: string } } & Record<string, unknown>;
}

async function rpc(method: string, params: unknown, key: string | null = KEY): Promise<RpcAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== null) headers['x-api-key'] = key;
  const res = await fetch(`${server.url}/json-rpc`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ jsonrpc: '2.0', method, params: [params], id: 7 }),
  });
  return { status: res.status, body: (await res.json()) as RpcAnswer['body'] };
}

const createParams = (sql: string, maxAgeMinutes = 0) => ({
  resultTTLHours: 1,
  maxAgeMinutes,
  sql,
  tags: { sdk_language: 'test' },
  dataSource: 'snowflake-default',
  dataProvider: 'flipside',
});
const SQL = buildDailySql({ chain: 'arbitrum', from: '2024-01-01', toExclusive: '2024-03-01' });

describe('local Flipside JSON-RPC', () => {
  it('requires the configured x-api-key (401 otherwise) and never echoes a key', async () => {
    const none = await rpc('getQueryRun', { queryRunId: 'x' }, null);
    const wrong = await rpc('getQueryRun', { queryRunId: 'x' }, 'wrong-key-value');
    expect(none.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(wrong.body)).not.toContain('wrong-key-value');
  });

  it('walks a run through READY → RUNNING → STREAMING_RESULTS → SUCCESS, one state per poll', async () => {
    const created = CreateQueryRunResultSchema.parse((await rpc('createQueryRun', createParams(SQL))).body.result);
    expect(created.queryRun.state).toBe('QUERY_STATE_READY');
    const id = created.queryRun.id;
    const early = await rpc('getQueryRunResults', { queryRunId: id, format: 'csv', page: { number: 1, size: 10 } });
    expect(early.body.error?.code).toBe(RPC_CODES.queryRunNotFinished);
    const states: string[] = [];
    for (let i = 0; i < 3; i++)
      states.push(
        GetQueryRunResultSchema.parse((await rpc('getQueryRun', { queryRunId: id })).body.result).queryRun.state,
      );
    expect(states).toEqual(['QUERY_STATE_RUNNING', 'QUERY_STATE_STREAMING_RESULTS', 'QUERY_STATE_SUCCESS']);

    // Pages concatenate to the simulator's rows, in order, with a global __row_index.
    const expected = server.sim.rows('arbitrum', '2024-01-01', '2024-03-01');
    const all: unknown[][] = [];
    let totalPages = 1;
    for (let n = 1; n <= totalPages; n++) {
      const page = GetQueryRunResultsResultSchema.parse(
        (await rpc('getQueryRunResults', { queryRunId: id, format: 'csv', page: { number: n, size: 20 } })).body.result,
      );
      expect(page.columnNames).toEqual(RESULT_COLUMNS);
      totalPages = page.page?.totalPages ?? 0;
      expect(page.page?.totalRows).toBe(expected.length);
      all.push(...(page.rows as unknown[][]));
    }
    expect(totalPages).toBe(Math.ceil(expected.length / 20));
    expect(all.map((r) => [r[0], r[1], r[9]])).toEqual(
      expected.map((r, i) => [`${r.day}T00:00:00.000Z`, r.transactions, i]),
    );

    const json = GetQueryRunResultsResultSchema.parse(
      (await rpc('getQueryRunResults', { queryRunId: id, format: 'json', page: { number: 1, size: 2 } })).body.result,
    );
    expect(json.rows?.[0]).toMatchObject({
      day: `${expected[0]?.day}T00:00:00.000Z`,
      transactions: expected[0]?.transactions,
    });

    const tooBig = await rpc('getQueryRunResults', { queryRunId: id, format: 'csv', page: { number: 1, size: 21 } });
    expect(tooBig.body.error?.code).toBe(RPC_CODES.requestedPageSizeTooLarge);
    const cancelDone = await rpc('cancelQueryRun', { queryRunId: id });
    expect(cancelDone.body.error?.code).toBe(RPC_CODES.queryRunInvalidStateToCancel);
  });

  it('fails SQL it did not build like a real failed query, with an errorMessage', async () => {
    const created = CreateQueryRunResultSchema.parse(
      (await rpc('createQueryRun', createParams('SELECT * FROM ethereum.core.fact_blocks'))).body.result,
    );
    const run = GetQueryRunResultSchema.parse(
      (await rpc('getQueryRun', { queryRunId: created.queryRun.id })).body.result,
    ).queryRun;
    expect(run.state).toBe('QUERY_STATE_FAILED');
    expect(run.errorMessage).toMatch(/SQL compilation error.*fact_blocks/);
    // A query changed by one character is not the workbench's query either.
    const tampered = SQL.replace('COUNT(*)', 'COUNT(1)');
    const t = CreateQueryRunResultSchema.parse((await rpc('createQueryRun', createParams(tampered))).body.result);
    expect(
      GetQueryRunResultSchema.parse((await rpc('getQueryRun', { queryRunId: t.queryRun.id })).body.result).queryRun
        .state,
    ).toBe('QUERY_STATE_FAILED');
  });

  it('redirects a repeated query to the earlier run within maxAgeMinutes', async () => {
    const sql = buildDailySql({ chain: 'near', from: '2024-05-01', toExclusive: '2024-05-08' });
    const first = CreateQueryRunResultSchema.parse((await rpc('createQueryRun', createParams(sql))).body.result)
      .queryRun.id;
    for (let i = 0; i < 3; i++) await rpc('getQueryRun', { queryRunId: first });
    const again = CreateQueryRunResultSchema.parse((await rpc('createQueryRun', createParams(sql, 30))).body.result)
      .queryRun.id;
    const polled = GetQueryRunResultSchema.parse((await rpc('getQueryRun', { queryRunId: again })).body.result);
    expect(again).not.toBe(first);
    expect(polled.redirectedToQueryRun?.id).toBe(first);
    expect(polled.redirectedToQueryRun?.state).toBe('QUERY_STATE_SUCCESS');
  });

  it('cancels an unfinished run, and answers JSON-RPC errors for unknown runs, methods and bad params', async () => {
    const id = CreateQueryRunResultSchema.parse((await rpc('createQueryRun', createParams(SQL))).body.result).queryRun
      .id;
    const canceled = await rpc('cancelQueryRun', { queryRunId: id });
    expect((canceled.body.result as { canceledQueryRun: { state: string } }).canceledQueryRun.state).toBe(
      'QUERY_STATE_CANCELED',
    );
    expect(
      GetQueryRunResultSchema.parse((await rpc('getQueryRun', { queryRunId: id })).body.result).queryRun.state,
    ).toBe('QUERY_STATE_CANCELED');
    expect((await rpc('getQueryRun', { queryRunId: 'nope' })).body.error?.code).toBe(RPC_CODES.queryRunNotFound);
    expect((await rpc('toString', {})).body.error?.code).toBe(RPC_CODES.methodNotFound);
    expect((await rpc('createQueryRun', { sql: SQL })).body.error?.code).toBe(RPC_CODES.methodValidation);
  });
});
