import type { z } from 'zod';
import { HttpError, httpRequest, redact, WorkbenchError, withRetries, workbenchVersion } from '../../core';
import { HttpErrorBodySchema, RPC_CODES, RpcEnvelopeSchema } from './schema';

/**
 * One JSON-RPC call to Flipside over the shared HTTP client (which retries 429/5xx/timeouts with
 * backoff and Retry-After). Here: HTTP statuses mapped to clear errors (bad key, billing), JSON-RPC
 * errors surfaced as `FlipsideRpcError`, and -32171 (too many concurrent queries) waited out.
 * The API key goes only into the `x-api-key` header and is scrubbed from every message.
 */
export interface RpcRetry {
  label: string;
  method: string;
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface RpcTransportOptions {
  apiKey: string;
  /** Per HTTP attempt, ms. */
  timeoutMs?: number;
  /** HTTP retries after the first attempt (429, 5xx, timeouts, network errors). */
  retries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Waits for a free query slot after -32171, doubling from this (ms), at most this many times. */
  concurrencyWaitMs?: number;
  concurrencyRetries?: number;
  onRetry?: (e: RpcRetry) => void;
}

/** A JSON-RPC error answered by Flipside (code per the SDK's `errorCodes`). */
export class FlipsideRpcError extends WorkbenchError {
  constructor(
    message: string,
    readonly code: number,
    readonly rpcMessage: string,
    hint?: string,
  ) {
    super(message, hint);
    this.name = 'FlipsideRpcError';
  }
}

const KEY_HINT =
  'set FLIPSIDE_API_KEY to a valid key (create one at https://flipsidecrypto.xyz/api-keys); the key is read from the environment only';

export class FlipsideRpc {
  readonly url: string;
  private nextId = 1;

  constructor(
    baseUrl: string,
    private readonly opts: RpcTransportOptions,
  ) {
    if (!/^https?:\/\/[^\s]+$/.test(baseUrl))
      throw new WorkbenchError(`--flipside-url must be an http(s) URL, got "${this.scrub(baseUrl)}"`);
    this.url = `${baseUrl.replace(/\/+$/, '')}/json-rpc`;
  }

  /** Removes the API key from any text that may be shown, logged or stored. */
  scrub(text: string): string {
    return redact(text, [this.opts.apiKey]);
  }

  async call<T>(
    method: string,
    params: unknown,
    schema: z.ZodType<T, z.ZodTypeDef, unknown>,
    label: string,
    signal?: AbortSignal,
  ): Promise<T> {
    // Too many queries running for this account: wait for one to end, then ask again.
    return withRetries(() => this.once(method, params, schema, label, signal), {
      retries: this.opts.concurrencyRetries ?? 8,
      baseDelayMs: this.opts.concurrencyWaitMs ?? 5_000,
      maxDelayMs: 120_000,
      signal,
      decide: (e) =>
        e instanceof FlipsideRpcError && e.code === RPC_CODES.maxConcurrentQueries
          ? { retry: true, reason: `too many concurrent queries (${e.code})` }
          : { retry: false },
      onRetry: (info) => this.opts.onRetry?.({ label, method, ...info }),
    });
  }

