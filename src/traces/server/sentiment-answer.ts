// Not named sentiment.ts: tslab resolves require('sentiment') next to the requiring file first, so a
// file of that name beside this one would load itself instead of the package.
import Sentiment from 'sentiment';

/**
 * The stand-in's answer to a sentiment prompt (an OFFLINE STAND-IN, NOT A MODEL): the plain
 * AFINN-165 score of the quoted text from the `sentiment` package, as the JSON contract
 * {"label", "confidence"} a real model is asked for. It lets the LLM scorer's whole path
 * (prompt, HTTP, parsing, retries) run offline; its accuracy is AFINN's, not a model's.
 */
export const SENTIMENT_TASK_MARKER = 'Task: crypto market sentiment classification.';

let engine: Sentiment | undefined;

export function sentimentAnswer(prompt: string): { reasoning: string; answer: string } | null {
  if (!prompt.includes(SENTIMENT_TASK_MARKER)) return null;
  const quoted = /<<<\n([\s\S]*)\n>>>/.exec(prompt)?.[1] ?? ''; // the block on its own lines, not the mention in the instructions
  engine ??= new Sentiment();
  const score = engine.analyze(quoted).score;
  const label = score > 0 ? 'bullish' : score < 0 ? 'bearish' : 'neutral';
  const confidence = label === 'neutral' ? 0.5 : Math.min(0.95, 0.5 + Math.abs(score) / 10);
  return {
    reasoning: `Offline stand-in: the AFINN-165 lexicon scores the text ${score}, so I answer ${label}.`,
    answer: JSON.stringify({ label, confidence }),
  };
}
