import { afterEach, describe, expect, it } from 'vitest';
import { httpRequest, HttpError, parseRetryAfter, RateLimiter } from '../../src/core';
import { startServer, type Reply, type RunningServer } from '../../src/serve';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server whose answers follow a script, recording when each request arrived. */
async function scripted(replies: Reply[]) {
  const arrivals: number[] = [];
  const headers: Record<string, string | string[] | undefined>[] = [];
  let i = 0;
  server = await startServer({
    routes: [
      {
        method: 'GET',
        path: '/x',
        handler: (req) => {
          arrivals.push(Date.now());
          headers.push(req.headers);
          return replies[Math.min(i++, replies.length - 1)] as Reply;
        },
      },
    ],
  });
  return { url: `${server.url}/x`, arrivals, headers };
}

describe('httpRequest', () => {
  it('retries 429 and 5xx, honouring Retry-After, then returns the answer', async () => {
    const s = await scripted([
      { status: 429, headers: { 'retry-after': '1' }, json: {} },
      { status: 503, json: {} },
      { json: { ok: true } },
    ]);
    const retries: string[] = [];
    const r = await httpRequest(s.url, { baseDelayMs: 10, onRetry: (x) => retries.push(x.reason) });
    expect(JSON.parse(r.text)).toEqual({ ok: true });
    expect(retries).toEqual(['HTTP 429', 'HTTP 503']);
    // The second request waited at least the second the server asked for.
    expect((s.arrivals[1] as number) - (s.arrivals[0] as number)).toBeGreaterThanOrEqual(990);
  });

  it('does not retry other client errors, and names the status and URL', async () => {
    const s = await scripted([{ status: 400, json: { error: 'limit must be between 1 and 50' } }]);
    const e = await httpRequest(s.url, { baseDelayMs: 10 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HttpError);
    expect((e as HttpError).status).toBe(400);
    expect((e as HttpError).message).toContain(`GET ${s.url} answered 400`);
    expect((e as HttpError).message).toContain('limit must be between 1 and 50');
    expect(s.arrivals).toHaveLength(1);
  });

  it('gives up after the configured retries', async () => {
    const s = await scripted([{ status: 500, json: {} }]);
    const e = await httpRequest(s.url, { retries: 2, baseDelayMs: 5 }).catch((x: unknown) => x);
    expect((e as HttpError).status).toBe(500);
    expect(s.arrivals).toHaveLength(3);
  });

  it('times out a request that hangs, and retries it', async () => {
    let calls = 0;
    server = await startServer({
      routes: [
        {
          method: 'GET',
          path: '/slow',
          handler: async () =>
            ++calls === 1 ? new Promise<Reply>((r) => setTimeout(() => r({ json: 1 }), 2000)) : { json: 2 },
        },
      ],
    });
    const retries: string[] = [];
    const r = await httpRequest(`${server.url}/slow`, {
      timeoutMs: 200,
      baseDelayMs: 5,
      onRetry: (x) => retries.push(x.reason),
    });
    expect(r.text).toBe('2');
    expect(retries).toEqual(['timed out after 200 ms']);
  });

  it('never shows a secret in an error, even when the server echoes it', async () => {
    const secret = 'sk-test-1234567890abcdef';
    const s = await scripted([{ status: 401, json: { error: `bad key ${secret}` } }]);
    const e = (await httpRequest(`${s.url}?key=${secret}`, { secrets: [secret] }).catch(
      (x: unknown) => x,
    )) as HttpError;
    expect(e.message).not.toContain(secret);
    expect(e.body).not.toContain(secret);
    expect(e.url).not.toContain(secret);
    expect(e.message).toContain('[redacted]');
  });

  it('sends the headers it is given (User-Agent)', async () => {
    const s = await scripted([{ json: {} }]);
    await httpRequest(s.url, { headers: { 'user-agent': 'crypto-ai-workbench/test' } });
    expect(s.headers[0]?.['user-agent']).toBe('crypto-ai-workbench/test');
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3500);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('RateLimiter', () => {
  it('spaces calls 1/rps apart and lets a pause hold every caller', async () => {
    const limiter = new RateLimiter(20); // one slot every 50 ms
    const t0 = Date.now();
    for (let i = 0; i < 5; i++) await limiter.acquire();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(195);
    limiter.pauseFor(300);
    const t1 = Date.now();
    await limiter.acquire();
    expect(Date.now() - t1).toBeGreaterThanOrEqual(290);
  });
});
