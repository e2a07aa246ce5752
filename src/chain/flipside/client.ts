import { secretFromEnv, sleep, WorkbenchError } from '../../core';
import { FlipsideRpc, FlipsideRpcError, type RpcRetry } from './rpc';
import {
  CancelQueryRunResultSchema,
  CreateQueryRunResultSchema,
  GetQueryRunResultSchema,
  GetQueryRunResultsResultSchema,
  RPC_CODES,
  type CreateQueryRunParams,
  type GetQueryRunResultsResult,
  type QueryRun,
  type QueryState,
} from './schema';

/**
 * Runs one SQL query on Flipside the way its SDKs do: createQueryRun (reusing a result up to
 * `maxAgeMinutes` old), getQueryRun with growing intervals until QUERY_STATE_SUCCESS (following
 * `redirectedToQueryRun`), then every page of getQueryRunResults. A run is canceled when the caller
 * aborts or the wait runs out. Errors name the caller's label (chain and dates) and the run id.
 */
export const FLIPSIDE_KEY_ENV = 'FLIPSIDE_API_KEY';

/** The Flipside API key, from the environment only (never a flag or a file). */
export function apiKeyFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return secretFromEnv(FLIPSIDE_KEY_ENV, env);
}

export interface FlipsideProgress {
  label: string;
  queryRunId: string;
  state: QueryState | 'READING_RESULTS' | 'DONE';
  page?: number;
  totalPages?: number;
  rows?: number;
}

export interface FlipsideClientOptions {
  apiKey: string;
  /** Per HTTP attempt, ms (default 30 s). */
  timeoutMs?: number;
  /** HTTP retries after the first attempt (default 6). */
  retries?: number;
  /** HTTP backoff base and cap, ms (default 500 and 30 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** First poll interval, ms (default 1 s); each wait is 1.5x the last, up to `maxPollIntervalMs`. */
  pollMs?: number;
  maxPollIntervalMs?: number;
  /** How long to wait for a run to finish before canceling it, ms (default 20 min, the SDK's). */
  maxPollMs?: number;
  /** Result rows per page (default 10,000); halved while Flipside answers -32170. */
  pageSize?: number;
  /** First wait after -32171 (too many concurrent queries), ms, doubling; and how many waits. */
  concurrencyWaitMs?: number;
  concurrencyRetries?: number;
  tags?: Record<string, string>;
  onRetry?: (e: RpcRetry) => void;
  onProgress?: (e: FlipsideProgress) => void;
}

export interface RunQueryOptions {
  /** Reuse a result of the same SQL up to this old (Flipside-side cache), minutes; 0 = always run. */
  maxAgeMinutes?: number;
  signal?: AbortSignal;
  /** Names the query in messages, e.g. "ethereum 2024-01-01..2024-01-31". */
  label?: string;
}

export interface QueryResult {
  /** The run whose results were read (the redirect target when Flipside redirected). */
  queryRunId: string;
  /** Lower-case column names, Flipside's `__row_index` left out. */
  columns: string[];
  rows: Record<string, unknown>[];
}

/** A query that failed after it was created: carries the run id and the rows read so far. */
export class FlipsideQueryError extends WorkbenchError {
  constructor(
    message: string,
    hint: string | undefined,
    readonly label: string,
    readonly queryRunId: string,
    /** failed / canceled on the server, did not finish in time, or results unreadable. */
    readonly reason: 'failed' | 'canceled' | 'timeout' | 'results',
    readonly rowsSoFar: Record<string, unknown>[] = [],
  ) {
    super(message, hint);
    this.name = 'FlipsideQueryError';
  }
}

const ROW_INDEX = '__row_index';

export class FlipsideClient {
  private readonly rpc: FlipsideRpc;
  /** Cancels go out on their own short budget: they run while the caller is leaving. */
  private readonly cancelRpc: FlipsideRpc;

