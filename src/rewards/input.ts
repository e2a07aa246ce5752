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
  const table = lexicon(cfg);
  const view = (text: string): View => {
    const v = textView(readNumerals(text));
    return { ...v, bits: wordBits(v.tokens, table) };
  };
  const byMetric = new Map<string, Grounded[]>();
  for (const g of grounded) {
    const list = byMetric.get(g.metric);
    if (list) list.push(g);
    else byMetric.set(g.metric, [g]);
  }
  const reasoningText = reasoningLines(input.reasoning);
  return {
    input,
    cfg,
    reasoning: view(reasoningText),
    reasoningText,
    answer: view(input.answer),
    reasoningWords: spaceCount(input.reasoning),
    grounded,
    byMetric,
    names: metricNames(cfg),
    fractions: fractionMetrics(cfg),
  };
}

/**
 * The lines of a text that hold an equals sign (=, ≈ U+2248, ≃ U+2243, ~ or ∼ U+223C), in
 * order, joined. The reasoning is the policy's scratch space (2–4k words): the rewards read only
 * its calculations, which need an equals sign, so only those lines are lexed (nothing else in
 * it can earn or lose anything, so text there aimed at the grader buys nothing either).
 * Found with indexOf per sign, the same in both twins.
 */
export function reasoningLines(text: string): string {
  const starts = new Set<number>();
  for (const sign of EQUALS_SIGNS) {
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

/** Spaces and line breaks: the reasoning's length in words (about one per word), counted without lexing. */
export function spaceCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf(' '); i !== -1; i = text.indexOf(' ', i + 1)) n++;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

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
