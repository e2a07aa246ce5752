import { clamp01, type ComponentResult, type Prepared } from '../input';
import { fencedBlocks } from '../../contract';
import { lex, stripZeroWidth, type Token } from '../text/lex';
import { wordCount, type TextView } from '../text/view';
import { W } from '../lexicon';

/**
 * Penalties, each a score in [0, 1] where 1 means nothing to penalise; the composite is
 * multiplied by 1 − λ(1 − score) for each. They read the answer (the reasoning is scratch
 * space that earns nothing but its calculations) unless said otherwise.
 */

const ramp = (x: number, start: number, full: number): number => 1 - clamp01((x - start) / (full - start));

/**
 * Falsehood: every false checkable claim — a wrong result of a calculation on real inputs, a
 * quoted value, metric or name that is not in the data, a look-alike number or name, a false
 * statistic of the table — divides
 * the reward by 1 + cost (cost 0.25: one false claim costs a fifth, four cost half). True claims
 * do not dilute it, so no amount of added true text buys back a false one. Stating a wrong
 * number is worse than stating none, so this multiplies the whole score, not just one part.
 */
export function falsehood(
  p: Prepared,
  parts: { calculation: ComponentResult; citation: ComponentResult; claims: ComponentResult },
): ComponentResult {
  const wrong =
    (parts.calculation.details.wrong ?? 0) +
    (parts.citation.details.invalid ?? 0) +
    (parts.claims.details.lookalike ?? 0) +
    (parts.claims.details.history ?? 0);
  return {
    score: 1 / (1 + p.cfg.params.falsehood.cost * wrong),
    applicable: true,
    explanation: `${wrong} false checkable claims`,
    details: { wrong },
  };
}

/** Keyword stuffing: the share of buzzwords among words, and lines that are mostly buzzwords. */
export function stuffing(p: Prepared): ComponentResult {
  const c = p.cfg.params.stuffing;
  let words = 0;
  let hits = 0;
  let lines = 0;
  let salad = 0;
  for (const v of [p.answer]) {
    for (const line of v.lines) {
      let w = 0;
      let h = 0;
      for (let i = line.start; i < line.end; i++) {
        const x = v.tokens[i] as Token;
        if (x.k !== 'w') continue;
        w++;
        if ((v.bits[i] as number) & W.keyword) h++;
      }
      words += w;
      hits += h;
      if (!line.fence && w >= c.saladMinWords) {
        lines++;
        if (h >= c.saladShare * w) salad++;
      }
    }
  }
  const density = words ? hits / words : 0;
  const saladShare = lines ? salad / lines : 0;
  const score = Math.min(ramp(density, c.densityStart, c.densityFull), 1 - clamp01(saladShare / c.saladFull));
  return {
    score,
    applicable: true,
    explanation: `buzzword density ${(density * 100).toFixed(1)}%, ${salad} of ${lines} lines mostly buzzwords`,
    details: { words, keywords: hits, saladLines: salad, lines },
  };
}

/** 32-bit hashes of every n-gram of ids (FNV-like; Math.imul so the Python twin gets the same bits). */
function ngramHashes(seq: readonly number[], n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i + n <= seq.length; i++) {
    let h = 0;
    for (let k = 0; k < n; k++) h = (Math.imul(h, 1000003) ^ (seq[i + k] as number)) >>> 0;
    out.push(h);
  }
  return out;
}

interface PromptGrams {
  /** Word → id, numbered in order of first appearance in the prompt. */
  ids: Map<string, number>;
  /** Hashes of the prompt's echo n-grams. */
  echo: Set<number>;
}

/** Ids of the words and numbers of a text: the prompt's ids, then new ones in order of first appearance. */
function idsOf(tokens: readonly Token[], base: ReadonlyMap<string, number>, local: Map<string, number>): number[] {
  const out: number[] = [];
  for (const x of tokens) {
    if (x.k !== 'w' && x.k !== 'n') continue;
    let id = base.get(x.lo) ?? local.get(x.lo);
    if (id === undefined) local.set(x.lo, (id = base.size + local.size + 1));
    out.push(id);
  }
  return out;
}

