/** Sentiment: lexicon and LLM scorers, their evaluation on human-labelled crypto text, and a daily index per asset. */
export {
  SENTIMENT_LABELS,
  SentimentLabelSchema,
  ScoreSchema,
  type Score,
  type Scorer,
  type SentimentLabel,
} from './labels';
export { CRYPTO_LEXICON, PHRASES, NEGATORS, INTENSIFIERS } from './lexicon';
export { lexiconScorer, scoreText, type LexiconVariant } from './lexicon-scorer';
export { llmScorer, parseSentimentAnswer, sentimentPrompt, type LlmScorerOptions } from './llm-scorer';
export { loadLabelled, splitRows, SURGE_CSV, type LabelledText } from './data';
export { classificationMetrics, type ClassificationMetrics } from './metrics';
export { evaluateSentiment, type SentimentEvaluation, type ScorerResult } from './evaluate';
export { sentimentReport, writeSentimentReport } from './report';
export {
  dailyIndex,
  joinSentiment,
  utcDay,
  TimedTextSchema,
  MARKET,
  type DailySentiment,
  type TimedText,
  type SentimentColumns,
} from './daily';
export { scoreTextFile } from './score-file';
