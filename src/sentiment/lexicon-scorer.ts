import Sentiment from 'sentiment';
import type { Score, Scorer } from './labels';
import { CRYPTO_LEXICON, INTENSIFIERS, NEGATION_WINDOW, NEGATORS, PHRASES, SCOPE_BREAKERS } from './lexicon';

/**
 * Lexicon scorers on the `sentiment` package (AFINN-165 plus its emoji table).
 * `afinn` is the package as it comes: AFINN weights, negation of the one token before.
 * `crypto` adds the crypto lexicon and phrases; `crypto+rules` also splits emoji off words,
 * negates within three tokens up to a clause boundary, and scales a word after an intensifier.
 *
 * The package merges `analyze(text, {extras})` INTO its shared English labels (it calls
 * Object.assign on them), so extras would leak into every later plain-AFINN score. We register
 * our own language with a copy of the labels instead and never pass extras.
 */
export type LexiconVariant = 'afinn' | 'crypto' | 'crypto+rules';

const SENTENCE_END = 'zzeoszz'; // survives the package's tokenizer; no label has it

let registered: Sentiment | undefined;
function engine(): Sentiment {
  if (registered) return registered;
  const s = new Sentiment();
  // Reading the English labels through a plain analysis call loads them (and the emoji table).
  s.analyze('');
  // The package ships AFINN's labels as a JSON file with no typed export.
  const en = require('sentiment/languages/en/labels.json') as Record<string, number>;
  const plainNegate = (tokens: string[], cursor: number, score: number) =>
    cursor > 0 && NEGATORS.has(tokens[cursor - 1] as string) ? -score : score;
  s.registerLanguage('wb-crypto', { labels: { ...en, ...CRYPTO_LEXICON }, scoringStrategy: { apply: plainNegate } });
  s.registerLanguage('wb-crypto-rules', {
    labels: { ...en, ...CRYPTO_LEXICON },
    scoringStrategy: {
      apply(tokens: string[], cursor: number, score: number): number {
        let out = score;
        const prev = tokens[cursor - 1];
        if (prev !== undefined && INTENSIFIERS[prev] !== undefined) out *= INTENSIFIERS[prev] as number;
        for (let k = cursor - 1; k >= Math.max(0, cursor - NEGATION_WINDOW); k--) {
          const t = tokens[k] as string;
          if (t === SENTENCE_END || SCOPE_BREAKERS.has(t)) break;
          if (NEGATORS.has(t)) {
            out = -out;
            break;
          }
        }
        return out;
      },
    },
  });
  registered = s;
  return s;
}

function prepare(text: string, variant: LexiconVariant): string {
  if (variant === 'afinn') return text;
  let t = text.replace(/[’‘]/g, "'");
  for (const [re, token] of PHRASES) t = t.replace(re, ` ${token} `);
  if (variant === 'crypto+rules') {
    t = t.replace(/(\p{Extended_Pictographic})/gu, ' $1 ').replace(/[.!?;]+(\s|$)/g, ` ${SENTENCE_END} `);
  }
  return t;
}

/** Label from the summed weight: > 0 bullish, < 0 bearish, exactly 0 (no scored word, or a tie) neutral. */
export function scoreText(text: string, variant: LexiconVariant): Score {
  const language = variant === 'afinn' ? 'en' : variant === 'crypto' ? 'wb-crypto' : 'wb-crypto-rules';
  const r = engine().analyze(prepare(text, variant), { language });
  const score = Math.round(r.score * 1000) / 1000;
  return {
    label: score > 0 ? 'bullish' : score < 0 ? 'bearish' : 'neutral',
    score,
    confidence: Math.min(1, Math.abs(score) / 5),
  };
}

export function lexiconScorer(variant: LexiconVariant = 'crypto+rules'): Scorer {
  return {
    name:
      variant === 'afinn'
        ? 'AFINN-165 (plain)'
        : variant === 'crypto'
          ? 'AFINN + crypto lexicon'
          : 'AFINN + crypto lexicon + rules',
    score: async (texts) => texts.map((t) => scoreText(t, variant)),
  };
}
