import { setMaxListeners } from 'node:events';
import { z } from 'zod';
import { withRetries } from '../core';
import { chatComplete, isLlmError, SENTIMENT_TASK_MARKER, type LlmClient } from '../traces';
import type { Score, Scorer } from './labels';

/**
 * The LLM scorer: asks any OpenAI-compatible model (OpenRouter, vLLM, the local stand-in) for
 * bullish/bearish/neutral with a confidence, one text per request, through the traces client.
 * The first line is a fixed task marker; the local stand-in recognises it and answers the
 * sentiment contract instead of its market forecast.
 */

export function sentimentPrompt(text: string): string {
  return [
    SENTIMENT_TASK_MARKER,
    'Read the social-media text between <<< and >>> and say whether its author is bullish (expects or welcomes rising prices, likes the asset), bearish (expects falling prices, dislikes or distrusts it) or neutral.',
    'Answer with one JSON object and nothing else: {"label": "bullish" | "bearish" | "neutral", "confidence": number between 0 and 1}.',
    '',
    `<<<\n${text.replace(/>>>/g, '> > >')}\n>>>`,
  ].join('\n');
}

const AnswerSchema = z.object({
  label: z.enum(['bullish', 'bearish', 'neutral']),
  confidence: z.number().min(0).max(1),
});

/** The first JSON object in the answer, checked; null when there is none or it breaks the contract. */
export function parseSentimentAnswer(answer: string): Score | null {
  for (const m of answer.matchAll(/\{[^{}]*\}/g)) {
    try {
      const p = AnswerSchema.safeParse(JSON.parse(m[0]));
      if (p.success)
        return {
          label: p.data.label,
          confidence: p.data.confidence,
          score: p.data.label === 'bullish' ? p.data.confidence : p.data.label === 'bearish' ? -p.data.confidence : 0,
        };
    } catch {
      // not JSON: try the next brace pair
    }
  }
  return null;
}

export interface LlmScorerOptions {
  client: LlmClient;
  model: string;
  concurrency?: number;
  /** Attempts per text for retryable failures (429, 5xx, network). */
  attempts?: number;
  maxTokens?: number;
  /** Called with the count of texts done. */
  onProgress?: (done: number) => void;
}

/** An unparsable answer scores neutral with confidence 0 and is counted in `unparsed`. */
export function llmScorer(o: LlmScorerOptions): Scorer & { unparsed: () => number } {
  let unparsed = 0;
  const one = async (text: string, signal?: AbortSignal): Promise<Score> => {
    const c = await withRetries(
      () =>
        chatComplete(
          o.client,
          {
            model: o.model,
            messages: [{ role: 'user', content: sentimentPrompt(text) }],
            temperature: 0,
            maxTokens: o.maxTokens ?? 256,
          },
          { stream: false, signal },
        ),
      {
        retries: (o.attempts ?? 4) - 1,
        signal,
        decide: (e) =>
          isLlmError(e) && e.retryable ? { retry: true, reason: e.message, waitMs: e.retryAfterMs } : { retry: false },
      },
    );
    const s = parseSentimentAnswer(c.answer);
    if (!s) unparsed++;
    return s ?? { label: 'neutral', score: 0, confidence: 0 };
  };
  return {
    name: `LLM (${o.model})`,
    unparsed: () => unparsed,
    async score(texts, opts = {}) {
      // Every request in flight listens to the caller's signal; Node warns above 10 listeners.
      if (opts.signal) setMaxListeners(Math.max(16, 2 * (o.concurrency ?? 8)), opts.signal);
      const out = new Array<Score>(texts.length);
      let next = 0;
      let done = 0;
      const worker = async () => {
        while (next < texts.length) {
          const i = next++;
          out[i] = await one(texts[i] as string, opts.signal);
          o.onProgress?.(++done);
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency ?? 8, texts.length)) }, worker));
      return out;
    },
  };
}
