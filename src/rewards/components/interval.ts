import type { ComponentResult, Prepared } from '../input';
import type { Token } from '../text/lex';
import { signedNumber } from '../text/view';

/**
 * Interval format in the answer's prose: "12.5% ± 3.1% (90% CI)", "[-2.0%, 8.2%] (90% CI)",
 * "between 1.2M and 1.5M", "range -2.0% to +8.2%", with decimals, signs, %, k/M/B and unit
 * words. An interval is valid when lower < upper and a level (50–99.9%, next to CI,
 * confidence, interval…) is stated on its line within a few tokens. A percentage bound beside
 * a bare number reads the bare one as percentage points; "X ± Y%" around a count is relative.
 * Score = valid / found. Applicable to predictions always, to other tasks when they give one.
 */

type Num = NonNullable<ReturnType<typeof signedNumber>>;

interface Found {
  low: number;
  high: number;
  start: number;
  end: number;
  key: string;
  bounds: number[];
}

const isP = (t: Token | undefined, s: string): boolean => t !== undefined && t.k === 'p' && t.s === s;
const isW = (t: Token | undefined, w: string): boolean => t !== undefined && t.k === 'w' && t.lo === w;

function skipWords(t: readonly Token[], j: number, end: number, max: number, stop: string): number {
  let k = j;
  while (k < end && k - j < max && (t[k] as Token).k === 'w' && (t[k] as Token).lo !== stop) k++;
  return k;
}

/** Two bounds in one scale: a bare number beside a percentage is percentage points. */
function pair(a: Num, b: Num): [number, number] {
  const av = a.pct || !b.pct ? a.v : a.v / 100;
  const bv = b.pct || !a.pct ? b.v : b.v / 100;
  return [av, bv];
}

function found(t: readonly Token[], a: Num, b: Num, low: number, high: number, start: number, end: number): Found {
  return {
    low,
    high,
    start,
    end,
    key: `${a.v < 0 ? '-' : ''}${a.tok.lo}|${b.v < 0 ? '-' : ''}${b.tok.lo}|${t[start]?.lo ?? ''}`,
    bounds: [a.next - 1, b.next - 1],
  };
}

/** The interval starting at token i, if one does. */
function intervalAt(t: readonly Token[], i: number, end: number, p: Prepared): Found | null {
  const c = p.cfg.params;
  const tok = t[i] as Token;
  if (isP(tok, '[')) {
    const a = signedNumber(t, i + 1, end);
    if (!a) return null;
    const sep = skipWords(t, a.next, end, c.calculation.maxUnitWords, '');
    if (!isP(t[sep], ',') && !isP(t[sep], ';')) return null;
    const b = signedNumber(t, sep + 1, end);
    if (!b) return null;
    const close = skipWords(t, b.next, end, c.calculation.maxUnitWords, '');
    if (!isP(t[close], ']')) return null;
    const [lo, hi] = pair(a, b);
    return found(t, a, b, lo, hi, i, close + 1);
  }
  if (isW(tok, 'between')) {
    const a = signedNumber(t, i + 1, end);
    if (!a) return null;
    const and = skipWords(t, a.next, end, c.calculation.maxUnitWords, 'and');
    if (!isW(t[and], 'and')) return null;
    const b = signedNumber(t, and + 1, end);
    if (!b) return null;
    const [lo, hi] = pair(a, b);
    return found(t, a, b, lo, hi, i, b.next);
  }
  const a = signedNumber(t, i, end);
  if (!a) return null;
  let j = a.next;
  if (isP(t[j], '±') || (isP(t[j], '+') && isP(t[j + 1], '/') && isP(t[j + 2], '-'))) {
    j += isP(t[j], '±') ? 1 : 3;
    const h = signedNumber(t, j, end);
    if (!h) return null;
    let half = h.v;
    if (a.pct && !h.pct) half = h.v / 100;
    else if (!a.pct && h.pct) half = Math.abs(a.v) * h.v;
    return found(t, a, h, a.v - half, a.v + half, i, h.next);
  }
  j = skipWords(t, j, end, c.calculation.maxUnitWords, 'to');
  const dash = isP(t[j], '–') || (isP(t[j], '-') && (t[j] as Token).sp && (t[j + 1] as Token | undefined)?.sp === true);
  if (!isW(t[j], 'to') && !dash) return null;
  const b = signedNumber(t, j + 1, end);
  if (!b) return null;
  let cue = false;
  for (let k = Math.max(0, i - c.interval.window); k < i && !cue; k++)
    cue = (t[k] as Token).k === 'w' && c.interval.cues.includes((t[k] as Token).lo);
  if (!cue) return null;
  const [lo, hi] = pair(a, b);
  return found(t, a, b, lo, hi, i, b.next);
}

/** A stated level (e.g. "90% CI") on the line within the window around [start, end). */
function hasLevel(t: readonly Token[], f: Found, lineStart: number, lineEnd: number, p: Prepared): boolean {
  const c = p.cfg.params.interval;
  const from = Math.max(lineStart, f.start - c.window);
  const to = Math.min(lineEnd, f.end + c.window);
  for (let k = from; k < to; k++) {
    const x = t[k] as Token;
    if (x.k !== 'n' || !x.pct || f.bounds.includes(k)) continue;
    if (x.v < c.levelMin / 100 || x.v > c.levelMax / 100) continue;
    for (let m = k + 1; m <= k + 2 && m < lineEnd; m++)
      if ((t[m] as Token).k === 'w' && c.levelWords.includes((t[m] as Token).lo)) return true;
  }
  return false;
}

export function interval(p: Prepared): ComponentResult {
  const v = p.answer;
  const t = v.tokens;
  const seen = new Set<string>();
  let total = 0;
  let valid = 0;
  let noLevel = 0;
  let inverted = 0;
  for (const line of v.lines) {
    if (line.fence) continue;
    let i = line.start;
    while (i < line.end) {
      const f = intervalAt(t, i, line.end, p);
      if (!f) {
        i++;
        continue;
      }
      i = f.end;
      if (seen.has(f.key)) continue;
      seen.add(f.key);
      total++;
      const ordered = f.low < f.high;
      const level = hasLevel(t, f, line.start, line.end, p);
      if (!ordered) inverted++;
      if (!level) noLevel++;
      if (ordered && level) valid++;
    }
  }
  const prediction = p.input.task === 'predict7d';
  if (!total)
    return {
      score: 0,
      applicable: prediction,
      explanation: 'no interval in the answer',
      details: { found: 0, valid: 0, noLevel: 0, inverted: 0 },
    };
  return {
    score: valid / total,
    applicable: true,
    explanation: `${valid} of ${total} intervals valid (${inverted} not lower < upper, ${noLevel} without a stated level)`,
    details: { found: total, valid, noLevel, inverted },
  };
}
