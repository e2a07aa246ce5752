import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { parseRetryAfter, redact, WorkbenchError } from '../../core';
import type { WireError } from './schema';

/**
 * Every failure of a chat completion as one typed error, so the generator (which owns retries,
 * concurrency and rate limits) can decide: `retryable` is true for 408, 429, 5xx, network
 * errors, timeouts, mid-stream errors and `finish_reason: "error"`, false for 400, 401, 402,
 * 403 and other client errors. `retryAfterMs` comes from `Retry-After-Ms` or `Retry-After`.
 * Messages, hints and details never contain the API key: everything is passed through
 * `redact` with the client's secrets (a server may echo the key in an error body).
 */
export type LlmErrorKind =
  | 'http'
  | 'network'
  | 'timeout'
  | 'midstream'
  | 'finish_error'
  | 'invalid_response'
  | 'aborted';

export class LlmError extends WorkbenchError {
  constructor(
    message: string,
    readonly kind: LlmErrorKind,
    readonly status: number | null,
    readonly retryable: boolean,
    readonly retryAfterMs: number | undefined,
    /** The server's error code (OpenRouter: the status as a number; others: a string). */
    readonly code: string | number | null,
    hint?: string,
    details?: string,
  ) {
    super(message, hint, details);
    this.name = 'LlmError';
  }
}

export function isLlmError(e: unknown): e is LlmError {
  return e instanceof LlmError;
}

/** 408, 429 and 5xx are worth retrying; 400/401/402/403 and other client errors are not. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export interface ErrorContext {
  baseUrl: string;
  secrets: readonly string[];
}

const HINTS: Record<number, string> = {
  400: 'the server refused the request: check the model name and parameters (reasoning takes a budget or an effort, not both)',
  401: 'the API key was refused: check OPENROUTER_API_KEY (or the variable named by --api-key-env)',
  402: 'the account has no credits left: add credits, or use a cheaper model',
  403: 'forbidden (moderation, guardrail or permissions): the input was flagged or the key may not use this model',
  404: 'not found: check --base-url (it ends in /v1 or /api/v1) and the model id',
  408: 'the request timed out upstream: retry later',
  429: 'rate limited: wait for Retry-After before the next request, or lower the concurrency',
};

function hintFor(status: number | null, kind: LlmErrorKind): string {
  if (status !== null && HINTS[status]) return HINTS[status] as string;
  if (status !== null && status >= 500)
    return 'the provider failed or is unavailable: retry later, or route to another provider';
  if (kind === 'network') return 'the server could not be reached: check --base-url and the network';
  if (kind === 'timeout') return 'no answer within the timeout: retry, or raise --timeout';
  if (kind === 'midstream' || kind === 'finish_error') return 'the provider failed while generating: retry the request';
  return 'retry the request; if it persists, check the server';
}

export function retryAfterMsOf(headers: Headers | undefined | null, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms && /^\d+(\.\d+)?$/.test(ms.trim())) return Number(ms);
  const after = parseRetryAfter(headers.get('retry-after'));
  if (after !== undefined) return after;
  // OpenRouter's rate-limit headers: X-RateLimit-Reset is the epoch (ms) the window resets at;
  // some servers send seconds. Used only when the limit is spent (remaining 0 or absent).
  const reset = headers.get('x-ratelimit-reset');
  const remaining = headers.get('x-ratelimit-remaining');
  if (reset && /^\d+$/.test(reset.trim()) && (remaining === null || remaining.trim() === '0')) {
    const n = Number(reset);
    const atMs = n < 1e11 ? n * 1000 : n;
    return Math.max(0, atMs - now);
  }
  return undefined;
}

function errorText(error: WireError | undefined | null, fallback: string): string {
  const msg = error?.message;
  return typeof msg === 'string' && msg !== '' ? msg : fallback;
}

/** An error reported inside a 200 response: a mid-stream `error` chunk or a body with `error`. */
export function inBandError(
  kind: 'midstream' | 'finish_error',
  error: WireError | null | undefined,
  ctx: ErrorContext,
): LlmError {
  const code = error?.code ?? null;
  const status = typeof code === 'number' && code >= 400 && code < 600 ? code : null;
  const retryable = status === null ? true : isRetryableStatus(status);
  const what = kind === 'midstream' ? 'error during generation' : 'generation ended with finish_reason "error"';
  const msg = redact(
    `LLM ${what} from ${ctx.baseUrl}: ${errorText(error, 'no message')}${code !== null ? ` (code ${code})` : ''}`,
    ctx.secrets,
  );
  const details = error ? redact(JSON.stringify(error).slice(0, 2000), ctx.secrets) : undefined;
  return new LlmError(msg, kind, status, retryable, undefined, code, hintFor(status, kind), details);
}

/** Any thrown value from the SDK or our own code as an LlmError, secrets scrubbed. */
/** The caller's signal ended the request (never retried). */
export function abortedError(shownUrl: string): LlmError {
  return new LlmError(
    `LLM request to ${shownUrl} was aborted`,
    'aborted',
    null,
    false,
    undefined,
    null,
    'the caller canceled the request',
  );
}

export function toLlmError(e: unknown, ctx: ErrorContext): LlmError {
  if (e instanceof LlmError) return e;
  const scrub = (s: string) => redact(s, ctx.secrets);
  if (e instanceof APIUserAbortError) return abortedError(scrub(ctx.baseUrl));
  if (e instanceof APIConnectionTimeoutError) {
    return new LlmError(
      `LLM request to ${scrub(ctx.baseUrl)} timed out before the response started`,
      'timeout',
      null,
      true,
      undefined,
      null,
      hintFor(null, 'timeout'),
    );
  }
  if (e instanceof APIConnectionError) {
    const cause = (e as { cause?: unknown }).cause;
    const why = cause instanceof Error ? cause.message : e.message;
    return new LlmError(
      scrub(`LLM server ${ctx.baseUrl} could not be reached: ${why}`),
      'network',
      null,
      true,
      undefined,
      null,
      hintFor(null, 'network'),
    );
  }
  if (e instanceof APIError) {
    const wire = (e.error ?? null) as WireError | null;
    // No status: the SDK met `{"error": …}` inside a 200 stream.
    if (e.status === undefined || e.status === null) return inBandError('midstream', wire, ctx);
    const status = e.status;
    const code = wire?.code ?? status;
    const retryAfterMs = retryAfterMsOf(e.headers);
    const msg = scrub(
      `LLM request to ${ctx.baseUrl} failed with HTTP ${status}: ${errorText(wire, 'no error message')}`,
    );
    const details = wire ? scrub(JSON.stringify(wire).slice(0, 2000)) : undefined;
    return new LlmError(
      msg,
      'http',
      status,
      isRetryableStatus(status),
      retryAfterMs,
      code,
      hintFor(status, 'http'),
      details,
    );
  }
  const message = e instanceof Error ? e.message : String(e);
  return new LlmError(
    scrub(`LLM response from ${ctx.baseUrl} could not be read: ${message}`),
    'invalid_response',
    null,
    true,
    undefined,
    null,
    hintFor(null, 'invalid_response'),
  );
}
