import { fmix32, sha256, sleep } from '../../core';
import { startServer, type FaultSpec, type Reply, type Req, type RunningServer } from '../../serve';
import { analyse, pickQuality } from './analyst';
import { sentimentAnswer } from './sentiment-answer';
import { completionBody, errorBody, errorChunk, plan, promptText, streamEvents, type Envelope } from './render';
import {
  LlmServerOptionsSchema,
  priceOf,
  QUALITIES,
  REASONING_FORMATS,
  ServerChatRequestSchema,
  STAND_IN_HEADER,
  STAND_IN_MODEL,
  tokens,
  type LlmServerConfig,
  type LlmServerOptions,
  type Quality,
  type ReasoningFormat,
} from './schema';

/**
 * `workbench llm serve`: a local OpenAI-compatible server, an OFFLINE STAND-IN, NOT A MODEL.
 * `POST /v1/chat/completions` (and `/api/v1/…` for OpenRouter-style base URLs) answers in
 * JSON or SSE exactly as OpenRouter does, from the deterministic offline analyst; `GET
 * /v1/models` lists the one stand-in model. Every response is labelled (model id
 * `workbench/offline-analyst`, `provider`, header `x-workbench-stand-in: offline-analyst`).
 *
 * Faults: the serve framework's FaultSpec gives 429 with Retry-After, 5xx and latency before
 * the handler (those requests never reach `calls`); the handler adds `midstream` (an error
 * chunk with finish_reason "error" after a third of the stream; in JSON a 200 body with
 * `error`) and `truncate` (finish_reason "length", empty answer). Options add an in-flight
 * latency, a concurrency limit (429 above it) and 401/402. Tests may pick a request's quality
 * and reasoning format with the headers `x-workbench-quality` / `x-workbench-reasoning-format`.
 */
export interface LlmCall {
  path: string;
  status: number;
  model: string | null;
  stream: boolean;
  quality: Quality | null;
  format: ReasoningFormat | null;
  finishReason: string | null;
  fault: 'midstream' | 'truncate' | 'concurrency' | 'auth' | 'payment' | 'invalid' | null;
  promptTokens: number;
  reasoningTokens: number;
  answerTokens: number;
  /** The request body as received (the key is in a header, never here). */
  body: Record<string, unknown> | null;
}

export interface LlmServer extends RunningServer {
  config: LlmServerConfig;
  /** Every chat-completion request the handler answered, in arrival order. */
  calls: LlmCall[];
  /** Requests in flight now, and the most seen at once. */
  inFlight(): { now: number; peak: number };
}

/** Prompt plus completion budget, in (rough) tokens. */
export const CONTEXT_LENGTH = 65_536;

const hashOf = (text: string): number => parseInt(sha256(text).slice(0, 8), 16) >>> 0;

function bearer(req: Req): string | null {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(.+)$/i.exec(h.trim()) : null;
  return m?.[1] ?? null;
}

