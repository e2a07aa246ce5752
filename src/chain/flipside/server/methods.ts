import type { z } from 'zod';
import type { Rng } from '../../../core/rng';
import {
  CreateQueryRunParamsSchema,
  GetQueryRunResultsParamsSchema,
  QueryRunIdParamsSchema,
  RPC_CODES,
  type RpcRequest,
} from '../schema';
import { RESULT_COLUMNS, type Run, type RunStore } from './runs';

/**
 * The JSON-RPC methods of the local Flipside (createQueryRun, getQueryRun, getQueryRunResults,
 * cancelQueryRun) with Flipside's error codes: -32171 when too many runs are active (or as an
 * injected fault), -32170 for pages above the size limit, -32099 for unknown runs, -32151 for
 * results of an unfinished run, -32165 for canceling an ended run.
 */
export interface MethodLimits {
  maxPageSize: number;
  maxConcurrent: number;
  concurrencyErrorRate: number;
}

/** One answered call, for tests: what was asked and the JSON-RPC error code if any. */
export interface RpcCall {
  method: string;
  queryRunId?: string;
  page?: { number: number; size: number };
  code?: number;
}

class RpcFault extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function params<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, req: RpcRequest): T {
  const p = schema.safeParse(req.params[0]);
  if (!p.success) {
    const i = p.error.issues[0];
    throw new RpcFault(
      RPC_CODES.methodValidation,
      `MethodValidationError: ${req.method} params[0].${i?.path.join('.') ?? ''}: ${i?.message ?? 'invalid'}`,
    );
  }
  return p.data;
}

const COLUMN_TYPES = RESULT_COLUMNS.map((c) => (c === 'day' ? 'date' : 'number'));

export function rpcMethods(store: RunStore, limits: MethodLimits, rng: Rng, log: RpcCall[]) {
  const find = (id: string): Run => {
    const run = store.runs.get(id);
    if (!run) throw new RpcFault(RPC_CODES.queryRunNotFound, `QueryRunNotFound: no query run with id ${id}`);
    return run;
  };

  const handlers: Record<string, (req: RpcRequest, call: RpcCall) => unknown> = {
    createQueryRun(req) {
      const p = params(CreateQueryRunParamsSchema, req);
      if (
        store.active() >= limits.maxConcurrent ||
        (limits.concurrencyErrorRate > 0 && rng.next() < limits.concurrencyErrorRate)
      ) {
        throw new RpcFault(
          RPC_CODES.maxConcurrentQueries,
          'MaxConcurrentQueries: the maximum number of concurrent queries for this account is running',
        );
      }
      const run = store.create(p.sql, p.maxAgeMinutes, Date.now());
      const view = store.view(run);
      return {
        queryRequest: {
          id: `req-${run.id}`,
          sqlStatementId: view.sqlStatementId,
          tags: p.tags,
          maxAgeMinutes: p.maxAgeMinutes,
          resultTTLHours: p.resultTTLHours,
          queryRunId: run.id,
        },
        queryRun: view,
        sqlStatement: { id: view.sqlStatementId, sql: p.sql, columnMetadata: null },
      };
    },
    getQueryRun(req, call) {
      const run = find(params(QueryRunIdParamsSchema, req).queryRunId);
      call.queryRunId = run.id;
      store.poll(run, Date.now());
      return { queryRun: store.view(run), redirectedToQueryRun: run.redirectTo ? store.view(store.target(run)) : null };
    },
    getQueryRunResults(req, call) {
      const p = params(GetQueryRunResultsParamsSchema, req);
      call.queryRunId = p.queryRunId;
      call.page = p.page;
      const run = find(p.queryRunId);
      if (p.page.size > limits.maxPageSize) {
        throw new RpcFault(
          RPC_CODES.requestedPageSizeTooLarge,
          `RequestedPageSizeTooLarge: page size ${p.page.size} exceeds ${limits.maxPageSize}`,
        );
      }
      if (store.shownState(run) !== 'QUERY_STATE_SUCCESS')
        throw new RpcFault(
          RPC_CODES.queryRunNotFinished,
          `QueryRunNotFinished: query run ${run.id} is ${store.shownState(run)}`,
        );
      const target = store.target(run);
      const all = store.rows(target);
      const start = (p.page.number - 1) * p.page.size;
      const slice = all.slice(start, start + p.page.size);
      const rows =
        p.format === 'csv' ? slice : slice.map((r) => Object.fromEntries(RESULT_COLUMNS.map((c, i) => [c, r[i]])));
      return {
        columnNames: RESULT_COLUMNS,
        columnTypes: COLUMN_TYPES,
        rows,
        page: {
          currentPageNumber: p.page.number,
          currentPageSize: p.page.size,
          totalRows: all.length,
          totalPages: Math.ceil(all.length / p.page.size),
        },
        sql: `select * from read_parquet('/data/local/${target.id}/*') offset ${start} limit ${p.page.size}`,
        format: p.format,
        originalQueryRun: store.view(run),
        redirectedToQueryRun: run.redirectTo ? store.view(target) : null,
      };
    },
    cancelQueryRun(req, call) {
      const run = find(params(QueryRunIdParamsSchema, req).queryRunId);
      call.queryRunId = run.id;
      if (!store.cancel(run, Date.now()))
        throw new RpcFault(
          RPC_CODES.queryRunInvalidStateToCancel,
          `QueryRunInvalidStateToCancel: query run ${run.id} already ended`,
        );
      return { canceledQueryRun: store.view(run) };
    },
  };

  /** Answers one request with a JSON-RPC response object (errors included). */
  return (req: RpcRequest): unknown => {
    const call: RpcCall = { method: req.method };
    log.push(call);
    try {
      const handler = Object.hasOwn(handlers, req.method) ? handlers[req.method] : undefined;
      if (!handler) throw new RpcFault(RPC_CODES.methodNotFound, `Method not found: ${req.method}`);
      return { jsonrpc: '2.0', id: req.id, result: handler(req, call) };
    } catch (e) {
      if (!(e instanceof RpcFault)) throw e;
      call.code = e.code;
      return { jsonrpc: '2.0', id: req.id, error: { code: e.code, message: e.message, data: null } };
    }
  };
}
