import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultSpecSchema } from '../../../src/serve';
import {
  QUALITIES,
  startLlmServer,
  STAND_IN_HEADER,
  STAND_IN_MODEL,
  type LlmServer,
  type Quality,
} from '../../../src/traces/server';
import { jsonBlock, metricsPrompt } from './helpers';

let server: LlmServer;
beforeAll(async () => {
  server = await startLlmServer({ seed: 3 });
});
afterAll(async () => {
  await server.close();
});

const AUTH = { authorization: 'Bearer test-key-1', 'content-type': 'application/json' };
const body = (over: Record<string, unknown> = {}) => ({
  model: 'deepseek/deepseek-r1',
  messages: [{ role: 'user', content: metricsPrompt() }],
  max_tokens: 8000,
  ...over,
});

async function post(path: string, b: unknown, headers: Record<string, string> = AUTH, base = server.url) {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(b) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}
// Wire JSON read loosely, in this test only.
type Json = Record<string, any>;
const json = (t: string): Json => JSON.parse(t) as Json;
const events = (t: string) =>
  t
    .split('\n\n')
    .filter((l) => l.startsWith('data: '))
    .map((l) => l.slice(6));

describe('local OpenAI-compatible server (offline stand-in)', () => {
  it('answers JSON with OpenRouter fields, labelled as a stand-in', async () => {
    const r = await post('/v1/chat/completions', body());
    expect(r.status).toBe(200);
    expect(r.headers.get(STAND_IN_HEADER)).toBe('offline-analyst');
    expect(r.headers.get('x-generation-id')).toMatch(/^gen-workbench-/);
    const b = json(r.text);
    expect(b).toMatchObject({
      object: 'chat.completion',
      model: STAND_IN_MODEL,
      requested_model: 'deepseek/deepseek-r1',
      provider: 'workbench-offline-stand-in',
    });
    expect(b.choices[0].message.reasoning).toBe(b.choices[0].message.reasoning_details[0].text);
    expect(b.usage.completion_tokens_details.reasoning_tokens).toBeGreaterThan(0);
    expect(b.usage.cost).toBeGreaterThan(0);
  });

  it('streams SSE: delta.reasoning, then content, a finish chunk, usage with cost in the last chunk, [DONE]', async () => {
    const r = await post('/api/v1/chat/completions', body({ stream: true }));
    expect(r.headers.get('content-type')).toMatch(/text\/event-stream/);
    const ev = events(r.text);
    expect(ev[ev.length - 1]).toBe('[DONE]');
    const chunks = ev.slice(0, -1).map(json);
    const last = chunks[chunks.length - 1] as Json;
    expect(last.choices).toEqual([]);
    expect(last.usage.cost).toBeGreaterThan(0);
    const finish = chunks.filter((c) => c.choices[0]?.finish_reason).map((c) => c.choices[0].finish_reason);
    expect(finish).toEqual(['stop']);
    const reasoning = chunks.map((c) => c.choices[0]?.delta?.reasoning ?? '').join('');
    const content = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    const whole = json((await post('/v1/chat/completions', body())).text).choices[0].message;
    expect(reasoning).toBe(whole.reasoning);
    expect(content).toBe(whole.content);
  });

  it('is deterministic: the same request gets the same text and usage, whatever came in between', async () => {
    const strip = (t: string) => {
      const b = json(t);
      return { choices: b.choices, usage: b.usage };
    };
    const a = strip((await post('/v1/chat/completions', body({ temperature: 0.6 }))).text);
    await post(
      '/v1/chat/completions',
      body({ messages: [{ role: 'user', content: metricsPrompt({ chain: 'near' }) }] }),
    );
    const b = strip((await post('/v1/chat/completions', body({ temperature: 0.6 }))).text);
    expect(b).toEqual(a);
    const other = await startLlmServer({ seed: 3 });
    try {
      expect(strip((await post('/v1/chat/completions', body({ temperature: 0.6 }), AUTH, other.url)).text)).toEqual(a);
    } finally {
      await other.close();
    }
  });

  it('varies quality across requests (good, weak, wrong, unformatted, truncated) from the prompt numbers', async () => {
    const seen = new Map<Quality, number>();
    for (let i = 0; i < 80; i++) {
      const tx = `${((i % 17) - 8) * 1.5}%`;
      await post(
        '/v1/chat/completions',
        body({
          max_tokens: 2500,
          messages: [
            { role: 'user', content: metricsPrompt({ date: `2025-02-${String((i % 28) + 1).padStart(2, '0')}`, tx }) },
          ],
        }),
      );
      const q = server.calls[server.calls.length - 1]?.quality as Quality;
      seen.set(q, (seen.get(q) ?? 0) + 1);
    }
    for (const q of QUALITIES) expect(seen.get(q) ?? 0).toBeGreaterThan(0);
    const calls = server.calls.slice(-80);
    expect(calls.filter((c) => c.quality === 'truncated').every((c) => c.finishReason === 'length')).toBe(true);
  });

  it('good forecasts follow the growth; wrong ones flip it; unformatted ones have no JSON block', async () => {
    const ask = async (quality: Quality, tx: string, users: string) => {
      const r = await post(
        '/v1/chat/completions',
        body({ messages: [{ role: 'user', content: metricsPrompt({ tx, users }) }] }),
        { ...AUTH, 'x-workbench-quality': quality },
      );
      return json(r.text).choices[0].message.content as string;
    };
    expect(jsonBlock(await ask('good', '+20%', '+15%'))).toMatchObject({ direction_tx: 'up', direction_users: 'up' });
    expect(jsonBlock(await ask('good', '-20%', '-15%'))).toMatchObject({
      direction_tx: 'down',
      direction_users: 'down',
    });
    expect(jsonBlock(await ask('wrong', '+20%', '+15%'))).toMatchObject({
      direction_tx: 'down',
      direction_users: 'down',
    });
    const weak = jsonBlock(await ask('weak', '+20%', '+15%')) as Json;
    const good = jsonBlock(await ask('good', '+20%', '+15%')) as Json;
    expect(weak.tx_growth_7d.high - weak.tx_growth_7d.low).toBeGreaterThan(
      good.tx_growth_7d.high - good.tx_growth_7d.low,
    );
    for (const b of [weak, good]) expect(b.tx_growth_7d.low).toBeLessThanOrEqual(b.tx_growth_7d.point);
    expect(jsonBlock(await ask('unformatted', '+20%', '+15%'))).toBeNull();
  });

  it('honours budgets: reasoning stops at reasoning.max_tokens; max_tokens used up by reasoning gives "length" and no answer', async () => {
    const h = { ...AUTH, 'x-workbench-quality': 'truncated' };
    const capped = json(
      (await post('/v1/chat/completions', body({ max_tokens: 3000, reasoning: { max_tokens: 500 } }), h)).text,
    );
    expect(capped.usage.completion_tokens_details.reasoning_tokens).toBe(500);
    expect(capped.choices[0].finish_reason).toBe('stop');
    const effort = json(
      (await post('/v1/chat/completions', body({ max_tokens: 3000, reasoning: { effort: 'low' } }), h)).text,
    );
    expect(effort.usage.completion_tokens_details.reasoning_tokens).toBe(600); // 20% of max_tokens
    const out = json((await post('/v1/chat/completions', body({ max_tokens: 1000 }), h)).text);
    expect(out.choices[0].finish_reason).toBe('length');
    expect(out.choices[0].message.content).toBe('');
    expect(out.usage.completion_tokens).toBe(1000);
  });

  it('answers OpenRouter error bodies: 401 without a key, 400 for reasoning beside reasoning_effort or bad JSON', async () => {
    const noKey = await post('/v1/chat/completions', body(), { 'content-type': 'application/json' });
    expect(noKey.status).toBe(401);
    expect(json(noKey.text).error).toMatchObject({ code: 401, metadata: { stand_in: 'offline-analyst' } });
    const both = await post('/v1/chat/completions', body({ reasoning: { effort: 'high' }, reasoning_effort: 'high' }));
    expect(both.status).toBe(400);
    expect(json(both.text).error.message).toMatch(/not both/);
    const twoBudgets = await post('/v1/chat/completions', body({ reasoning: { effort: 'high', max_tokens: 10 } }));
    expect(twoBudgets.status).toBe(400);
    const res = await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', headers: AUTH, body: '{not json' });
    expect(res.status).toBe(400);
  });

  it('lists the stand-in model under /v1/models and /api/v1/models', async () => {
    for (const path of ['/v1/models', '/api/v1/models']) {
      const r = await fetch(`${server.url}${path}`);
      const b = (await r.json()) as Json;
      expect(b.data[0].id).toBe(STAND_IN_MODEL);
      expect(b.data[0].name).toMatch(/stand-in, not a model/);
    }
  });

  it('holds at most maxConcurrent requests in flight (429 with Retry-After above), with fixed latency', async () => {
    const s = await startLlmServer({ maxConcurrent: 2, latencyMs: 150 }, FaultSpecSchema.parse({ retryAfterSec: 4 }));
    try {
      const t0 = Date.now();
      const rs = await Promise.all(
        [0, 1, 2, 3].map(() => post('/v1/chat/completions', body({ stream: true }), AUTH, s.url)),
      );
      const statuses = rs.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 200, 429, 429]);
      expect(rs.filter((r) => r.status === 429).every((r) => r.headers.get('retry-after') === '4')).toBe(true);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
      expect(s.inFlight()).toEqual({ now: 0, peak: 2 });
      expect(s.calls.filter((c) => c.fault === 'concurrency')).toHaveLength(2);
    } finally {
      await s.close();
    }
  });
});
