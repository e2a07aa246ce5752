import { WorkbenchError } from './errors';
import type { RateLimiter } from './rate-limit';
import { assertNoUrlCredentials, redact } from './secrets';
import { anySignal } from './signals';
import { type RetryInfo, withRetries } from './retry';

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

/** Marks a response worth another attempt; carries the server's wait. */
class RetryableResponse extends Error {
  constructor(
    readonly reason: string,
    readonly waitMs: number | undefined,
  ) {
    super(reason);
  }
}

export async function httpRequest(url: string, opts: HttpOptions = {}): Promise<HttpResponse> {
  const retryable = opts.retryable ?? defaultRetryable;
  const scrub = (s: string) => redact(s, opts.secrets ?? []);
  const shownUrl = scrub(url);
  assertNoUrlCredentials(url, 'request URL');
  const method = opts.method ?? 'GET';
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const retries = opts.retries ?? 6;
  let lastTimedOut = false;
  try {
    return await withRetries(
      async (n) => {
        await opts.limiter?.acquire(opts.signal);
        const timeout = AbortSignal.timeout(timeoutMs);
        const signal = opts.signal ? anySignal([opts.signal, timeout]) : timeout;
        try {
          const res = await fetch(url, { method, headers: opts.headers, body: opts.body, signal });
          const text = await res.text();
          if (res.status < 400) return { status: res.status, headers: res.headers, text, url };
          if (!retryable(res.status) || n > retries) {
            throw new HttpError(
              `${method} ${shownUrl} answered ${res.status}: ${scrub(text.slice(0, 300))}`,
              res.status,
              shownUrl,
              scrub(text.slice(0, 2000)),
            );
          }
          const waitMs = parseRetryAfter(res.headers.get('retry-after'));
          if (waitMs !== undefined) opts.limiter?.pauseFor(waitMs);
          throw new RetryableResponse(`HTTP ${res.status}`, waitMs);
        } catch (e) {
          lastTimedOut = timeout.aborted;
          throw e;
        }
      },
      {
        retries,
        baseDelayMs: opts.baseDelayMs ?? 500,
        maxDelayMs: opts.maxDelayMs ?? 30_000,
        signal: opts.signal,
        onRetry: opts.onRetry,
        decide: (e) => {
          if (e instanceof HttpError) return { retry: false };
          if (e instanceof RetryableResponse) return { retry: true, reason: e.reason, waitMs: e.waitMs };
          return { retry: true, reason: failureReason(e, lastTimedOut, timeoutMs, scrub) };
        },
      },
    );
  } catch (e) {
    if (e instanceof HttpError || opts.signal?.aborted) throw e;
    const reason = e instanceof RetryableResponse ? e.reason : failureReason(e, lastTimedOut, timeoutMs, scrub);
    throw new HttpError(`${method} ${shownUrl} failed after ${retries + 1} attempts: ${reason}`, null, shownUrl, '');
  }
}

function failureReason(e: unknown, timedOut: boolean, timeoutMs: number, scrub: (s: string) => string): string {
  if (timedOut) return `timed out after ${timeoutMs} ms`;
  return `network error: ${scrub(e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e))}`;
}
