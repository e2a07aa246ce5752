import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chatComplete,
  CompletionSchema,
  createLlmClient,
  R1_SAMPLING,
  type ChatRequestInput,
  type LlmClient,
} from '../../../src/traces/llm';
import {
  REASONING_FORMATS,
  startLlmServer,
  STAND_IN_MODEL,
  STAND_IN_PROVIDER,
  type LlmServer,
} from '../../../src/traces/server';
import { jsonBlock, metricsPrompt } from '../server/helpers';

let server: LlmServer;
let client: LlmClient;
beforeAll(async () => {
  server = await startLlmServer({ quality: 'good' });
  client = createLlmClient({ baseUrl: `${server.url}/api/v1`, apiKey: 'sk-or-v1-test-key-0001', flavor: 'openrouter' });
});
afterAll(async () => {
  await server.close();
});

const request = (over: Partial<ChatRequestInput> = {}): ChatRequestInput => ({
  model: 'deepseek/deepseek-r1',
  messages: [{ role: 'user', content: metricsPrompt() }],
  temperature: R1_SAMPLING.temperature,
  topP: R1_SAMPLING.topP,
  maxTokens: 4000,
  ...over,
});

describe('chatComplete against the local OpenAI-compatible server', () => {
  it('streams by default and gives the same reasoning, answer and usage as a JSON response', async () => {
    const s = await chatComplete(client, request());
    const j = await chatComplete(client, request(), { stream: false });
    expect(CompletionSchema.parse(s)).toEqual(s);
    expect(s.streamed).toBe(true);
    expect(j.streamed).toBe(false);
    for (const k of [
      'reasoning',
      'answer',
      'reasoningSource',
      'finishReason',
      'truncated',
      'usage',
      'model',
      'provider',
    ] as const)
      expect(s[k]).toEqual(j[k]);
    expect(s.reasoning).toMatch(/txGrowth7dFrac = 0\.052/);
    expect(s.answer).not.toContain('<think>');
    expect(jsonBlock(s.answer)).toMatchObject({ direction_tx: 'up' });
    expect(s.finishReason).toBe('stop');
    expect(s.truncated).toBe(false);
    expect(s.firstTokenMs).not.toBeNull();
    expect(s.firstTokenMs ?? Infinity).toBeLessThanOrEqual(s.latencyMs);
    expect(j.firstTokenMs).toBeNull();
  });

  it('records usage with reasoning tokens and cost, the generation id, provider and model', async () => {
    const c = await chatComplete(client, request());
    const call = server.calls[server.calls.length - 1];
    expect(c.usage.reasoningTokens).toBe(call?.reasoningTokens);
    expect(c.usage.completionTokens).toBe((call?.reasoningTokens ?? 0) + (call?.answerTokens ?? 0));
    expect(c.usage.promptTokens).toBe(call?.promptTokens);
    // The fixed price table: $0.40 / $2.00 per million prompt / completion tokens.
    const expected = ((c.usage.promptTokens ?? 0) * 0.4 + (c.usage.completionTokens ?? 0) * 2) / 1e6;
    expect(c.usage.costUsd).toBeCloseTo(expected, 9);
    expect(c.totalCostUsd).toBe(c.usage.costUsd);
    expect(c.generationId).toMatch(/^gen-workbench-/);
    expect(c.provider).toBe(STAND_IN_PROVIDER);
    expect(c.model).toBe(STAND_IN_MODEL);
    expect(c.maxTokens).toBe(4000);
    expect(c.lengthRetries).toBe(0);
  });

  it('reads reasoning from reasoning, reasoning_content, reasoning_details and inline think tags alike', async () => {
    const expected = await chatComplete(client, request());
    const sources: Record<string, string> = {
      reasoning: 'reasoning',
      reasoning_content: 'reasoning_content',
      reasoning_details: 'reasoning_details',
      think: 'think_tags',
      'think-close': 'think_tags',
    };
    for (const format of REASONING_FORMATS) {
      const c2 = createLlmClient({
        baseUrl: `${server.url}/v1`,
        apiKey: 'k-0001',
        headers: { 'x-workbench-reasoning-format': format },
      });
      for (const stream of [true, false]) {
        const c = await chatComplete(c2, request(), { stream });
        expect({ format, stream, source: c.reasoningSource }).toEqual({ format, stream, source: sources[format] });
        expect(c.reasoning).toBe(expected.reasoning);
        expect(c.answer).toBe(expected.answer);
      }
    }
  });

  it('marks a reasoning cut by the length limit (lone <think> never closed): all reasoning, no answer', async () => {
    const c2 = createLlmClient({
      baseUrl: `${server.url}/v1`,
      apiKey: 'k-0001',
      headers: { 'x-workbench-reasoning-format': 'think' },
    });
    const c = await chatComplete(c2, request({ maxTokens: 50 }));
    expect(c.truncated).toBe(true);
    expect(c.finishReason).toBe('length');
    expect(c.answer).toBe('');
    expect(c.reasoning.length).toBeGreaterThan(180); // 50 tokens × 4 characters, trimmed
    expect(c.reasoning.length).toBeLessThanOrEqual(200);
    expect(c.reasoningSource).toBe('think_tags');
  });

  it('sends OpenRouter reasoning and provider routing, never reasoning_effort beside it, and no system prompt of its own', async () => {
    await chatComplete(
      client,
      request({
        reasoning: { effort: 'high' },
        provider: { requireParameters: true, dataCollection: 'deny', enforceDistillableText: true },
        seed: 7,
      }),
    );
    const body = server.calls[server.calls.length - 1]?.body ?? {};
    expect(body).toMatchObject({
      model: 'deepseek/deepseek-r1',
      stream: true,
      max_tokens: 4000,
      temperature: 0.6,
      top_p: 0.95,
      seed: 7,
      reasoning: { effort: 'high' },
      provider: { require_parameters: true, data_collection: 'deny', enforce_distillable_text: true },
      usage: { include: true },
      stream_options: { include_usage: true },
    });
    expect(body).not.toHaveProperty('reasoning_effort');
    expect((body.messages as { role: string }[]).map((m) => m.role)).toEqual(['user']);
    // A generic server (vLLM, DeepSeek) gets no OpenRouter usage flag.
    const generic = createLlmClient({ baseUrl: `${server.url}/v1`, apiKey: 'k-0001' });
    expect(generic.flavor).toBe('generic');
    await chatComplete(generic, request(), { stream: false });
    expect(server.calls[server.calls.length - 1]?.body).not.toHaveProperty('usage');
  });

  it('honours a reasoning budget: the reasoning stops at it and the answer follows', async () => {
    const c2 = createLlmClient({
      baseUrl: `${server.url}/v1`,
      apiKey: 'k-0001',
      headers: { 'x-workbench-quality': 'truncated' },
    });
    const c = await chatComplete(c2, request({ maxTokens: 3000, reasoning: { maxTokens: 1000 } }));
    expect(c.usage.reasoningTokens).toBe(1000);
    expect(c.finishReason).toBe('stop');
    expect(jsonBlock(c.answer)).not.toBeNull();
  });

  it('with reasoning.exclude the reasoning is billed but not returned', async () => {
    const c = await chatComplete(client, request({ reasoning: { exclude: true } }));
    expect(c.reasoning).toBe('');
    expect(c.reasoningSource).toBe('none');
    expect(c.usage.reasoningTokens).toBeGreaterThan(0);
    expect(jsonBlock(c.answer)).not.toBeNull();
  });

  it('refuses a bad request before sending it', async () => {
    const before = server.calls.length;
    await expect(chatComplete(client, request({ reasoning: { maxTokens: 100, effort: 'low' } }))).rejects.toThrow(
      /maxTokens or effort, not both/,
    );
    await expect(chatComplete(client, request({ messages: [] }))).rejects.toThrow(/messages/);
    expect(server.calls.length).toBe(before);
  });
});
