import type { Prepared } from '../input';
import type { Token } from '../text/lex';

/**
 * Statistics of the prompt's table stated as numbers: "peaked at 2,107,555", "bottomed at 900",
 * "the 14-day average is 1,234". A number within `window` tokens after a statistic word (see
 * `STAT_WORDS`; plain "high" and "low" are left out, they are common English), or else within `BACK`
 * tokens before it with only words between ("2,107,555 a day at the peak"), is checked against
 * that statistic of every metric over the prompt's rows and history (with and without today),
 * and against every value of the table (a stat word before a quoted value, "mean fee = 700.159
 * / …"). A number that matches none is a false claim about the table. Percentages are not
 * checked (a stated change has no single table value). Each distinct (statistic, number) counts once.
 */
type Stat = 'max' | 'min' | 'mean';
const STAT_WORDS = new Map<string, Stat>(
  Object.entries({
    peak: 'max',
    peaked: 'max',
    peaking: 'max',
    highest: 'max',
    maximum: 'max',
    max: 'max',
    bottomed: 'min',
    lowest: 'min',
    minimum: 'min',
    min: 'min',
    trough: 'min',
    average: 'mean',
    averaged: 'mean',
    mean: 'mean',
  }) as [string, Stat][],
);
const WINDOW = 4;
const BACK = 5;
/** The forward look stops at the end of the sentence: the next sentence's number is another claim. */
const SENTENCE_END = new Set(['.', '!', '?', ';']);

/** Each statistic of each metric over all values and over the history alone (values in the order prepare() lists them). */
function statistics(p: Prepared): Record<Stat, number[]> {
  const out: Record<Stat, number[]> = { max: [], min: [], mean: [] };
  for (const list of p.byMetric.values()) {
    for (const subset of [list, list.filter((g) => !g.current)]) {
      if (!subset.length) continue;
      let hi = Number.NEGATIVE_INFINITY;
      let lo = Number.POSITIVE_INFINITY;
      let sum = 0;
      for (const g of subset) {
        if (g.value > hi) hi = g.value;
        if (g.value < lo) lo = g.value;
        sum += g.value;
      }
      out.max.push(hi);
      out.min.push(lo);
      out.mean.push(sum / subset.length);
    }
  }
  return out;
}

/** Distinct false statements of a table statistic in the answer. */
export function historyClaims(p: Prepared): number {
  const t = p.answer.tokens;
  let stats: Record<Stat, number[]> | null = null;
  const relTol = p.cfg.params.calculation.relTol;
  const close = (v: number, tol: number, x: number): boolean => Math.abs(v - x) <= Math.max(tol, relTol * Math.abs(x));
  const wrong = new Set<string>();
  for (let i = 0; i < t.length; i++) {
    const w = t[i] as Token;
    const stat = w.k === 'w' ? STAT_WORDS.get(w.lo) : undefined;
    if (stat === undefined) continue;
    let n: Token | null = null;
    for (let j = i + 1; j <= i + WINDOW && j < t.length; j++) {
      const x = t[j] as Token;
      if (x.k === 'nl' || x.line !== w.line || (x.k === 'p' && SENTENCE_END.has(x.s))) break;
      if (x.k === 'n') {
        n = x;
        break;
      }
    }
    // "about 2,761,494 a day at the peak": else a number up to BACK tokens before it, with only words between.
    for (let j = i - 1; n === null && j >= 0 && j >= i - BACK; j--) {
      const x = t[j] as Token;
      if (x.line !== w.line || (x.k !== 'w' && x.k !== 'n')) break;
      if (x.k === 'n') n = x;
    }
    if (n === null || n.pct) continue;
    const { v, tol, s } = n;
    if (p.grounded.some((g) => close(v, tol, g.value))) continue;
    stats ??= statistics(p);
    if (stats[stat].some((x) => close(v, tol, x))) continue;
    wrong.add(`${stat}|${s}`);
  }
  return wrong.size;
}
