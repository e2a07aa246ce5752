import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultSpecSchema } from '../../../src/serve';
import { apiKeyFromEnv, chatComplete, createLlmClient, LlmError, type ChatRequestInput } from '../../../src/traces/llm';
import { startLlmServer, type LlmServer } from '../../../src/traces/server';
import { metricsPrompt } from '../server/helpers';

const KEY = 'sk-or-v1-SECRET-never-print-me-9f3a';
const request = (over: Partial<ChatRequestInput> = {}): ChatRequestInput => ({
  model: 'deepseek/deepseek-r1',
  messages: [{ role: 'user', content: metricsPrompt() }],
  maxTokens: 4000,
  ...over,
});

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});
async function serve(
  options: Parameters<typeof startLlmServer>[0] = {},
  faults: Record<string, number> = {},
): Promise<LlmServer> {
  const s = await startLlmServer({ quality: 'good', ...options }, FaultSpecSchema.parse(faults));
  open.push(s);
  return s;
}
const clientFor = (s: { url: string }, headers: Record<string, string> = {}, key = KEY) =>
  createLlmClient({ baseUrl: `${s.url}/api/v1`, apiKey: key, flavor: 'openrouter', headers });

async function failure(p: Promise<unknown>): Promise<LlmError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(LlmError);
    return e as LlmError;
  }
  throw new Error('expected a failure');
}

/** Everything an error could show a user or a log. */
const shown = (e: LlmError) =>
  [e.message, e.hint ?? '', e.details ?? '', e.stack ?? '', String(e), JSON.stringify(e)].join('\n');

/** A raw SSE server for shapes the stand-in never sends; `hang` keeps the stream open. */
async function rawSse(events: string[], hang = false): Promise<{ url: string; close(): Promise<void> }> {
  const srv: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    // OpenRouter's keep-alive comment comes first; an SSE parser must skip it.
    res.write(': OPENROUTER PROCESSING\n\n');
    for (const e of events) res.write(`data: ${e}\n\n`);
    if (!hang) res.end();
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const close = () =>
    new Promise<void>((r) => {
      srv.closeAllConnections();
      srv.close(() => r());
    });
  const handle = { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, close };
  open.push(handle);
  return handle;
}
const chunk = (o: Record<string, unknown>) =>
  JSON.stringify({ id: 'gen-x', object: 'chat.completion.chunk', model: 'm', ...o });

