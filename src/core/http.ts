import { WorkbenchError } from './errors';
import type { RateLimiter } from './rate-limit';
import { redact } from './secrets';
import { anySignal } from './signals';
import { sleep } from './sleep';

/**
 * The one HTTP client of the workbench: per-attempt timeouts, retries with exponential backoff
 * and full jitter on network errors, 408, 429 and 5xx, Retry-After honoured (and shared through
 * the rate limiter), a User-Agent, and errors that never contain a secret.
 */
export interface HttpOptions {
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Per attempt. */
  timeoutMs?: number;
  /** Retries after the first attempt. */
  retries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  limiter?: RateLimiter;
  signal?: AbortSignal;
  /** Values to scrub from any message (API keys); headers named like keys are never echoed anyway. */
  secrets?: string[];
  onRetry?: (info: RetryInfo) => void;
  /** Statuses worth retrying; default 408, 429 and 5xx. */
  retryable?: (status: number) => boolean;
}

export interface RetryInfo {
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  url: string;
}

export class HttpError extends WorkbenchError {
  constructor(
    message: string,
    readonly status: number | null,
    readonly url: string,
    readonly body: string,
    hint?: string,
  ) {
    super(message, hint);
    this.name = 'HttpError';
  }
}

export const defaultRetryable = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function backoff(attempt: number, base: number, max: number): number {
  return Math.random() * Math.min(max, base * 2 ** attempt);
}

export async function httpRequest(url: string, opts: HttpOptions = {}): Promise<HttpResponse> {
  const retries = opts.retries ?? 6;
  const base = opts.baseDelayMs ?? 500;
  const max = opts.maxDelayMs ?? 30_000;
  const retryable = opts.retryable ?? defaultRetryable;
  const scrub = (s: string) => redact(s, opts.secrets ?? []);
  const shownUrl = scrub(url);
  for (let attempt = 0; ; attempt++) {
    await opts.limiter?.acquire(opts.signal);
    const timeout = AbortSignal.timeout(opts.timeoutMs ?? 30_000);
    const signal = opts.signal ? anySignal([opts.signal, timeout]) : timeout;
    let reason: string;
    let waitMs: number | undefined;
    try {
      const res = await fetch(url, { method: opts.method ?? 'GET', headers: opts.headers, body: opts.body, signal });
      const text = await res.text();
      if (res.status < 400) return { status: res.status, headers: res.headers, text, url };
      if (!retryable(res.status) || attempt >= retries) {
        throw new HttpError(`${opts.method ?? 'GET'} ${shownUrl} answered ${res.status}: ${scrub(text.slice(0, 300))}`, res.status, shownUrl, scrub(text.slice(0, 2000)));
      }
      reason = `HTTP ${res.status}`;
      waitMs = parseRetryAfter(res.headers.get('retry-after'));
      if (waitMs !== undefined) opts.limiter?.pauseFor(waitMs);
    } catch (e) {
      if (e instanceof HttpError) throw e;
      if (opts.signal?.aborted) throw opts.signal.reason;
      const timedOut = timeout.aborted;
      reason = timedOut ? `timed out after ${opts.timeoutMs ?? 30_000} ms` : `network error: ${scrub(e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e))}`;
      if (attempt >= retries) throw new HttpError(`${opts.method ?? 'GET'} ${shownUrl} failed after ${attempt + 1} attempts: ${reason}`, null, shownUrl, '');
    }
    // A server's Retry-After wins over our own schedule; a little jitter keeps clients apart.
    const delayMs = waitMs !== undefined ? waitMs + Math.random() * Math.min(1000, waitMs * 0.1) : backoff(attempt, base, max);
    opts.onRetry?.({ attempt: attempt + 1, delayMs, reason });
    await sleep(delayMs, opts.signal);
  }
}
