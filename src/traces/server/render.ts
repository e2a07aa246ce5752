import {
  priceOf,
  STAND_IN_MODEL,
  STAND_IN_PROVIDER,
  tokens,
  type ReasoningFormat,
  type ServerChatRequest,
} from './schema';

/**
 * Budgets and wire shapes of the local server. Budgets work as on a real reasoning model:
 * reasoning and answer share `max_tokens`; `reasoning.max_tokens` (or an effort, as a share of
 * max_tokens) stops the reasoning early and the model answers; when the reasoning alone uses
 * up max_tokens the answer is empty and `finish_reason` is "length". The JSON and SSE shapes
 * are OpenRouter's: `reasoning` plus `reasoning_details` (or DeepSeek/vLLM's
 * `reasoning_content`, or inline think tags), `provider`, `usage.cost` and
 * `completion_tokens_details.reasoning_tokens`, usage in the last chunk, `[DONE]`.
 */
export interface Plan {
  reasoning: string;
  answer: string;
  finishReason: 'stop' | 'length';
  promptTokens: number;
  reasoningTokens: number;
  answerTokens: number;
  /** `reasoning.exclude`: counted and billed, not returned. */
  excludeReasoning: boolean;
}

const EFFORT_SHARE: Record<string, number> = { none: 0, minimal: 0.1, low: 0.2, medium: 0.5, high: 0.8, xhigh: 0.95 };
const cut = (s: string, n: number) => s.slice(0, Math.max(0, n) * 4);

export function promptText(req: ServerChatRequest): string {
  return req.messages
    .map((m) => (typeof m.content === 'string' ? m.content : (m.content ?? []).map((p) => p.text ?? '').join('')))
    .join('\n');
}

export function plan(
  full: { reasoning: string; answer: string },
  req: ServerChatRequest,
  defaultMax: number,
  truncateFault: boolean,
): Plan {
  const maxTokens = req.max_tokens ?? req.max_completion_tokens ?? defaultMax;
  let budget = maxTokens;
  if (req.reasoning?.max_tokens !== undefined) budget = Math.min(budget, req.reasoning.max_tokens);
  else if (req.reasoning?.effort !== undefined)
    budget = Math.floor(maxTokens * (EFFORT_SHARE[req.reasoning.effort] ?? 1));
  const promptTokens = tokens(promptText(req));
  const excludeReasoning = req.reasoning?.exclude === true;
  let reasoning = full.reasoning;
  if (tokens(reasoning) > budget) reasoning = cut(reasoning, budget);
  if (truncateFault || tokens(reasoning) >= maxTokens) {
    // Out of budget while reasoning (or the injected fault): no answer at all.
    reasoning = cut(reasoning, maxTokens);
    return {
      reasoning,
      answer: '',
      finishReason: 'length',
      promptTokens,
      reasoningTokens: tokens(reasoning),
      answerTokens: 0,
      excludeReasoning,
    };
  }
  const room = maxTokens - tokens(reasoning);
  const answer = tokens(full.answer) > room ? cut(full.answer, room) : full.answer;
  return {
    reasoning,
    answer,
    finishReason: answer.length < full.answer.length ? 'length' : 'stop',
    promptTokens,
    reasoningTokens: tokens(reasoning),
    answerTokens: tokens(answer),
    excludeReasoning,
  };
}

export function usageOf(p: Plan, model: string) {
  const price = priceOf(model);
  const completion = p.reasoningTokens + p.answerTokens;
  const cost = Math.round(((p.promptTokens * price.prompt + completion * price.completion) / 1e6) * 1e10) / 1e10;
  return {
    prompt_tokens: p.promptTokens,
    completion_tokens: completion,
    total_tokens: p.promptTokens + completion,
    cost,
    is_byok: false,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: p.reasoningTokens },
  };
}

export interface Envelope {
  id: string;
  created: number;
  requestedModel: string;
}

