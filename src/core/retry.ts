import { sleep } from './sleep';

/**
 * The one retry schedule and loop of the workbench (HTTP, the traces runner, Flipside's
 * concurrency waits, SSH): exponential backoff capped at a maximum, with "equal jitter" (half the
 * delay fixed, half random) so that many clients spread out without ever retrying at once; a
 * server's own wait (Retry-After) is honoured with a little jitter on top.
 */
export interface Backoff {
  /** Delay before the first retry, before jitter (ms). */
  baseDelayMs?: number;
  /** Cap on the delay before jitter (ms). */
  maxDelayMs?: number;
  /** Uniform [0, 1) source; seeded in tests. */
  random?: () => number;
}

export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  reason: string;
}

/**
 * Our own backoff (never a server's Retry-After) is multiplied by WORKBENCH_RETRY_SCALE when set:
 * the test suite runs every retry path against local stand-ins and sets it to 0.05 so that a
 * run through injected faults takes seconds, not minutes. Unset, it is 1.
 */
export function retryScale(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.WORKBENCH_RETRY_SCALE ?? 1);
  return Number.isFinite(v) && v >= 0 && v <= 1 ? v : 1;
}

/** The wait before retry number `retry` (1-based). */
export function retryDelay(retry: number, b: Backoff = {}, serverWaitMs?: number): number {
  const random = b.random ?? Math.random;
  if (serverWaitMs !== undefined) return serverWaitMs + random() * Math.min(1000, serverWaitMs * 0.1);
  const cap = Math.min(b.maxDelayMs ?? 30_000, (b.baseDelayMs ?? 500) * 2 ** Math.max(0, retry - 1));
  return (cap / 2 + (random() * cap) / 2) * retryScale();
}

/** What to do after a failed attempt: give up (rethrow) or retry, optionally after the server's wait. */
export type RetryDecision = { retry: false } | { retry: true; reason: string; waitMs?: number };

export interface RetryOptions extends Backoff {
  /** Retries after the first attempt. */
  retries: number;
  decide: (error: unknown, attempt: number) => RetryDecision;
  onRetry?: (info: RetryInfo) => void;
  signal?: AbortSignal;
}

/**
 * Runs `attempt(n)` (n from 1) until it resolves, `decide` says not to retry, or the retries are
 * spent; then the last error is thrown. An abort of `signal` ends the wait at once.
 */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, o: RetryOptions): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (e) {
      if (o.signal?.aborted) throw o.signal.reason ?? e;
      const d = n > o.retries ? ({ retry: false } as const) : o.decide(e, n);
      if (!d.retry) throw e;
      const delayMs = retryDelay(n, o, d.waitMs);
      o.onRetry?.({ attempt: n, delayMs, reason: d.reason });
      await sleep(delayMs, o.signal);
    }
  }
}
