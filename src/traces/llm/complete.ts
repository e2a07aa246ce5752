import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from 'openai/resources/chat/completions';
import { WorkbenchError } from '../../core';
import type { LlmClient } from './client';
import { abortedError, inBandError, LlmError, toLlmError, type ErrorContext } from './errors';
import {
  ChatRequestSchema,
  ChunkSchema,
  CompletionResponseSchema,
  type ChatRequest,
  type ChatRequestInput,
  type Completion,
  type WireError,
  type WireUsage,
} from './schema';
import { detailsText, splitThink } from './think';

/**
 * One chat completion through the `openai` SDK, streamed by default, read into reasoning and
 * answer kept apart. Reasoning comes from `reasoning`, `reasoning_content` or
 * `reasoning_details` (first one present, since OpenRouter sends the same text in both
 * `reasoning` and `reasoning_details`) and from inline `<think>` tags. A mid-stream error, a
 * body with `error`, `finish_reason: "error"` or a stream that ends without a finish reason is
 * thrown as an LlmError, never returned as a result. An answer cut by the length limit is
 * marked `truncated` and, with `lengthRetry`, asked again with a larger budget.
 */
export interface LengthRetry {
  /** Extra attempts after a truncated one. */
  maxRetries?: number;
  /** Budget multiplier per retry. */
  factor?: number;
  /** Never ask for more than this many completion tokens. */
  maxTokensCap?: number;
}

export interface ChatCompleteOptions {
  /** Stream (SSE) or one JSON response; default true. */
  stream?: boolean;
  signal?: AbortSignal;
  /** Abort a stream that sends nothing for this long (ms); default 5 minutes. */
  idleTimeoutMs?: number;
  /** Override the client's timeout until the response starts (ms). */
  timeoutMs?: number;
  lengthRetry?: LengthRetry;
}

type Attempt = Omit<Completion, 'lengthRetries' | 'totalCostUsd' | 'maxTokens'>;

/** The wire body: OpenAI fields plus OpenRouter's `reasoning`, `provider` and `usage`. */
export function buildBody(client: LlmClient, req: ChatRequest, stream: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = { model: req.model, messages: req.messages, stream };
  if (req.maxTokens !== undefined) body.max_tokens = req.maxTokens;
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.topP !== undefined) body.top_p = req.topP;
  if (req.seed !== undefined) body.seed = req.seed;
  if (req.stop !== undefined) body.stop = req.stop;
  if (req.reasoning) {
    // Never `reasoning_effort` beside it: OpenRouter takes one or the other.
    const r: Record<string, unknown> = {};
    if (req.reasoning.maxTokens !== undefined) r.max_tokens = req.reasoning.maxTokens;
    if (req.reasoning.effort !== undefined) r.effort = req.reasoning.effort;
    if (req.reasoning.exclude !== undefined) r.exclude = req.reasoning.exclude;
    if (Object.keys(r).length === 0) r.enabled = true;
    body.reasoning = r;
  }
  if (req.provider) {
    const p = req.provider;
    const out: Record<string, unknown> = {};
    if (p.requireParameters !== undefined) out.require_parameters = p.requireParameters;
    if (p.dataCollection !== undefined) out.data_collection = p.dataCollection;
    if (p.enforceDistillableText !== undefined) out.enforce_distillable_text = p.enforceDistillableText;
    if (p.allowFallbacks !== undefined) out.allow_fallbacks = p.allowFallbacks;
    if (p.order) out.order = p.order;
    if (p.only) out.only = p.only;
    if (p.ignore) out.ignore = p.ignore;
    body.provider = out;
  }
  // Usage in the last chunk: standard for vLLM and DeepSeek, a no-op OpenRouter still accepts.
  if (stream) body.stream_options = { include_usage: true };
  if (client.flavor === 'openrouter') body.usage = { include: true };
  return body;
}

interface Parts {
  reasoning: string;
  reasoningContent: string;
  details: string;
  content: string;
}