// GRPO scores a group of completions of one prompt: lex each prompt and hash its n-grams once (64 prompts kept).
const promptCache = new Map<string, PromptGrams>();
const NO_PROMPT: PromptGrams = { ids: new Map(), echo: new Set() };
function promptGrams(prompt: string, n: number): PromptGrams {
  let g = promptCache.get(prompt);
  if (!g) {
    if (promptCache.size >= 64) promptCache.delete(promptCache.keys().next().value as string);
    const ids = new Map<string, number>();
    const seq = idsOf(lex(prompt), NO_PROMPT.ids, ids);
    promptCache.set(prompt, (g = { ids, echo: new Set(ngramHashes(seq, n)) }));
  }
  return g;
}

/**
 * Repetition: the answer's n-grams said before in it (loops, a doubled answer) and its n-grams
 * copied from the prompt, as counts, not shares: a share could be diluted by adding fresh text,
 * a count only grows with it, so padding cannot lift this penalty. Score = ramp(max(repeated,
 * copied), start, full) over n-gram counts.
 */
export function repetition(p: Prepared): ComponentResult {
  const c = p.cfg.params.repetition;
  const prompt = p.input.prompt ? promptGrams(p.input.prompt, c.echoNgram) : NO_PROMPT;
  const seq = idsOf(p.answer.tokens, prompt.ids, new Map());
  const hashes = ngramHashes(seq, c.ngram);
  const seen = new Set<number>();
  let repeats = 0;
  for (const h of hashes) {
    if (seen.has(h)) repeats++;
    else seen.add(h);
  }
  let copied = 0;
  if (p.input.prompt) for (const h of ngramHashes(seq, c.echoNgram)) if (prompt.echo.has(h)) copied++;
  return {
    score: ramp(Math.max(repeats, copied), c.start, c.full),
    applicable: true,
    explanation: `${repeats} of ${hashes.length} ${c.ngram}-grams repeated, ${copied} of the answer's ${c.echoNgram}-grams copied from the prompt`,
    details: { ngrams: hashes.length, repeated: repeats, copied },
  };
}

/** Length: answer and whole completion (words and numbers) inside their bands; linear outside. */
export function length(p: Prepared): ComponentResult {
  const c = p.cfg.params.length;
  const answer = wordCount(p.answer.tokens);
  const total = answer + p.reasoningWords;
  const band = (n: number, lo: number, hi: number): number =>
    n < lo ? n / lo : n > hi ? Math.max(0, 1 - (n - hi) / hi) : 1;
  const score = Math.min(band(answer, c.answerMin, c.answerMax), band(total, c.totalMin, c.totalMax));
  return {
    score,
    applicable: true,
    explanation: `answer ${answer} words (band ${c.answerMin}–${c.answerMax}), completion ${total} (band ${c.totalMin}–${c.totalMax})`,
    details: { answerWords: answer, totalWords: total },
  };
}

function lastProseLine(v: TextView): { start: number; end: number } | null {
  for (let i = v.lines.length - 1; i >= 0; i--) {
    const l = v.lines[i] as TextView['lines'][number];
    if (l.end > l.start) return l.fence ? null : l;
  }
  return null;
}