const base = (e: Envelope, object: string) => ({
  id: e.id,
  object,
  created: e.created,
  model: STAND_IN_MODEL,
  // Not OpenRouter fields: the stand-in says what it is and which model was asked for.
  requested_model: e.requestedModel,
  stand_in: 'offline analyst: deterministic text from the prompt numbers, not a model',
  provider: STAND_IN_PROVIDER,
  system_fingerprint: 'workbench-offline-stand-in',
});

/** Text fields of a message (or delta) carrying `reasoning` and `content` in the chosen format. */
function fields(
  format: ReasoningFormat,
  reasoning: string,
  content: string,
  inThink: 'open' | 'close' | 'both' | 'none',
): Record<string, unknown> {
  if (format === 'think' || format === 'think-close') {
    const open = inThink === 'open' || inThink === 'both' ? (format === 'think' ? '<think>\n' : '') : '';
    const close = inThink === 'close' || inThink === 'both' ? '\n</think>\n\n' : '';
    return { content: `${open}${reasoning}${close}${content}` };
  }
  const out: Record<string, unknown> = { content };
  if (!reasoning) return out;
  if (format === 'reasoning') {
    out.reasoning = reasoning;
    out.reasoning_details = [{ type: 'reasoning.text', text: reasoning, format: 'unknown', index: 0 }];
  } else if (format === 'reasoning_content') out.reasoning_content = reasoning;
  else out.reasoning_details = [{ type: 'reasoning.text', text: reasoning, format: 'unknown', index: 0 }];
  return out;
}

export function completionBody(e: Envelope, p: Plan, format: ReasoningFormat, model: string) {
  const reasoning = p.excludeReasoning ? '' : p.reasoning;
  const closed = p.answer !== '' || p.finishReason === 'stop';
  const think = reasoning ? (closed ? 'both' : 'open') : 'none';
  return {
    ...base(e, 'chat.completion'),
    choices: [
      {
        index: 0,
        logprobs: null,
        finish_reason: p.finishReason,
        native_finish_reason: p.finishReason,
        message: { role: 'assistant', refusal: null, ...fields(format, reasoning, p.answer, think) },
      },
    ],
    usage: usageOf(p, model),
  };
}

const pieces = (s: string, n: number): string[] => {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += n) out.push(s.slice(i, i + n));
  return out;
};

/** Every SSE data payload of one streamed completion, in order (`[DONE]` last). */
export function streamEvents(
  e: Envelope,
  p: Plan,
  format: ReasoningFormat,
  model: string,
  chunkChars: number,
): string[] {
  const reasoning = p.excludeReasoning ? '' : p.reasoning;
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    JSON.stringify({
      ...base(e, 'chat.completion.chunk'),
      choices: [{ index: 0, delta, finish_reason: finish, native_finish_reason: finish, logprobs: null }],
    });
  const out = [chunk({ role: 'assistant', content: '' })];
  const rs = pieces(reasoning, chunkChars);
  rs.forEach((r, i) => {
    const first = i === 0;
    const last = i === rs.length - 1 && (p.answer !== '' || p.finishReason === 'stop');
    out.push(chunk(fields(format, r, '', first && last ? 'both' : first ? 'open' : last ? 'close' : 'none')));
  });
  for (const a of pieces(p.answer, chunkChars)) out.push(chunk({ content: a }));
  out.push(chunk({ content: '' }, p.finishReason));
  out.push(JSON.stringify({ ...base(e, 'chat.completion.chunk'), choices: [], usage: usageOf(p, model) }));
  out.push('[DONE]');
  return out;
}

/** OpenRouter's mid-stream error chunk: top-level `error` and `finish_reason: "error"`. */
export function errorChunk(e: Envelope, code: number, message: string): string {
  return JSON.stringify({
    ...base(e, 'chat.completion.chunk'),
    error: { code, message },
    choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error', native_finish_reason: 'error' }],
  });
}

/** OpenRouter's error body; `metadata` says it came from the stand-in. */
export function errorBody(status: number, message: string, metadata: Record<string, unknown> = {}) {
  return {
    error: {
      code: status,
      message: `${message} [workbench offline stand-in]`,
      metadata: { stand_in: 'offline-analyst', ...metadata },
    },
  };
}
