import type { ComponentResult, Prepared } from '../input';
import { stripAscii } from '../../contract';
import type { Token } from '../text/lex';
import { wordCount } from '../text/view';

/**
 * Structure: the task's required sections (contract.ts) present in the answer, with content,
 * and in order. Headings are Markdown ATX (`## Risks`), setext (a line underlined with = or -),
 * a bold line (`**Forecast**`), a short numbered line (`2. Calculations`) or a short line
 * ending in a colon; a heading is a section when its words contain one of the section's
 * synonyms. A section needs at least `minSectionWords` words before the next section heading.
 * Score = ½ · present / required + ½ · longest in-order run / required.
 */

function headingText(raw: string, next: string | undefined, words: number, maxWords: number): string | null {
  const t = stripAscii(raw, ' \t\r');
  if (!t) return null;
  let h = 0;
  while (h < t.length && t[h] === '#') h++;
  if (h >= 1 && h <= 6 && (h === t.length || t[h] === ' ' || t[h] === '\t')) return t.slice(h);
  for (const mark of ['**', '__']) {
    if (t.startsWith(mark) && t.length > 2 * mark.length && (t.endsWith(mark) || t.endsWith(`${mark}:`))) return t;
  }
  const n = next === undefined ? '' : stripAscii(next, ' \t\r');
  const first = t[0] as string;
  if (n.length >= 2 && (/^=+$/.test(n) || /^-+$/.test(n)) && first !== '-' && first !== '*' && first !== '|') return t;
  if (words > maxWords) return null;
  if (/^[0-9]{1,2}[.)][ \t]/.test(t) && !t.endsWith('.')) return t;
  if (t.endsWith(':') && words <= 4 && !/[0-9]/.test(t)) return t;
  return null;
}

function sectionOf(
  tokens: readonly Token[],
  start: number,
  end: number,
  required: readonly string[],
  synonyms: Readonly<Record<string, readonly (readonly string[])[]>>,
): number {
  const words: string[] = [];
  for (let i = start; i < end; i++) if ((tokens[i] as Token).k === 'w') words.push((tokens[i] as Token).lo);
  for (let s = 0; s < required.length; s++) {
    for (const phrase of synonyms[required[s] as string] ?? []) {
      for (let i = 0; i + phrase.length <= words.length; i++) {
        let ok = true;
        for (let k = 0; k < phrase.length && ok; k++) ok = words[i + k] === phrase[k];
        if (ok) return s;
      }
    }
  }
  return -1;
}

/** Length of the longest strictly increasing subsequence (O(n²); n is the number of sections). */
function longestIncreasing(xs: readonly number[]): number {
  const best: number[] = [];
  let top = 0;
  for (let i = 0; i < xs.length; i++) {
    let b = 1;
    for (let j = 0; j < i; j++)
      if ((xs[j] as number) < (xs[i] as number) && (best[j] as number) + 1 > b) b = (best[j] as number) + 1;
    best.push(b);
    if (b > top) top = b;
  }
  return top;
}

export function structure(p: Prepared): ComponentResult {
  const required = p.cfg.sections[p.input.task];
  if (!required)
    return { score: 0, applicable: false, explanation: `no section contract for task ${p.input.task}`, details: {} };
  const c = p.cfg.params.structure;
  const v = p.answer;
  const raw = p.input.answer.split('\n');
  // Section headings in order, with the words up to the next one.
  const found: { section: number; words: number }[] = [];
  v.lines.forEach((line, i) => {
    const words = wordCount(v.tokens, line.start, line.end);
    const text = line.fence ? null : headingText(raw[i] ?? '', raw[i + 1], words, c.maxHeadingWords);
    const section = text === null ? -1 : sectionOf(v.tokens, line.start, line.end, required, p.cfg.synonyms);
    if (section >= 0) found.push({ section, words: 0 });
    else if (found.length) (found[found.length - 1] as { words: number }).words += words;
  });
  // The sections with content, by their first such heading, in the order they appear.
  const firstAt: number[] = [];
  for (const f of found) if (f.words >= c.minSectionWords && !firstAt.includes(f.section)) firstAt.push(f.section);
  const present = firstAt.length;
  const inOrder = longestIncreasing(firstAt);
  const n = required.length;
  const missing = required.filter((_, s) => !firstAt.includes(s));
  const score = 0.5 * (present / n) + 0.5 * (inOrder / n);
  return {
    score,
    applicable: true,
    explanation: `${present} of ${n} sections with content, ${inOrder} in order${missing.length ? `; missing or empty: ${missing.join(', ')}` : ''}`,
    details: { required: n, present, inOrder, headings: found.length },
  };
}
