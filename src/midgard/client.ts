import type { z } from 'zod';
import { httpRequest, RateLimiter, workbenchVersion, WorkbenchError, type HttpOptions, type RetryInfo } from '../core';
import {
  EarningsHistorySchema,
  HistoryQuerySchema,
  SwapHistorySchema,
  type EarningsHistory,
  type HistoryQuery,
  type SwapHistory,
} from './history-schema';
import {
  ActionsPageSchema,
  DepthHistorySchema,
  HealthSchema,
  PoolsSchema,
  type ActionsPage,
  type DepthHistory,
  type MidgardHealth,
  type MidgardPool,
} from './schema';

export const MAX_LIMIT = 50;

/** Query parameters of /v2/actions; paging is by tokens or from-points, never by offset. */
export interface ActionsQuery {
  limit?: number;
  nextPageToken?: string;
  prevPageToken?: string;
  fromTimestamp?: number;
  fromHeight?: number;
  timestamp?: number;
  height?: number;
  type?: string[];
  address?: string[];
  asset?: string[];
  txid?: string;
}

export interface ActionsResult {
  page: ActionsPage;
  /** The body exactly as received, for the raw page archive. */
  raw: string;
  url: string;
}

export interface MidgardClientOptions {
  /** Requests per second; Midgard's public hosts ask for politeness. Default 1. */
  rps?: number;
  timeoutMs?: number;
  retries?: number;
  baseDelayMs?: number;
  onRetry?: (info: RetryInfo & { url: string }) => void;
}

export function userAgent(): string {
  return `crypto-ai-workbench/${workbenchVersion()} (research workbench; node ${process.versions.node})`;
}

export class MidgardClient {
  readonly baseUrl: string;
  private limiter: RateLimiter;

  constructor(
    baseUrl: string,
    private opts: MidgardClientOptions = {},
  ) {
    if (!/^https?:\/\//.test(baseUrl)) throw new WorkbenchError(`--base-url must be an http(s) URL, got "${baseUrl}"`);
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.limiter = new RateLimiter(opts.rps ?? 1);
  }

  private async get<T>(
    path: string,
    params: Record<string, string | undefined>,
    schema: z.ZodType<T, z.ZodTypeDef, unknown>,
    signal?: AbortSignal,
  ) {
    const qs = new URLSearchParams(
      Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined),
    ).toString();
    const url = `${this.baseUrl}${path}${qs ? `?${qs}` : ''}`;
    const http: HttpOptions = {
      headers: { 'user-agent': userAgent(), accept: 'application/json' },
      timeoutMs: this.opts.timeoutMs ?? 30_000,
      retries: this.opts.retries ?? 8,
      baseDelayMs: this.opts.baseDelayMs ?? 500,
      limiter: this.limiter,
      signal,
      onRetry: (info) => this.opts.onRetry?.({ ...info, url }),
    };
    const res = await httpRequest(url, http);
    let json: unknown;
    try {
      json = JSON.parse(res.text);
    } catch {
      throw new WorkbenchError(`${url} did not answer JSON: ${res.text.slice(0, 200)}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new WorkbenchError(
        `${url}: unexpected response shape at ${i?.path.join('.') || '(root)'}${intervalDay(json, i?.path)}: ${i?.message}`,
      );
    }
    return { value: parsed.data, raw: res.text, url };
  }

  async actions(q: ActionsQuery, signal?: AbortSignal): Promise<ActionsResult> {
    const limit = q.limit ?? MAX_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
      throw new WorkbenchError(`limit must be 1..${MAX_LIMIT}, got ${limit}`);
    const str = (v: number | string | undefined) => (v === undefined ? undefined : String(v));
    const { value, raw, url } = await this.get(
      '/v2/actions',
      {
        limit: String(limit),
        nextPageToken: q.nextPageToken,
        prevPageToken: q.prevPageToken,
        fromTimestamp: str(q.fromTimestamp),
        fromHeight: str(q.fromHeight),
        timestamp: str(q.timestamp),
        height: str(q.height),
        type: q.type?.join(','),
        address: q.address?.join(','),
        asset: q.asset?.join(','),
        txid: q.txid,
      },
      ActionsPageSchema,
      signal,
    );
    return { page: value, raw, url };
  }

  async pools(signal?: AbortSignal): Promise<MidgardPool[]> {
    return (await this.get('/v2/pools', {}, PoolsSchema, signal)).value;
  }

  async health(signal?: AbortSignal): Promise<MidgardHealth> {
    return (await this.get('/v2/health', {}, HealthSchema, signal)).value;
  }

  /** Pool depths and prices over time; interval is Midgard's (5min, hour, day, week, month, quarter, year). */
  async depthHistory(
    pool: string,
    q: { interval: string; count?: number; from?: number; to?: number },
    signal?: AbortSignal,
  ): Promise<DepthHistory> {
    const str = (v: number | undefined) => (v === undefined ? undefined : String(v));
    const path = `/v2/history/depths/${encodeURIComponent(pool)}`;
    return (
      await this.get(
        path,
        { interval: q.interval, count: str(q.count), from: str(q.from), to: str(q.to) },
        DepthHistorySchema,
        signal,
      )
    ).value;
  }

  /** Network-wide swap counts, volumes and liquidity fees per interval (`/v2/history/swaps`). */
  async swapsHistory(q: HistoryQuery, signal?: AbortSignal): Promise<SwapHistory> {
    return (await this.get('/v2/history/swaps', historyParams(q), SwapHistorySchema, signal)).value;
  }

  /** Network-wide earnings (liquidity fees, block rewards, per pool) per interval (`/v2/history/earnings`). */
  async earningsHistory(q: HistoryQuery, signal?: AbortSignal): Promise<EarningsHistory> {
    return (await this.get('/v2/history/earnings', historyParams(q), EarningsHistorySchema, signal)).value;
  }
}

/** Query string of a history request, validated first (a bad query never reaches the server). */
function historyParams(q: HistoryQuery): Record<string, string | undefined> {
  const r = HistoryQuerySchema.safeParse(q);
  if (!r.success)
    throw new WorkbenchError(
      `invalid Midgard history query ${JSON.stringify(q)}: ${r.error.issues[0]?.message}`,
      'interval is one of 5min, hour, day, week, month, quarter, year; count 1..400; from/to Unix seconds',
    );
  const str = (v: number | undefined) => (v === undefined ? undefined : String(v));
  return { interval: r.data.interval, count: str(r.data.count), from: str(r.data.from), to: str(r.data.to) };
}

/** " (interval 3, startTime 1700006400 = 2023-11-15)" when a schema issue lies inside a history interval. */
function intervalDay(json: unknown, path: (string | number)[] | undefined): string {
  if (path?.[0] !== 'intervals' || typeof path[1] !== 'number' || typeof json !== 'object' || json === null) return '';
  const intervals = (json as { intervals?: unknown }).intervals;
  const item: unknown = Array.isArray(intervals) ? intervals[path[1]] : undefined;
  const start = typeof item === 'object' && item !== null ? (item as { startTime?: unknown }).startTime : undefined;
  const sec = typeof start === 'string' && /^\d{1,12}$/.test(start) ? Number(start) : undefined;
  return sec === undefined
    ? ` (interval ${path[1]}, startTime unreadable)`
    : ` (interval ${path[1]}, day ${new Date(sec * 1000).toISOString().slice(0, 10)}, startTime ${sec})`;
}
