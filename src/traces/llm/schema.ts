import { z } from 'zod';

/**
 * What the client sends and reads, as zod schemas. The wire shapes are OpenAI chat completions
 * plus the fields OpenRouter, DeepSeek and vLLM add: `reasoning` (OpenRouter, vLLM ≥ 0.11),
 * `reasoning_content` (DeepSeek API, older vLLM), `reasoning_details` (OpenRouter's structured
 * blocks), `provider`, `usage.cost`, and mid-stream `error` objects. Every response object is
 * parsed loosely (unknown fields kept, most fields optional): servers differ, and a missing
 * field must read as "not reported", never fail a generation that did succeed.
 */

// ---- request (ours; turned into the wire body by complete.ts) ----

export const MessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
});
export type Message = z.infer<typeof MessageSchema>;

export const ReasoningEffortSchema = z.enum(['minimal', 'low', 'medium', 'high', 'xhigh']);

/** OpenRouter's `reasoning`: a token budget or an effort, never both; `exclude` hides the text. */
export const ReasoningOptionSchema = z
  .object({
    maxTokens: z.number().int().positive().optional(),
    effort: ReasoningEffortSchema.optional(),
    exclude: z.boolean().optional(),
  })
  .strict()
  .refine((r) => !(r.maxTokens !== undefined && r.effort !== undefined), {
    message: 'reasoning takes maxTokens or effort, not both',
  });
export type ReasoningOption = z.infer<typeof ReasoningOptionSchema>;

/** OpenRouter's provider routing; `dataCollection: 'deny'` and `enforceDistillableText` for distillation. */
export const ProviderRoutingSchema = z
  .object({
    requireParameters: z.boolean().optional(),
    dataCollection: z.enum(['allow', 'deny']).optional(),
    enforceDistillableText: z.boolean().optional(),
    allowFallbacks: z.boolean().optional(),
    order: z.array(z.string()).optional(),
    only: z.array(z.string()).optional(),
    ignore: z.array(z.string()).optional(),
  })
  .strict();
export type ProviderRouting = z.infer<typeof ProviderRoutingSchema>;

export const ChatRequestSchema = z
  .object({
    model: z.string().min(1),
    messages: z.array(MessageSchema).min(1),
    /** Total completion budget (reasoning + answer), in tokens. */
    maxTokens: z.number().int().positive().optional(),
    temperature: z.number().min(0).max(2).optional(),
    topP: z.number().gt(0).max(1).optional(),
    seed: z.number().int().optional(),
    stop: z.array(z.string()).optional(),
    reasoning: ReasoningOptionSchema.optional(),
    provider: ProviderRoutingSchema.optional(),
  })
  .strict();
export type ChatRequest = z.infer<typeof ChatRequestSchema>;
export type ChatRequestInput = z.input<typeof ChatRequestSchema>;

/** DeepSeek's guidance for R1: no system prompt, temperature 0.6 (top-p 0.95). */
export const R1_SAMPLING = Object.freeze({ temperature: 0.6, topP: 0.95 });

// ---- responses (theirs) ----

const num = z.number().finite();

export const UsageSchema = z
  .object({
    prompt_tokens: num.nullish(),
    completion_tokens: num.nullish(),
    total_tokens: num.nullish(),
    completion_tokens_details: z.object({ reasoning_tokens: num.nullish() }).passthrough().nullish(),
    /** OpenRouter: credits charged (USD). */
    cost: num.nullish(),
  })
  .passthrough();
export type WireUsage = z.infer<typeof UsageSchema>;

/** OpenRouter's reasoning blocks; only text and summary carry readable reasoning. */
export const ReasoningDetailSchema = z
  .object({
    type: z.string(),
    text: z.string().nullish(),
    summary: z.string().nullish(),
    data: z.string().nullish(),
  })
  .passthrough();
export type ReasoningDetail = z.infer<typeof ReasoningDetailSchema>;

/** `{error: {code, message, metadata}}` (OpenRouter), `{error: {message, type}}` (OpenAI, vLLM). */
export const WireErrorSchema = z
  .object({
    code: z.union([z.number(), z.string()]).nullish(),
    message: z.string().nullish(),
    type: z.string().nullish(),
    metadata: z.record(z.unknown()).nullish(),
  })
  .passthrough();
export type WireError = z.infer<typeof WireErrorSchema>;

const ReasoningFields = {
  content: z.string().nullish(),
  reasoning: z.string().nullish(),
  reasoning_content: z.string().nullish(),
  reasoning_details: z.array(ReasoningDetailSchema).nullish(),
};

export const ChunkSchema = z
  .object({
    id: z.string().nullish(),
    model: z.string().nullish(),
    provider: z.string().nullish(),
    choices: z
      .array(
        z
          .object({
            index: num.nullish(),
            delta: z.object(ReasoningFields).passthrough().nullish(),
            finish_reason: z.string().nullish(),
          })
          .passthrough(),
      )
      .nullish(),
    usage: UsageSchema.nullish(),
    error: WireErrorSchema.nullish(),
  })
  .passthrough();
export type Chunk = z.infer<typeof ChunkSchema>;

export const CompletionResponseSchema = z
  .object({
    id: z.string().nullish(),
    model: z.string().nullish(),
    provider: z.string().nullish(),
    choices: z
      .array(
        z
          .object({
            index: num.nullish(),
            message: z.object(ReasoningFields).passthrough().nullish(),
            finish_reason: z.string().nullish(),
          })
          .passthrough(),
      )
      .nullish(),
    usage: UsageSchema.nullish(),
    error: WireErrorSchema.nullish(),
  })
  .passthrough();
export type CompletionResponse = z.infer<typeof CompletionResponseSchema>;

// ---- what chatComplete returns ----

export const CompletionUsageSchema = z.object({
  promptTokens: z.number().nullable(),
  completionTokens: z.number().nullable(),
  /** null when the server does not report it. */
  reasoningTokens: z.number().nullable(),
  /** OpenRouter's `usage.cost` (credits = USD); null when not reported. */
  costUsd: z.number().nullable(),
});
export type CompletionUsage = z.infer<typeof CompletionUsageSchema>;

export const CompletionSchema = z.object({
  reasoning: z.string(),
  answer: z.string(),
  /** Where the reasoning came from: a field, inline <think> tags, or nowhere. */
  reasoningSource: z.enum(['reasoning', 'reasoning_content', 'reasoning_details', 'think_tags', 'none']),
  finishReason: z.string().nullable(),
  /** Cut by the length limit (finish_reason "length"). */
  truncated: z.boolean(),
  usage: CompletionUsageSchema,
  generationId: z.string().nullable(),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  /** Wall time of the whole call (the last attempt when length retries ran), ms. */
  latencyMs: z.number(),
  /** Time to the first reasoning or answer text, ms; null when nothing arrived (or not streamed). */
  firstTokenMs: z.number().nullable(),
  streamed: z.boolean(),
  /** The completion budget the answer was produced with (after length retries). */
  maxTokens: z.number().nullable(),
  /** Length retries done (0 = first attempt). */
  lengthRetries: z.number().int(),
  /** Cost of every attempt (length retries are paid too); null when no attempt reported one. */
  totalCostUsd: z.number().nullable(),
});
export type Completion = z.infer<typeof CompletionSchema>;