export async function startLlmServer(options: LlmServerOptions = {}, faults?: FaultSpec): Promise<LlmServer> {
  const o = LlmServerOptionsSchema.parse(options);
  const calls: LlmCall[] = [];
  let now = 0;
  let peak = 0;
  let counter = 0;
  const std = { [STAND_IN_HEADER]: 'offline-analyst' };

  const log = (c: Partial<LlmCall> & Pick<LlmCall, 'path' | 'status'>): void => {
    calls.push({ model: null, stream: false, quality: null, format: null, finishReason: null, fault: null, promptTokens: 0, reasoningTokens: 0, answerTokens: 0, body: null, ...c });
  };
  const fail = (path: string, status: number, message: string, fault: LlmCall['fault'], extra: Partial<Reply> = {}, body: Record<string, unknown> | null = null): Reply => {
    log({ path, status, fault, body });
    return { status, headers: { ...std, ...(extra.headers ?? {}) }, json: errorBody(status, message) };
  };

  const chat = async (req: Req): Promise<Reply> => {
    const key = bearer(req);
    const echo = o.echoKey && key ? ` (key: ${key})` : '';
    if (!key) return fail(req.path, 401, 'No auth credentials found', 'auth');
    if (o.apiKey !== undefined && key !== o.apiKey) return fail(req.path, 401, `User not found.${echo}`, 'auth');
    if (o.paymentRequired) return fail(req.path, 402, `Insufficient credits. Add more using https://openrouter.ai/settings/credits${echo}`, 'payment');
    let raw: unknown;
    try {
      raw = JSON.parse(req.body);
    } catch {
      return fail(req.path, 400, 'Invalid JSON in request body', 'invalid');
    }
    const parsed = ServerChatRequestSchema.safeParse(raw);
    const body = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : null;
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      return fail(req.path, 400, `Invalid request: ${i?.path.join('.') || 'body'}: ${i?.message ?? 'invalid'}${echo}`, 'invalid', {}, body);
    }
    const r = parsed.data;
    const asked = (r.max_tokens ?? r.max_completion_tokens ?? 0) + tokens(promptText(r));
    if (asked > CONTEXT_LENGTH) {
      return fail(req.path, 400, `This endpoint's maximum context length is ${CONTEXT_LENGTH} tokens. However, you requested about ${asked} tokens. Please reduce the length of either one.`, 'invalid', {}, body);
    }
    if (o.maxConcurrent > 0 && now >= o.maxConcurrent) {
      const retry = String(faults?.retryAfterSec ?? 1);
      return fail(req.path, 429, `Rate limit exceeded: ${o.maxConcurrent} requests in flight`, 'concurrency', { headers: { 'retry-after': retry } }, body);
    }
    now++;
    peak = Math.max(peak, now);
    let handedOff = false;
    try {
      if (o.latencyMs) await sleep(o.latencyMs);
      const text = promptText(r);
      const h = hashOf(JSON.stringify([o.seed, r.model, r.messages, r.temperature ?? null, r.seed ?? null]));
      const qHeader = req.headers['x-workbench-quality'];
      const fHeader = req.headers['x-workbench-reasoning-format'];
      const quality: Quality = (QUALITIES as readonly string[]).includes(String(qHeader)) ? (qHeader as Quality) : o.quality === 'mixed' ? pickQuality(fmix32(h ^ 0x9e3779b9), o.mix) : o.quality;
      const format: ReasoningFormat = (REASONING_FORMATS as readonly string[]).includes(String(fHeader)) ? (fHeader as ReasoningFormat) : o.reasoningFormat;
      const midstream = req.faults.hit('midstream');
      const truncate = req.faults.hit('truncate');
      const p = plan(sentimentAnswer(text) ?? analyse(text, quality, h), r, o.defaultMaxTokens, truncate);
      const e: Envelope = { id: `gen-workbench-${++counter}-${h.toString(16)}`, created: Math.floor(Date.now() / 1000), requestedModel: r.model };
      const stream = r.stream === true;
      const headers = { ...std, 'x-generation-id': e.id };
      log({
        path: req.path, status: 200, model: r.model, stream, quality, format, body,
        finishReason: midstream ? 'error' : p.finishReason,
        fault: midstream ? 'midstream' : truncate ? 'truncate' : null,
        promptTokens: p.promptTokens, reasoningTokens: p.reasoningTokens, answerTokens: p.answerTokens,
      });
      const errMsg = `Provider disconnected unexpectedly (injected fault)${echo} [workbench offline stand-in]`;
      if (!stream) {
        if (midstream) return { headers, json: { ...JSON.parse(errorChunk(e, 502, errMsg)), object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: '' }, finish_reason: 'error' }] } };
        return { headers, json: completionBody(e, p, format, r.model) };
      }
      const events = streamEvents(e, p, format, r.model, o.chunkChars);
      const sse = async function* (): AsyncGenerator<string> {
        try {
          const stop = midstream ? Math.max(1, Math.floor((events.length - 2) / 3)) : events.length;
          for (let i = 0; i < stop; i++) yield events[i] as string;
          if (midstream) yield errorChunk(e, 502, errMsg);
        } finally {
          now--;
        }
      };
      handedOff = true;
      return { headers, sse: sse() };
    } finally {
      if (!handedOff) now--;
    }
  };

  const models = (): Reply => {
    const price = priceOf('default');
    return {
      headers: std,
      json: {
        data: [
          {
            id: STAND_IN_MODEL,
            name: 'Offline analyst (workbench stand-in, not a model)',
            description: 'Deterministic text written from the numbers in the prompt, for offline tests and demos. Not a language model.',
            created: 0,
            context_length: CONTEXT_LENGTH,
            pricing: { prompt: String(price.prompt / 1e6), completion: String(price.completion / 1e6) },
            supported_parameters: ['max_tokens', 'temperature', 'top_p', 'seed', 'reasoning', 'include_reasoning', 'stop'],
          },
        ],
      },
    };
  };

  const server = await startServer({
    port: o.port,
    host: o.host,
    faults,
    routes: [
      { method: 'POST', path: /^(?:\/api)?\/v1\/chat\/completions$/, handler: chat },
      { method: 'GET', path: /^(?:\/api)?\/v1\/models$/, handler: models },
      { method: 'GET', path: '/health', handler: () => ({ headers: std, json: { ok: true, service: 'local LLM server (offline stand-in, not a model)', model: STAND_IN_MODEL } }) },
    ],
    errorBody: (status, message) => errorBody(status, message),
    faultFree: (path) => path === '/health' || path.endsWith('/models'),
  });
  return { ...server, config: o, calls, inFlight: () => ({ now, peak }) };
}

export { analyse, baseForecast, pickQuality } from './analyst';
export type { Analysis, Forecast, Interval, Direction } from './analyst';
export { readPrompt, signals } from './prompt';
export type { PromptFacts, Signals } from './prompt';
export { LlmServerOptionsSchema, PRICES, QUALITIES, REASONING_FORMATS, STAND_IN_HEADER, STAND_IN_MODEL, STAND_IN_PROVIDER } from './schema';
export type { LlmServerOptions, LlmServerConfig, Quality, ReasoningFormat } from './schema';
