import { fmix32, sha256, sleep } from '../../core';
import type { FaultSpec, Reply, Req } from '../../serve';
import { analyse, pickQuality } from './analyst';
import { sentimentAnswer } from './sentiment-answer';
import { CONTEXT_LENGTH } from './models';
import { completionBody, errorChunk, plan, promptText, streamEvents, type Envelope } from './render';
import {
  QUALITIES,
  REASONING_FORMATS,
  ServerChatRequestSchema,
  tokens,
  type Quality,
  type ReasoningFormat,
  type ServerChatRequest,
} from './schema';
import { STAND_IN_HEADERS, type LlmServerState } from './state';

const hashOf = (text: string): number => parseInt(sha256(text).slice(0, 8), 16) >>> 0;

function bearer(req: Req): string | null {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(.+)$/i.exec(h.trim()) : null;
  return m?.[1] ?? null;
}

type Checked =
  | { ok: true; r: ServerChatRequest; body: Record<string, unknown> | null; echo: string }
  | { ok: false; reply: Reply };

/** Key, payment, JSON, schema, context length and the concurrency limit, in OpenRouter's order. */
function check(s: LlmServerState, req: Req, faults: FaultSpec | undefined): Checked {
  const o = s.config;
  const key = bearer(req);
  const echo = o.echoKey && key ? ` (key: ${key})` : '';
  const no = (reply: Reply): Checked => ({ ok: false, reply });
  if (!key) return no(s.fail(req.path, 401, 'No auth credentials found', 'auth'));
  if (o.apiKey !== undefined && key !== o.apiKey) return no(s.fail(req.path, 401, `User not found.${echo}`, 'auth'));
  if (o.paymentRequired)
    return no(
      s.fail(
        req.path,
        402,
        `Insufficient credits. Add more using https://openrouter.ai/settings/credits${echo}`,
        'payment',
      ),
    );
  let raw: unknown;
  try {
    raw = JSON.parse(req.body);
  } catch {
    return no(s.fail(req.path, 400, 'Invalid JSON in request body', 'invalid'));
  }
  const parsed = ServerChatRequestSchema.safeParse(raw);
  const body = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : null;
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return no(
      s.fail(
        req.path,
        400,
        `Invalid request: ${i?.path.join('.') || 'body'}: ${i?.message ?? 'invalid'}${echo}`,
        'invalid',
        {},
        body,
      ),
    );
  }
  const r = parsed.data;
  const asked = (r.max_tokens ?? r.max_completion_tokens ?? 0) + tokens(promptText(r));
  if (asked > CONTEXT_LENGTH) {
    return no(
      s.fail(
        req.path,
        400,
        `This endpoint's maximum context length is ${CONTEXT_LENGTH} tokens. However, you requested about ${asked} tokens. Please reduce the length of either one.`,
        'invalid',
        {},
        body,
      ),
    );
  }
  if (o.maxConcurrent > 0 && s.inFlight >= o.maxConcurrent) {
    const retry = String(faults?.retryAfterSec ?? 1);
    return no(
      s.fail(
        req.path,
        429,
        `Rate limit exceeded: ${o.maxConcurrent} requests in flight`,
        'concurrency',
        { headers: { 'retry-after': retry } },
        body,
      ),
    );
  }
  return { ok: true, r, body, echo };
}

/** Quality and reasoning format: a test's header, else the options (mixed: a seeded pick per request). */
function styleOf(s: LlmServerState, req: Req, h: number): { quality: Quality; format: ReasoningFormat } {
  const o = s.config;
  const qHeader = req.headers['x-workbench-quality'];
  const fHeader = req.headers['x-workbench-reasoning-format'];
  const quality: Quality = (QUALITIES as readonly string[]).includes(String(qHeader))
    ? (qHeader as Quality)
    : o.quality === 'mixed'
      ? pickQuality(fmix32(h ^ 0x9e3779b9), o.mix)
      : o.quality;
  const format: ReasoningFormat = (REASONING_FORMATS as readonly string[]).includes(String(fHeader))
    ? (fHeader as ReasoningFormat)
    : o.reasoningFormat;
  return { quality, format };
}

/** `POST /v1/chat/completions`: JSON or SSE from the offline analyst, with the handler's own faults. */
export function chatHandler(s: LlmServerState, faults: FaultSpec | undefined): (req: Req) => Promise<Reply> {
  const o = s.config;
  return async (req) => {
    const c = check(s, req, faults);
    if (!c.ok) return c.reply;
    const { r, body, echo } = c;
    s.enter();
    let handedOff = false;
    try {
      if (o.latencyMs) await sleep(o.latencyMs);
      const h = hashOf(JSON.stringify([o.seed, r.model, r.messages, r.temperature ?? null, r.seed ?? null]));
      const { quality, format } = styleOf(s, req, h);
      const midstream = req.faults.hit('midstream');
      const truncate = req.faults.hit('truncate');
      const text = promptText(r);
      const p = plan(sentimentAnswer(text) ?? analyse(text, quality, h), r, o.defaultMaxTokens, truncate);
      const e: Envelope = {
        id: `gen-workbench-${s.nextId()}-${h.toString(16)}`,
        created: Math.floor(Date.now() / 1000),
        requestedModel: r.model,
      };
      const stream = r.stream === true;
      const headers = { ...STAND_IN_HEADERS, 'x-generation-id': e.id };
      s.log({
        path: req.path,
        status: 200,
        model: r.model,
        stream,
        quality,
        format,
        body,
        finishReason: midstream ? 'error' : p.finishReason,
        fault: midstream ? 'midstream' : truncate ? 'truncate' : null,
        promptTokens: p.promptTokens,
        reasoningTokens: p.reasoningTokens,
        answerTokens: p.answerTokens,
      });
      const errMsg = `Provider disconnected unexpectedly (injected fault)${echo} [workbench offline stand-in]`;
      if (!stream) {
        if (midstream)
          return {
            headers,
            json: {
              ...JSON.parse(errorChunk(e, 502, errMsg)),
              object: 'chat.completion',
              choices: [{ index: 0, message: { role: 'assistant', content: '' }, finish_reason: 'error' }],
            },
          };
        return { headers, json: completionBody(e, p, format, r.model) };
      }
      const events = streamEvents(e, p, format, r.model, o.chunkChars);
      const sse = async function* (): AsyncGenerator<string> {
        try {
          // midstream: an error chunk with finish_reason "error" after a third of the stream.
          const stop = midstream ? Math.max(1, Math.floor((events.length - 2) / 3)) : events.length;
          for (let i = 0; i < stop; i++) yield events[i] as string;
          if (midstream) yield errorChunk(e, 502, errMsg);
        } finally {
          s.leave();
        }
      };
      handedOff = true;
      return { headers, sse: sse() };
    } finally {
      if (!handedOff) s.leave();
    }
  };
}