  private async once<T>(
    method: string,
    params: unknown,
    schema: z.ZodType<T, z.ZodTypeDef, unknown>,
    label: string,
    signal?: AbortSignal,
  ): Promise<T> {
    const shownUrl = this.scrub(this.url);
    const body = JSON.stringify({ jsonrpc: '2.0', method, params: [params], id: this.nextId++ });
    let text: string;
    try {
      const res = await httpRequest(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'user-agent': `crypto-ai-workbench/${workbenchVersion()}`,
          'x-api-key': this.opts.apiKey,
        },
        body,
        timeoutMs: this.opts.timeoutMs ?? 30_000,
        retries: this.opts.retries ?? 6,
        baseDelayMs: this.opts.baseDelayMs ?? 500,
        maxDelayMs: this.opts.maxDelayMs ?? 30_000,
        signal,
        secrets: [this.opts.apiKey],
        onRetry: (info) =>
          this.opts.onRetry?.({
            label,
            method,
            attempt: info.attempt,
            delayMs: info.delayMs,
            reason: this.scrub(info.reason),
          }),
      });
      text = res.text;
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      const rpcError = this.rpcErrorIn(e.body, method, label);
      if (rpcError) throw rpcError;
      throw this.httpFailure(e, method, label, shownUrl);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new WorkbenchError(
        `Flipside ${method} for ${label} did not answer JSON: ${this.scrub(text.slice(0, 200))}`,
        `check --flipside-url (${shownUrl})`,
      );
    }
    const env = RpcEnvelopeSchema.safeParse(json);
    if (!env.success)
      throw new WorkbenchError(
        `Flipside ${method} for ${label} answered something that is not JSON-RPC 2.0: ${this.scrub(text.slice(0, 200))}`,
      );
    if (env.data.error) throw this.rpcError(env.data.error.code, env.data.error.message, method, label);
    const parsed = schema.safeParse(env.data.result);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new WorkbenchError(
        `Flipside ${method} for ${label}: unexpected result shape at ${i?.path.join('.') || '(root)'}: ${i?.message}`,
      );
    }
    return parsed.data;
  }

  /** A JSON-RPC error carried by a 4xx body (some gateways answer errors with a status). */
  private rpcErrorIn(body: string, method: string, label: string): FlipsideRpcError | undefined {
    try {
      const env = RpcEnvelopeSchema.safeParse(JSON.parse(body));
      return env.success && env.data.error
        ? this.rpcError(env.data.error.code, env.data.error.message, method, label)
        : undefined;
    } catch {
      return undefined;
    }
  }

  private rpcError(code: number, message: string, method: string, label: string): FlipsideRpcError {
    const msg = this.scrub(message);
    const hints: Record<number, string> = {
      [RPC_CODES.maxConcurrentQueries]:
        'your Flipside plan allows only a few queries at once: wait for running ones to end or lower the number of parallel queries',
      [RPC_CODES.requestedPageSizeTooLarge]: 'request smaller result pages',
      [RPC_CODES.queryRunNotFound]: 'the query run expired or never existed: run the query again',
    };
    return new FlipsideRpcError(
      `Flipside ${method} for ${label} failed: ${msg} (JSON-RPC ${code})`,
      code,
      msg,
      hints[code],
    );
  }

  private httpFailure(e: HttpError, method: string, label: string, shownUrl: string): WorkbenchError {
    const detail = (() => {
      try {
        const b = HttpErrorBodySchema.safeParse(JSON.parse(e.body));
        return b.success ? this.scrub(b.data.msg ?? b.data.message ?? b.data.name ?? '') : '';
      } catch {
        return '';
      }
    })();
    const tail = detail ? `: ${detail}` : '';
    if (e.status === 401 || e.status === 403)
      return new WorkbenchError(`Flipside rejected the API key (HTTP ${e.status}) for ${label}`, KEY_HINT);
    if (e.status === 402)
      return new WorkbenchError(
        `Flipside billing error (HTTP 402) for ${label}${tail}`,
        'add a payment method or check your plan at https://flipsidecrypto.xyz/api, or use --source sim offline',
      );
    if (e.status === 404)
      return new WorkbenchError(
        `no Flipside JSON-RPC endpoint at ${shownUrl} (HTTP 404) for ${label}`,
        'check --flipside-url (default https://api-v2.flipsidecrypto.xyz)',
      );
    if (e.status !== null && e.status >= 500)
      return new WorkbenchError(
        `Flipside server error (HTTP ${e.status}) on ${method} for ${label}, still failing after retries`,
        'Flipside may be down: try again later',
      );
    if (e.status === 429)
      return new WorkbenchError(
        `Flipside kept rate-limiting ${method} for ${label} (HTTP 429) after retries`,
        'wait a few minutes or lower the request rate',
      );
    if (e.status === null)
      return new WorkbenchError(
        `could not reach Flipside at ${shownUrl} on ${method} for ${label}: ${this.scrub(e.message)}`,
        'check the network and --flipside-url',
      );
    return new WorkbenchError(
      `Flipside answered HTTP ${e.status} on ${method} for ${label}${tail}`,
      `check --flipside-url (${shownUrl})`,
    );
  }
}
