import type { RewardConfig } from './config';
import { lexicon, wordBits } from './lexicon';
import { fractionMetrics, metricNames } from './names';
export { metricNames, normLower, normName } from './names';
import { readNumerals } from './text/numerals';
import { textView, type TextView } from './text/view';

/**
 * What a reward function sees: the task, the completion split into reasoning and answer, the
 * rows the prompt was rendered from (and the earlier rows it showed), and, once known, the
 * realised outcome. Rows are read by metric name, so a ChainDay and a Python dict look alike.
 */
export type RowLike = Readonly<Record<string, unknown>>;

export interface OutcomeLike {
  tx_growth_7d: number | null;
  user_growth_7d: number | null;
}

export interface RewardInput {
  task: string;
  reasoning: string;
  answer: string;
  /** The prompt's row(s): one per chain (several for cross-chain prompts). */
  rows: readonly RowLike[];
  /** Earlier rows the prompt showed (all before the row's day). */
  history?: readonly RowLike[];
  /** The realised change over the horizon (null or absent until it is known). */
  outcome?: OutcomeLike | null;
  /** The prompt text (to tell quoting the data from copying the prompt). */
  prompt?: string;
  /** The generation was cut by the length limit. */
  truncated?: boolean;
}

export interface ComponentResult {
  score: number;
  /** False when the component says nothing about this input (e.g. no outcome yet): left out of the composite. */
  applicable: boolean;
  explanation: string;
  /** Counts behind the score (the Python twin reports the same). */
  details: Record<string, number>;
}

/** A metric value of the rows, what calculations and citations are checked against. */
export interface Grounded {
  metric: string;
  fraction: boolean;
  value: number;
  /** From the prompt's own row(s) rather than the history. */
  current: boolean;
}

/** A lexed text with the word-list bits of each token (lexicon.ts). */
export interface View extends TextView {
  bits: Uint16Array;
}

export interface Prepared {
  input: RewardInput;
  cfg: RewardConfig;
  /** Only the reasoning's lines that hold an equals sign (`reasoningLines`): all that is read of it besides its length. */
  reasoning: View;
  answer: View;
  /** The reasoning lines read (see `reasoningLines`). */
  reasoningText: string;
  /** Spaces and line breaks in the whole reasoning: its length in words, counted without lexing it. */
  reasoningWords: number;
  grounded: Grounded[];
  /** The grounded values of each metric. */
  byMetric: Map<string, Grounded[]>;
  /** Normalised metric name or alias → canonical name. */
  names: Map<string, string>;
  /** Canonical names of the metrics that are fractions (quoted as percentages). */
  fractions: Set<string>;
}