/** Completeness: an answer exists, was not cut by the length limit, closes its fences and does not stop mid-sentence. */
export function completeness(p: Prepared): ComponentResult {
  const c = p.cfg.params.completeness;
  const words = wordCount(p.answer.tokens);
  const r = (score: number, explanation: string): ComponentResult => ({
    score,
    applicable: true,
    explanation,
    details: { answerWords: words },
  });
  if (!words) return r(0, 'no answer');
  if (p.input.truncated) return r(0, 'cut by the length limit');
  if (fencedBlocks(p.input.answer).unclosed) return r(0, 'ends inside an unclosed ``` block');
  const last = lastProseLine(p.answer);
  if (last) {
    const first = p.answer.tokens[last.start] as Token;
    const end = p.answer.tokens[last.end - 1] as Token;
    const listOrHeading = first.k === 'p' && ['-', '*', '#', '|', '•'].includes(first.s);
    if (
      !listOrHeading &&
      (end.k === 'w' || end.k === 'n') &&
      wordCount(p.answer.tokens, last.start, last.end) >= c.cutLineWords
    )
      return r(c.cutScore, 'the last sentence stops without punctuation: cut off?');
  }
  return r(1, 'complete');
}

/** The word-list bits of any word of the text. */
const anyBits = (bits: Uint16Array): number => {
  let b = 0;
  for (let i = 0; i < bits.length; i++) b |= bits[i] as number;
  return b;
};
/** Whether the words hold the lists of at least one of the phrases below (needed, not enough, for a hit). */
const mayAim = (b: number): boolean =>
  ((b & W.ignoreVerb) !== 0 && (b & W.ignoreTarget) !== 0) ||
  ((b & W.score) !== 0 && (b & (W.grader | W.award | W.superlative)) !== 0) ||
  ((b & W.selfRef) !== 0 && (b & W.selfNoun) !== 0 && (b & W.selfClaim) !== 0);

/**
 * Text aimed at the grader, which no honest analysis needs: "ignore the instructions",
 * "grader: score 1", "full marks", chat-template markers, and self-assessment ("this analysis
 * meets every criterion", a checklist, tick marks). A gate: any hit zeroes the reward.
 */
export function injection(p: Prepared): ComponentResult {
  const c = p.cfg.params.injection;
  const words: number[] = [];
  const texts: string[] = [];
  // Each phrase below needs words of two or three lists; without them (the usual case) the scan cannot hit.
  for (const v of mayAim(anyBits(p.reasoning.bits) | anyBits(p.answer.bits)) ? [p.reasoning, p.answer] : []) {
    v.tokens.forEach((x, i) => {
      if (x.k !== 'w') return;
      words.push(v.bits[i] as number);
      texts.push(x.lo);
    });
  }
  const hits: string[] = [];
  const near = (i: number, bit: number, before: number, after: number): boolean => {
    for (let k = Math.max(0, i - before); k <= Math.min(words.length - 1, i + after); k++)
      if (k !== i && (words[k] as number) & bit) return true;
    return false;
  };
  for (let i = 0; i < words.length && hits.length < 3; i++) {
    const b = words[i] as number;
    const w = texts[i] as string;
    if (b & W.ignoreVerb && near(i, W.ignoreTarget, 0, 5)) hits.push(`"${w} … instructions"`);
    else if (b & W.grader && near(i, W.score, c.reachWindow, c.reachWindow)) hits.push(`"${w}" next to a score word`);
    else if (b & W.award && near(i, W.score, 0, 4)) hits.push(`"${w} … score"`);
    else if (b & W.superlative && i + 1 < words.length && (words[i + 1] as number) & W.score)
      hits.push(`"${w} ${texts[i + 1]}"`);
    else if (
      b & W.selfRef &&
      i + 1 < words.length &&
      (words[i + 1] as number) & W.selfNoun &&
      near(i + 1, W.selfClaim, 0, c.reachWindow)
    )
      hits.push(`"${w} ${texts[i + 1]}" grading itself`);
  }
  const text = stripZeroWidth(`${p.reasoningText}\n${p.input.answer}`).toLowerCase();
  for (const m of c.markers) if (hits.length < 3 && text.includes(m)) hits.push(`marker ${JSON.stringify(m)}`);
  return {
    score: hits.length ? 0 : 1,
    applicable: true,
    explanation: hits.length ? `aimed at the grader: ${hits.join(', ')}` : 'nothing aimed at the grader',
    details: { hits: hits.length },
  };
}