function assemble(parts: Parts): Pick<Completion, 'reasoning' | 'answer' | 'reasoningSource'> {
  let reasoning = '';
  let source: Completion['reasoningSource'] = 'none';
  if (parts.reasoning.trim()) [reasoning, source] = [parts.reasoning.trim(), 'reasoning'];
  else if (parts.reasoningContent.trim()) [reasoning, source] = [parts.reasoningContent.trim(), 'reasoning_content'];
  else if (parts.details.trim()) [reasoning, source] = [parts.details.trim(), 'reasoning_details'];
  const split = splitThink(parts.content);
  if (split.tagged && split.reasoning) {
    reasoning = reasoning ? `${reasoning}\n\n${split.reasoning}` : split.reasoning;
    if (source === 'none') source = 'think_tags';
  }
  return { reasoning, answer: split.answer, reasoningSource: source };
}

function usageOf(u: WireUsage | null | undefined): Completion['usage'] {
  return {
    promptTokens: u?.prompt_tokens ?? null,
    completionTokens: u?.completion_tokens ?? null,
    reasoningTokens: u?.completion_tokens_details?.reasoning_tokens ?? null,
    costUsd: u?.cost ?? null,
  };
}

function requestOptions(opts: ChatCompleteOptions, signal: AbortSignal) {
  return { signal, ...(opts.timeoutMs !== undefined ? { timeout: opts.timeoutMs } : {}) };
}