/** A finite number, or null for anything else (missing, null, NaN, a string). */
export function metricValue(row: RowLike, name: string): number | null {
  const v = row[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function prepare(input: RewardInput, cfg: RewardConfig): Prepared {
  const { grounded, byMetric } = groundedOf(input, cfg);
  const table = lexicon(cfg);
  const view = (text: string): View => {
    const v = textView(readNumerals(text));
    return { tokens: v.tokens, lines: v.lines, bits: wordBits(v.tokens, table) };
  };
  const { lines: reasoningText, words: reasoningWords } = readReasoning(input.reasoning);
  return {
    input,
    cfg,
    reasoning: view(reasoningText),
    reasoningText,
    answer: view(input.answer),
    reasoningWords,
    grounded,
    byMetric,
    names: metricNames(cfg),
    fractions: fractionMetrics(cfg),
  };
}

interface GroundedEntry {
  cfg: RewardConfig;
  rows: readonly RowLike[];
  history: readonly RowLike[] | undefined;
  grounded: Grounded[];
  byMetric: Map<string, Grounded[]>;
}
// GRPO scores a group of completions of one prompt with the same row objects: their metric values are read once per group (keyed by the first row, checked by identity; rows are data, never edited in place).
const groundedCache = new WeakMap<RowLike, GroundedEntry>();

/** The metric values of the prompt's rows, then of its history, and the same by metric (shared: read-only). */
function groundedOf(
  input: RewardInput,
  cfg: RewardConfig,
): { grounded: Grounded[]; byMetric: Map<string, Grounded[]> } {
  const first = input.rows[0];
  const hit = first === undefined ? undefined : groundedCache.get(first);
  if (
    hit &&
    hit.cfg === cfg &&
    hit.history === input.history &&
    hit.rows.length === input.rows.length &&
    hit.rows.every((r, i) => r === input.rows[i])
  )
    return hit;
  const grounded: Grounded[] = [];
  const add = (rows: readonly RowLike[], current: boolean): void => {
    for (const row of rows) {
      for (const m of cfg.metrics) {
        const v = metricValue(row, m.name);
        if (v !== null) grounded.push({ metric: m.name, fraction: m.fraction, value: v, current });
      }
    }
  };
  add(input.rows, true);
  add(input.history ?? [], false);
  const byMetric = new Map<string, Grounded[]>();
  for (const g of grounded) {
    const list = byMetric.get(g.metric);
    if (list) list.push(g);
    else byMetric.set(g.metric, [g]);
  }
  if (first !== undefined)
    groundedCache.set(first, { cfg, rows: [...input.rows], history: input.history, grounded, byMetric });
  return { grounded, byMetric };
}

/**
 * The lines of a text that hold an equals sign (=, ≈ U+2248, ≃ U+2243, ~ or ∼ U+223C), in
 * order, joined. The reasoning is the policy's scratch space (2–4k words): the rewards read only
 * its calculations, which need an equals sign, so only those lines are lexed (nothing else in
 * it can earn or lose anything, so text there aimed at the grader buys nothing either).
 * Found with indexOf per sign, the same in both twins.
 */
export function reasoningLines(text: string): string {
  return linesWith(text, EQUALS_SIGNS);
}
function linesWith(text: string, signs: readonly string[]): string {
  const starts = new Set<number>();
  for (const sign of signs) {
    for (let k = text.indexOf(sign); k !== -1; ) {
      starts.add(text.lastIndexOf('\n', k) + 1);
      const nl = text.indexOf('\n', k);
      if (nl < 0) break;
      k = text.indexOf(sign, nl + 1);
    }
  }
  return [...starts]
    .sort((a, b) => a - b)
    .map((start) => {
      const nl = text.indexOf('\n', start);
      return text.slice(start, nl < 0 ? text.length : nl);
    })
    .join('\n');
}
const EQUALS_SIGNS = ['=', '~', '\u2248', '\u2243', '\u223c'];
const ASCII_EQUALS_SIGNS = ['=', '~'];

/**
 * Spaces and line breaks: the reasoning's length in words (about one per word), counted without lexing.
 * The text's UTF-8 bytes are counted four at a time (SWAR: a lane of x ^ 0x20… is zero exactly where
 * x has a space): a third of the time of an indexOf per space on 2–4k words. UTF-8 never has a 0x20
 * or 0x0a byte inside a multi-byte character, so the count is that of the UTF-16 text.
 */
export function spaceCount(text: string): number {
  return spacesIn(encodeShared(text));
}

/**
 * `reasoningLines` and `spaceCount` of one text from one UTF-8 encoding of it. When the text is
 * ASCII (as many bytes as characters), only '=' and '~' of the equals signs can occur: the
 * other three are not looked for, which saves three passes when V8 stores the text two bytes
 * per character (a text cut from one with a "≈" or "—" in it, though all of it is ASCII).
 */
export function readReasoning(text: string): { lines: string; words: number } {
  const written = encodeShared(text);
  const words = spacesIn(written);
  if (written !== text.length) return { lines: reasoningLines(text), words };
  // ASCII: none of the three equals signs outside ASCII can occur, so only '=' and '~' are looked for.
  return { lines: linesWith(text, ASCII_EQUALS_SIGNS), words };
}

/** Writes the text's UTF-8 bytes to the shared buffer (valid until the next call); returns their number. */
function encodeShared(text: string): number {
  // At most 3 bytes per UTF-16 unit; a whole number of 4-byte words, for the word view.
  if (spaceBytes.length < text.length * 3 + 4) {
    spaceBytes = new Uint8Array(4 * Math.ceil((text.length * 3 + 4) / 4));
    spaceWords = new Uint32Array(spaceBytes.buffer);
  }
  return utf8.encodeInto(text, spaceBytes).written ?? 0;
}

/** Spaces and line breaks among the first `written` bytes of the shared buffer. */
function spacesIn(written: number): number {
  const bytes = spaceBytes;
  const words = spaceWords;
  const whole = written >>> 2;
  let n = 0;
  let acc = 0;
  let lanesFull = 0;
  for (let i = 0; i < whole; i++) {
    const x = words[i] as number;
    const s = x ^ 0x20202020;
    const l = x ^ 0x0a0a0a0a;
    // Bit 7 of each byte of zs (zl) is 0 exactly where that byte of s (l) is zero.
    const zs = ((s & 0x7f7f7f7f) + 0x7f7f7f7f) | s;
    const zl = ((l & 0x7f7f7f7f) + 0x7f7f7f7f) | l;
    acc += ((~zs | ~zl) >>> 7) & 0x01010101;
    // Each byte lane counts to at most 255: add the lanes up before one can overflow.
    if (++lanesFull === 255) {
      n += (acc & 0xff) + ((acc >>> 8) & 0xff) + ((acc >>> 16) & 0xff) + (acc >>> 24);
      acc = 0;
      lanesFull = 0;
    }
  }
  n += (acc & 0xff) + ((acc >>> 8) & 0xff) + ((acc >>> 16) & 0xff) + (acc >>> 24);
  for (let i = whole << 2; i < written; i++) if (bytes[i] === 0x20 || bytes[i] === 0x0a) n++;
  return n;
}
const utf8 = new TextEncoder();
let spaceBytes = new Uint8Array(1 << 16);
let spaceWords = new Uint32Array(spaceBytes.buffer);

/**
 * A policy's completion as reasoning and answer: `<think>…</think>answer` (the SFT format),
 * a completion that only closes the tag (the template opened it), or plain text (all answer).
 * An opened, never closed think block has no answer.
 */
export function splitCompletion(text: string): { reasoning: string; answer: string; unclosedThink: boolean } {
  const close = text.lastIndexOf('</think>');
  if (close >= 0) {
    let reasoning = text.slice(0, close);
    const open = reasoning.indexOf('<think>');
    if (open >= 0) reasoning = reasoning.slice(open + 7);
    return { reasoning, answer: text.slice(close + 8), unclosedThink: false };
  }
  const open = text.indexOf('<think>');
  if (open >= 0) return { reasoning: text.slice(open + 7), answer: '', unclosedThink: true };
  return { reasoning: '', answer: text, unclosedThink: false };
}

/** Whether a stated number (v, one unit tol) is the value x: equal within the precision written, or x as a percentage. */
export function sameNumber(v: number, tol: number, pct: boolean, x: number, fraction: boolean): boolean {
  if (Math.abs(v - x) <= tol) return true;
  return fraction && !pct && Math.abs(v - x * 100) <= tol;
}

export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
