import { z } from 'zod';

/** What every scorer says about a text: a direction and how sure it is (0–1). */
export const SENTIMENT_LABELS = ['bullish', 'bearish', 'neutral'] as const;
export const SentimentLabelSchema = z.enum(SENTIMENT_LABELS);
export type SentimentLabel = z.infer<typeof SentimentLabelSchema>;

export const ScoreSchema = z.object({
  label: SentimentLabelSchema,
  /** Signed strength: > 0 bullish, < 0 bearish (the lexicon's summed weight; the LLM's ±confidence). */
  score: z.number(),
  confidence: z.number().min(0).max(1),
});
export type Score = z.infer<typeof ScoreSchema>;

export interface Scorer {
  readonly name: string;
  score(texts: readonly string[], opts?: { signal?: AbortSignal }): Promise<Score[]>;
}