describe('chatComplete failures', () => {
  it('a mid-stream error chunk is a retryable failure, not a result (streamed and JSON)', async () => {
    const s = await serve({}, { midstream: 1 });
    const e = await failure(chatComplete(clientFor(s), request()));
    expect(e.kind).toBe('midstream');
    expect(e.retryable).toBe(true);
    expect(e.code).toBe(502);
    expect(e.message).toMatch(/Provider disconnected/);
    const j = await failure(chatComplete(clientFor(s), request(), { stream: false }));
    expect(j.kind).toBe('finish_error');
    expect(j.retryable).toBe(true);
  });

  it('finish_reason "error" without an error object, and a stream cut before any finish reason, are failures', async () => {
    const a = await rawSse([
      chunk({ choices: [{ index: 0, delta: { content: 'partial' }, finish_reason: null }] }),
      chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'error' }] }),
      '[DONE]',
    ]);
    expect((await failure(chatComplete(clientFor(a), request()))).kind).toBe('finish_error');
    const b = await rawSse([
      chunk({ choices: [{ index: 0, delta: { reasoning: 'thinking…' }, finish_reason: null }] }),
    ]);
    const e = await failure(chatComplete(clientFor(b), request()));
    expect(e.message).toMatch(/without a finish reason/);
    expect(e.retryable).toBe(true);
  });

  it('reads reasoning_details-only streams past SSE comments, and fails a stalled stream after the idle timeout', async () => {
    const details = await rawSse([
      chunk({
        provider: 'SomeProvider',
        choices: [
          {
            index: 0,
            delta: { content: '', reasoning_details: [{ type: 'reasoning.text', text: 'think ' }] },
            finish_reason: null,
          },
        ],
      }),
      chunk({
        choices: [
          {
            index: 0,
            delta: {
              content: '',
              reasoning_details: [
                { type: 'reasoning.encrypted', data: 'opaque' },
                { type: 'reasoning.text', text: 'more' },
              ],
            },
            finish_reason: null,
          },
        ],
      }),
      chunk({ choices: [{ index: 0, delta: { content: 'Answer.' }, finish_reason: 'stop' }] }),
      chunk({
        choices: [],
        usage: {
          prompt_tokens: 5,
          completion_tokens: 7,
          completion_tokens_details: { reasoning_tokens: 4 },
          cost: 0.00001,
        },
      }),
      '[DONE]',
    ]);
    const c = await chatComplete(clientFor(details), request());
    expect([c.reasoning, c.reasoningSource, c.answer, c.provider, c.generationId]).toEqual([
      'think more',
      'reasoning_details',
      'Answer.',
      'SomeProvider',
      'gen-x',
    ]);
    expect(c.usage).toEqual({ promptTokens: 5, completionTokens: 7, reasoningTokens: 4, costUsd: 0.00001 });
    const stalled = await rawSse(
      [chunk({ choices: [{ index: 0, delta: { reasoning: 'hmm' }, finish_reason: null }] })],
      true,
    );
    const e = await failure(chatComplete(clientFor(stalled), request(), { idleTimeoutMs: 200 }));
    expect([e.kind, e.retryable]).toEqual(['timeout', true]);
  });

  it('429 carries Retry-After in ms and is retryable; 5xx is retryable', async () => {
    const s = await serve({}, { rate429: 1, retryAfterSec: 3 });
    const e = await failure(chatComplete(clientFor(s), request()));
    expect([e.status, e.retryAfterMs, e.retryable, e.kind]).toEqual([429, 3000, true, 'http']);
    const t = await serve({}, { rate5xx: 1 });
    const f = await failure(chatComplete(clientFor(t), request(), { stream: false }));
    expect([500, 502, 503]).toContain(f.status);
    expect(f.retryable).toBe(true);
  });

  it('above the concurrency limit the server answers 429 with Retry-After', async () => {
    const s = await serve({ maxConcurrent: 1, latencyMs: 300 }, { retryAfterSec: 2 });
    const results = await Promise.allSettled([
      chatComplete(clientFor(s), request()),
      chatComplete(clientFor(s), request()),
    ]);
    const rejected = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => r.reason as LlmError);
    expect(rejected).toHaveLength(1);
    expect([rejected[0]?.status, rejected[0]?.retryAfterMs, rejected[0]?.retryable]).toEqual([429, 2000, true]);
    expect(s.inFlight().peak).toBe(1);
  });

  it('401, 400 and 402 are not retryable', async () => {
    const s = await serve({ apiKey: 'the-right-key' });
    const auth = await failure(chatComplete(clientFor(s), request()));
    expect([auth.status, auth.retryable]).toEqual([401, false]);
    expect(auth.hint).toMatch(/OPENROUTER_API_KEY/);
    const bad = await failure(chatComplete(clientFor(s, {}, 'the-right-key'), request({ maxTokens: 100_000 })));
    expect([bad.status, bad.retryable]).toEqual([400, false]);
    expect(bad.message).toMatch(/maximum context length/);
    const pay = await serve({ paymentRequired: true });
    const p = await failure(chatComplete(clientFor(pay), request(), { stream: false }));
    expect([p.status, p.retryable]).toEqual([402, false]);
  });

  it('never shows the API key, even when the server echoes it in its error bodies', async () => {
    const s = await serve({ apiKey: 'the-right-key', echoKey: true });
    const e = await failure(chatComplete(clientFor(s), request()));
    expect(s.calls[s.calls.length - 1]?.status).toBe(401);
    expect(shown(e)).not.toContain(KEY);
    expect(shown(e)).toContain('[redacted]');
    const m = await serve({ echoKey: true }, { midstream: 1 });
    for (const stream of [true, false]) {
      const err = await failure(chatComplete(clientFor(m), request(), { stream }));
      expect(shown(err)).not.toContain(KEY);
      expect(shown(err)).toContain('[redacted]');
    }
  });

  it('a server that cannot be reached is a retryable network error; an abort is not retryable', async () => {
    const dead = await rawSse([]);
    await dead.close();
    open.pop();
    const n = await failure(chatComplete(clientFor(dead), request()));
    expect([n.kind, n.retryable, n.status]).toEqual(['network', true, null]);
    const s = await serve({ latencyMs: 2000 });
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 100);
    const a = await failure(chatComplete(clientFor(s), request(), { signal: ctrl.signal }));
    expect([a.kind, a.retryable]).toEqual(['aborted', false]);
  });

  it('a truncated answer is marked, and retried with a larger budget when asked', async () => {
    const s = await serve({ quality: 'truncated' });
    const cut = await chatComplete(clientFor(s), request({ maxTokens: 2000 }));
    expect([cut.truncated, cut.finishReason, cut.answer, cut.lengthRetries]).toEqual([true, 'length', '', 0]);
    const before = s.calls.length;
    const ok = await chatComplete(clientFor(s), request({ maxTokens: 2000 }), {
      lengthRetry: { maxRetries: 3, factor: 2 },
    });
    expect(ok.truncated).toBe(false);
    expect(ok.finishReason).toBe('stop');
    expect(ok.maxTokens).toBeGreaterThan(2000);
    const asked = s.calls.slice(before).map((c) => c.body?.max_tokens);
    expect(asked[0]).toBe(2000);
    expect(asked).toEqual(asked.map((_, i) => 2000 * 2 ** i));
    expect(ok.lengthRetries).toBe(asked.length - 1);
    expect(ok.totalCostUsd ?? 0).toBeGreaterThan(ok.usage.costUsd ?? Infinity);
    // The injected fault: finish_reason "length" with an empty answer.
    const f = await serve({}, { truncate: 1 });
    const t = await chatComplete(clientFor(f), request(), { stream: false });
    expect([t.truncated, t.answer]).toEqual([true, '']);
  });

  it('reads the key only from the environment; a missing variable is named, never a value', () => {
    expect(apiKeyFromEnv('OPENROUTER_API_KEY', { OPENROUTER_API_KEY: KEY })).toBe(KEY);
    expect(apiKeyFromEnv('DEEPSEEK_API_KEY', { DEEPSEEK_API_KEY: 'ds-1' })).toBe('ds-1');
    expect(() => apiKeyFromEnv('OPENROUTER_API_KEY', {})).toThrow(/OPENROUTER_API_KEY is not set/);
    expect(() => apiKeyFromEnv(KEY, {})).toThrow(/not a variable name/);
  });
});
