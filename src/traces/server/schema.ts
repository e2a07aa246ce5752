import { z } from 'zod';

/**
 * What the local OpenAI-compatible server accepts and how it is configured. The request schema
 * follows OpenRouter's chat completions: OpenAI fields plus `reasoning`, `provider` and
 * `usage`; unknown fields are accepted (and logged), as OpenRouter does. `reasoning` with both
 * a budget and an effort, or `reasoning` beside `reasoning_effort`, is refused with 400, so a
 * client that sends both is caught by the tests.
 */
export const STAND_IN_MODEL = 'workbench/offline-analyst';
export const STAND_IN_PROVIDER = 'workbench-offline-stand-in';
export const STAND_IN_HEADER = 'x-workbench-stand-in';

export const QUALITIES = ['good', 'weak', 'wrong', 'unformatted', 'truncated'] as const;
export type Quality = (typeof QUALITIES)[number];

/** How reasoning travels: OpenRouter fields, DeepSeek/vLLM field, details only, or inline tags. */
export const REASONING_FORMATS = [
  'reasoning',
  'reasoning_content',
  'reasoning_details',
  'think',
  'think-close',
] as const;
export type ReasoningFormat = (typeof REASONING_FORMATS)[number];

const ContentPart = z.object({ type: z.string(), text: z.string().optional() }).passthrough();

export const ServerChatRequestSchema = z
  .object({
    model: z.string().min(1),
    messages: z
      .array(
        z
          .object({ role: z.string().min(1), content: z.union([z.string(), z.array(ContentPart), z.null()]) })
          .passthrough(),
      )
      .min(1),
    stream: z.boolean().optional(),
    max_tokens: z.number().int().positive().optional(),
    max_completion_tokens: z.number().int().positive().optional(),
    temperature: z.number().min(0).max(2).optional(),
    top_p: z.number().gt(0).max(1).optional(),
    seed: z.number().int().optional(),
    reasoning: z
      .object({
        max_tokens: z.number().int().positive().optional(),
        effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).optional(),
        exclude: z.boolean().optional(),
        enabled: z.boolean().optional(),
      })
      .strict()
      .refine((r) => !(r.max_tokens !== undefined && r.effort !== undefined), {
        message: 'reasoning: give max_tokens or effort, not both',
      })
      .optional(),
    reasoning_effort: z.string().optional(),
    provider: z.record(z.unknown()).optional(),
    usage: z.object({ include: z.boolean().optional() }).passthrough().optional(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).passthrough().nullish(),
  })
  .passthrough()
  .refine((b) => !(b.reasoning && b.reasoning_effort !== undefined), {
    message: 'send either reasoning or reasoning_effort, not both',
  });
export type ServerChatRequest = z.infer<typeof ServerChatRequestSchema>;

export const LlmServerOptionsSchema = z
  .object({
    port: z.number().int().min(0).max(65535).default(0),
    host: z.string().default('127.0.0.1'),
    /** Mixed into the quality hash: another seed, another mix of good and bad answers. */
    seed: z.number().int().default(1),
    /** The bearer key to accept; any non-empty key when unset. Others get 401. */
    apiKey: z.string().min(1).optional(),
    /** Test aid: error bodies repeat the presented key, to prove the client scrubs it. */
    echoKey: z.boolean().default(false),
    /** 'mixed' draws per request from `mix`; a fixed quality for tests and demos. */
    quality: z.union([z.literal('mixed'), z.enum(QUALITIES)]).default('mixed'),
    mix: z
      .object({
        good: z.number().min(0),
        weak: z.number().min(0),
        wrong: z.number().min(0),
        unformatted: z.number().min(0),
        truncated: z.number().min(0),
      })
      .default({ good: 0.45, weak: 0.2, wrong: 0.15, unformatted: 0.05, truncated: 0.15 }),
    reasoningFormat: z.enum(REASONING_FORMATS).default('reasoning'),
    /** Completion budget when the request gives none (tokens). */
    defaultMaxTokens: z.number().int().positive().default(8192),
    /** Characters per streamed delta. */
    chunkChars: z.number().int().positive().default(64),
    /** Server time per request inside the in-flight window, before the first byte (ms). */
    latencyMs: z.number().int().min(0).default(0),
    /** Requests in flight at once; one more is answered 429 with Retry-After. 0 = no limit. */
    maxConcurrent: z.number().int().min(0).default(0),
    /** Answer every completion 402 (no credits). */
    paymentRequired: z.boolean().default(false),
  })
  .strict();
export type LlmServerOptions = z.input<typeof LlmServerOptionsSchema>;
export type LlmServerConfig = z.infer<typeof LlmServerOptionsSchema>;

/** USD per million tokens, a fixed table in the spirit of OpenRouter's R1 prices; others use the default. */
export const PRICES: Readonly<Record<string, { prompt: number; completion: number }>> = Object.freeze({
  default: { prompt: 0.4, completion: 2.0 },
  'deepseek/deepseek-r1': { prompt: 0.4, completion: 2.0 },
  'deepseek/deepseek-r1-0528': { prompt: 0.5, completion: 2.15 },
  'deepseek-reasoner': { prompt: 0.55, completion: 2.19 },
});

export function priceOf(model: string): { prompt: number; completion: number } {
  return PRICES[model] ?? (PRICES.default as { prompt: number; completion: number });
}

/** Rough token count: four characters a token. */
export const tokens = (s: string): number => Math.ceil(s.length / 4);