async function streamed(
  client: LlmClient,
  req: ChatRequest,
  opts: ChatCompleteOptions,
  ctx: ErrorContext,
): Promise<Attempt> {
  const started = Date.now();
  const ctrl = new AbortController();
  const onAbort = () => ctrl.abort(opts.signal?.reason);
  if (opts.signal?.aborted) onAbort();
  else opts.signal?.addEventListener('abort', onAbort, { once: true });
  const body = buildBody(client, req, true) as unknown as ChatCompletionCreateParamsStreaming;
  const parts: Parts = { reasoning: '', reasoningContent: '', details: '', content: '' };
  let firstTokenMs: number | null = null;
  let finish: string | null = null;
  let usage: WireUsage | null = null;
  let id: string | null = null;
  let model: string | null = null;
  let provider: string | null = null;
  let idle = false;
  const idleMs = opts.idleTimeoutMs ?? 300_000;
  const stalled = () =>
    new LlmError(
      `LLM stream from ${client.baseUrl} sent nothing for ${idleMs} ms`,
      'timeout',
      null,
      true,
      undefined,
      null,
      'the provider stalled: retry the request',
    );
  let timer: NodeJS.Timeout | undefined;
  try {
    const { data: stream, response } = await client.sdk.chat.completions
      .create(body, requestOptions(opts, ctrl.signal))
      .withResponse();
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        idle = true;
        ctrl.abort();
      }, idleMs);
    };
    arm();
    // The SDK yields each `data:` event JSON-parsed and unchanged; we validate it ourselves.
    for await (const raw of stream as AsyncIterable<unknown>) {
      arm();
      const parsed = ChunkSchema.safeParse(raw);
      if (!parsed.success)
        throw new Error(
          `a stream chunk did not match the chat-completion chunk shape (${parsed.error.issues[0]?.message ?? ''})`,
        );
      const chunk = parsed.data;
      id ??= chunk.id ?? null;
      model ??= chunk.model ?? null;
      provider ??= chunk.provider ?? null;
      if (chunk.error) throw inBandError('midstream', chunk.error, ctx);
      const choice = chunk.choices?.[0];
      const d = choice?.delta;
      if (d) {
        const text = (d.reasoning ?? '') + (d.reasoning_content ?? '') + (d.content ?? '');
        parts.reasoning += d.reasoning ?? '';
        parts.reasoningContent += d.reasoning_content ?? '';
        const det = d.reasoning_details ? detailsText(d.reasoning_details) : '';
        parts.details += det;
        parts.content += d.content ?? '';
        if (firstTokenMs === null && (text || det)) firstTokenMs = Date.now() - started;
      }
      if (choice?.finish_reason) finish = choice.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    clearTimeout(timer);
    if (idle) throw stalled();
    if (opts.signal?.aborted) throw abortedError(client.baseUrl);
    if (finish === 'error') throw inBandError('finish_error', null, ctx);
    if (finish === null)
      throw new LlmError(
        `LLM stream from ${client.baseUrl} ended without a finish reason`,
        'network',
        null,
        true,
        undefined,
        null,
        'the connection was cut mid-generation: retry the request',
      );
    return {
      ...assemble(parts),
      finishReason: finish,
      truncated: finish === 'length',
      usage: usageOf(usage),
      generationId: response.headers.get('x-generation-id') ?? id,
      provider,
      model,
      latencyMs: Date.now() - started,
      firstTokenMs,
      streamed: true,
    };
  } catch (e) {
    if (e instanceof LlmError) throw e;
    if (idle) throw stalled();
    throw toLlmError(e, ctx);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

async function whole(
  client: LlmClient,
  req: ChatRequest,
  opts: ChatCompleteOptions,
  ctx: ErrorContext,
): Promise<Attempt> {
  const started = Date.now();
  const body = buildBody(client, req, false) as unknown as ChatCompletionCreateParamsNonStreaming;
  try {
    const signal = opts.signal ?? new AbortController().signal;
    const { data, response } = await client.sdk.chat.completions
      .create(body, requestOptions(opts, signal))
      .withResponse();
    const parsed = CompletionResponseSchema.safeParse(data);
    if (!parsed.success)
      throw new Error(`the body did not match the chat-completion shape (${parsed.error.issues[0]?.message ?? ''})`);
    const r = parsed.data;
    const choice = r.choices?.[0];
    if (r.error) throw inBandError('finish_error', r.error as WireError, ctx);
    if (!choice) throw new Error('the body has no choices');
    if (choice.finish_reason === 'error') throw inBandError('finish_error', null, ctx);
    const m = choice.message;
    const parts: Parts = {
      reasoning: m?.reasoning ?? '',
      reasoningContent: m?.reasoning_content ?? '',
      details: m?.reasoning_details ? detailsText(m.reasoning_details) : '',
      content: m?.content ?? '',
    };
    const finish = choice.finish_reason ?? null;
    return {
      ...assemble(parts),
      finishReason: finish,
      truncated: finish === 'length',
      usage: usageOf(r.usage),
      generationId: response.headers.get('x-generation-id') ?? r.id ?? null,
      provider: r.provider ?? null,
      model: r.model ?? null,
      latencyMs: Date.now() - started,
      firstTokenMs: null,
      streamed: false,
    };
  } catch (e) {
    throw toLlmError(e, ctx);
  }
}

export async function chatComplete(
  client: LlmClient,
  request: ChatRequestInput,
  opts: ChatCompleteOptions = {},
): Promise<Completion> {
  const parsed = ChatRequestSchema.safeParse(request);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new WorkbenchError(
      `chat request: ${i?.path.join('.') || '(root)'}: ${i?.message ?? 'invalid'}`,
      'give a model, at least one message, and a reasoning budget or effort (not both)',
    );
  }
  const ctx: ErrorContext = { baseUrl: client.baseUrl, secrets: client.secrets };
  const retry = {
    maxRetries: opts.lengthRetry?.maxRetries ?? 0,
    factor: opts.lengthRetry?.factor ?? 2,
    cap: opts.lengthRetry?.maxTokensCap ?? 32_768,
  };
  let req = parsed.data;
  let costs: number[] = [];
  for (let attempt = 0; ; attempt++) {
    const a = opts.stream === false ? await whole(client, req, opts, ctx) : await streamed(client, req, opts, ctx);
    if (a.usage.costUsd !== null) costs = [...costs, a.usage.costUsd];
    const done = {
      ...a,
      maxTokens: req.maxTokens ?? null,
      lengthRetries: attempt,
      totalCostUsd: costs.length ? costs.reduce((s, c) => s + c, 0) : null,
    };
    if (!a.truncated || attempt >= retry.maxRetries) return done;
    // The budget that ran out: the one we asked for, else what the server spent.
    const spent = req.maxTokens ?? a.usage.completionTokens;
    if (spent === null || spent >= retry.cap) return done;
    req = { ...req, maxTokens: Math.min(retry.cap, Math.ceil(spent * retry.factor)) };
  }
}