  constructor(
    readonly baseUrl: string,
    private readonly opts: FlipsideClientOptions,
  ) {
    if (!opts.apiKey)
      throw new WorkbenchError(
        'no Flipside API key given',
        `export ${FLIPSIDE_KEY_ENV}=... (read from the environment only)`,
      );
    this.rpc = new FlipsideRpc(baseUrl, opts);
    this.cancelRpc = new FlipsideRpc(baseUrl, {
      ...opts,
      retries: Math.min(1, opts.retries ?? 1),
      timeoutMs: Math.min(10_000, opts.timeoutMs ?? 10_000),
      concurrencyRetries: 0,
    });
  }

  get url(): string {
    return this.rpc.url;
  }

  async runQuery(sql: string, o: RunQueryOptions = {}): Promise<QueryResult> {
    const label = this.rpc.scrub(o.label ?? (sql.split('\n')[0] ?? '').trim().slice(0, 120));
    const maxAge = o.maxAgeMinutes ?? 0;
    const params: CreateQueryRunParams = {
      // The SDK's rule: keep results at least an hour, longer when reuse is wanted for longer.
      resultTTLHours: Math.max(1, Math.ceil(maxAge / 60)),
      maxAgeMinutes: maxAge,
      sql,
      tags: { sdk_package: 'crypto-ai-workbench', sdk_language: 'typescript', ...this.opts.tags },
      dataSource: 'snowflake-default',
      dataProvider: 'flipside',
    };
    const created = await this.rpc.call('createQueryRun', params, CreateQueryRunResultSchema, label, o.signal);
    const runId = created.queryRun.id;
    let finished = false;
    try {
      const target = await this.waitForRun(runId, label, o.signal);
      finished = true;
      return await this.readAll(target, label, o.signal);
    } catch (e) {
      // Don't leave a run burning query seconds: cancel unless it already ended on the server.
      const aborted = o.signal?.aborted ?? false;
      const ended = e instanceof FlipsideQueryError && (e.reason === 'failed' || e.reason === 'canceled');
      if (!finished && !ended) await this.cancel(runId, label);
      if (aborted) throw o.signal?.reason ?? e;
      throw e;
    }
  }

  /** Asks Flipside to stop a run; best effort (the run may have ended meanwhile). */
  async cancel(queryRunId: string, label = queryRunId): Promise<boolean> {
    try {
      await this.cancelRpc.call('cancelQueryRun', { queryRunId }, CancelQueryRunResultSchema, label);
      this.opts.onProgress?.({ label, queryRunId, state: 'QUERY_STATE_CANCELED' });
      return true;
    } catch {
      return false;
    }
  }

  /** Polls until the run (or the run it redirects to) succeeds; returns the run to read. */
  private async waitForRun(runId: string, label: string, signal?: AbortSignal): Promise<QueryRun> {
    const started = Date.now();
    const maxPollMs = this.opts.maxPollMs ?? 20 * 60_000;
    let interval = this.opts.pollMs ?? 1_000;
    for (;;) {
      const res = await this.rpc.call('getQueryRun', { queryRunId: runId }, GetQueryRunResultSchema, label, signal);
      const run = res.redirectedToQueryRun ?? res.queryRun;
      this.opts.onProgress?.({ label, queryRunId: run.id, state: run.state });
      if (run.state === 'QUERY_STATE_SUCCESS') return run;
      if (run.state === 'QUERY_STATE_FAILED') {
        const why = this.rpc.scrub([run.errorName, run.errorMessage].filter(Boolean).join(': ') || 'no error message');
        throw new FlipsideQueryError(
          `Flipside query ${label} failed on the server (run ${run.id}): ${why}`,
          'fix the query or the date range; nothing was collected for it',
          label,
          run.id,
          'failed',
        );
      }
      if (run.state === 'QUERY_STATE_CANCELED') {
        throw new FlipsideQueryError(
          `Flipside query ${label} was canceled on the server (run ${run.id})`,
          'run it again',
          label,
          run.id,
          'canceled',
        );
      }
      const waited = Date.now() - started;
      if (waited + interval > maxPollMs) {
        throw new FlipsideQueryError(
          `Flipside query ${label} did not finish within ${maxPollMs < 10_000 ? (maxPollMs / 1000).toFixed(1) : Math.round(maxPollMs / 1000)} s (run ${runId}, last state ${run.state}); it was canceled`,
          'narrow the date range or raise the wait limit',
          label,
          runId,
          'timeout',
        );
      }
      await sleep(interval, signal);
      interval = Math.min(interval * 1.5, this.opts.maxPollIntervalMs ?? 15_000);
    }
  }

