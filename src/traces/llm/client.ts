import { OpenAI } from 'openai';
import { z } from 'zod';
import { assertNoUrlCredentials, secretFromEnv, WorkbenchError } from '../../core';

/**
 * A thin wrapper on the `openai` SDK (v6) for any OpenAI-compatible endpoint: OpenRouter (the
 * default), vLLM, the DeepSeek API or the local offline stand-in. It keeps the key for
 * redaction, turns the SDK's own retries off by default (the generator owns retries and rate
 * limits; two retry loops would multiply), silences the SDK's logger (at debug level it logs
 * error bodies, which a server may fill with the key) and uses a long timeout: reasoning
 * models think for minutes. The SDK's timeout covers the wait for the response headers;
 * `chatComplete` adds an idle timeout for streams that stop sending.
 */
export const OPENROUTER_BASE_URL = 'https://openrouter.ai/api/v1';
export const DEFAULT_API_KEY_ENV = 'OPENROUTER_API_KEY';

export const LlmClientOptionsSchema = z
  .object({
    baseUrl: z.string().url().default(OPENROUTER_BASE_URL),
    apiKey: z.string().min(1),
    /** Per attempt, until the response starts (ms). */
    timeoutMs: z.number().int().positive().default(600_000),
    /** The SDK's own retries; 0 so the generator's retry loop is the only one. */
    maxRetries: z.number().int().min(0).max(10).default(0),
    /** 'openrouter' also sends `usage: {include: true}`; auto-detected from the URL. */
    flavor: z.enum(['openrouter', 'generic', 'auto']).default('auto'),
    /** Extra headers (OpenRouter attribution: HTTP-Referer, X-Title). */
    headers: z.record(z.string()).default({}),
  })
  .strict();
export type LlmClientOptions = z.input<typeof LlmClientOptionsSchema>;

export interface LlmClient {
  readonly sdk: OpenAI;
  readonly baseUrl: string;
  readonly flavor: 'openrouter' | 'generic';
  /** Values scrubbed from every message this client produces. */
  readonly secrets: readonly string[];
}

export function createLlmClient(options: LlmClientOptions): LlmClient {
  const parsed = LlmClientOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    // Never print the options object: it holds the key.
    throw new WorkbenchError(
      `LLM client options: ${i?.path.join('.') ?? ''}: ${i?.message ?? 'invalid'}`,
      'pass --base-url as a full URL (e.g. https://openrouter.ai/api/v1) and set the API key variable',
    );
  }
  const o = parsed.data;
  const baseUrl = assertNoUrlCredentials(o.baseUrl).replace(/\/+$/, '');
  const flavor = o.flavor === 'auto' ? (/openrouter\.ai/i.test(baseUrl) ? 'openrouter' : 'generic') : o.flavor;
  const sdk = new OpenAI({
    apiKey: o.apiKey,
    baseURL: baseUrl,
    timeout: o.timeoutMs,
    maxRetries: o.maxRetries,
    logLevel: 'off',
    defaultHeaders: { 'x-title': 'crypto-ai-workbench', ...o.headers },
    // The SDK would otherwise pick these up from the environment; we pass everything explicitly.
    organization: null,
    project: null,
  });
  return { sdk, baseUrl, flavor, secrets: [o.apiKey] };
}

/** The API key from `OPENROUTER_API_KEY` or the variable named by `--api-key-env`; never from a flag. */
export function apiKeyFromEnv(name: string = DEFAULT_API_KEY_ENV, env: NodeJS.ProcessEnv = process.env): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw new WorkbenchError(
      `--api-key-env "${name}" is not a variable name`,
      'pass the NAME of the variable that holds the key, e.g. --api-key-env DEEPSEEK_API_KEY',
    );
  return secretFromEnv(name, env);
}