  /** Reads every page of a finished run; checks the total against Flipside's `totalRows`. */
  private async readAll(run: QueryRun, label: string, signal?: AbortSignal): Promise<QueryResult> {
    let size = this.opts.pageSize ?? 10_000;
    let columns: string[] = [];
    const rows: Record<string, unknown>[] = [];
    let totalRows: number | undefined;
    let totalPages = 1;
    const fail = (msg: string, hint?: string) =>
      new FlipsideQueryError(`Flipside query ${label} (run ${run.id}): ${msg}`, hint, label, run.id, 'results', rows);
    for (let number = 1; number <= totalPages; ) {
      let res: GetQueryRunResultsResult;
      try {
        res = await this.rpc.call(
          'getQueryRunResults',
          { queryRunId: run.id, format: 'csv', page: { number, size } },
          GetQueryRunResultsResultSchema,
          label,
          signal,
        );
      } catch (e) {
        if (e instanceof FlipsideRpcError && e.code === RPC_CODES.requestedPageSizeTooLarge && size > 1) {
          // Smaller pages: continue at the same row when the new size divides it, else start over.
          size = Math.floor(size / 2);
          if (rows.length % size === 0) number = rows.length / size + 1;
          else {
            rows.length = 0;
            number = 1;
          }
          totalPages = Math.max(totalPages, number); // recomputed from the next answer
          continue;
        }
        if (e instanceof WorkbenchError && !(e instanceof FlipsideQueryError))
          throw fail(`reading page ${number}${totalPages > 1 ? ` of ${totalPages}` : ''} failed: ${e.message}`, e.hint);
        throw e;
      }
      if (!res.page || !res.rows || !res.columnNames)
        throw fail(`page ${number} came back without rows, columns or page stats`);
      if (totalRows !== undefined && res.page.totalRows !== totalRows)
        throw fail(
          `the result changed while it was read (totalRows ${totalRows} then ${res.page.totalRows})`,
          'run the query again',
        );
      totalRows = res.page.totalRows;
      totalPages = res.page.totalPages;
      const names = res.columnNames.map((c) => c.toLowerCase());
      columns = names.filter((c) => c !== ROW_INDEX);
      if (res.rows.length === 0 && rows.length < totalRows)
        throw fail(`page ${number} of ${totalPages} was empty with ${totalRows - rows.length} rows still missing`);
      for (const [i, raw] of res.rows.entries()) {
        const rec: Record<string, unknown> = {};
        if (Array.isArray(raw)) {
          if (raw.length !== names.length)
            throw fail(`row ${i + 1} of page ${number} has ${raw.length} values for ${names.length} columns`);
          names.forEach((c, j) => {
            if (c !== ROW_INDEX) rec[c] = raw[j];
          });
        } else {
          for (const [k, v] of Object.entries(raw)) if (k.toLowerCase() !== ROW_INDEX) rec[k.toLowerCase()] = v;
        }
        rows.push(rec);
      }
      this.opts.onProgress?.({
        label,
        queryRunId: run.id,
        state: 'READING_RESULTS',
        page: number,
        totalPages,
        rows: rows.length,
      });
      number++;
    }
    if (totalRows !== undefined && rows.length !== totalRows)
      throw fail(`read ${rows.length} rows but Flipside reported ${totalRows}`, 'run the query again');
    this.opts.onProgress?.({ label, queryRunId: run.id, state: 'DONE', rows: rows.length });
    return { queryRunId: run.id, columns, rows };
  }
}
