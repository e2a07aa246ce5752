import { lex, type Token } from './lex';

/**
 * A lexed text with its lines: token ranges per line and whether the line is inside a
 * ``` fence (fenced code and JSON are not prose). Sentences split prose lines at . ! ?
 */
export interface LineSpan {
  /** First token of the line and one past its last (the newline token is not included). */
  start: number;
  end: number;
  fence: boolean;
}

export interface TextView {
  tokens: Token[];
  lines: LineSpan[];
}

const isFenceMarker = (t: Token[], start: number, end: number): boolean =>
  end - start >= 3 &&
  t[start]?.s === '`' &&
  t[start + 1]?.s === '`' &&
  !t[start + 1]?.sp &&
  t[start + 2]?.s === '`' &&
  !t[start + 2]?.sp;

export function textView(text: string): TextView {
  const tokens = lex(text);
  const lines: LineSpan[] = [];
  let start = 0;
  let inFence = false;
  const close = (end: number): void => {
    const marker = isFenceMarker(tokens, start, end);
    lines.push({ start, end, fence: inFence || marker });
    if (marker) inFence = !inFence;
  };
  for (let i = 0; i < tokens.length; i++) {
    if ((tokens[i] as Token).k === 'nl') {
      close(i);
      start = i + 1;
    }
  }
  close(tokens.length);
  return { tokens, lines };
}

/** Token ranges [start, end) of the prose sentences: non-fence lines split after '.', '!' and '?'. */
export function sentences(v: TextView): [number, number][] {
  const out: [number, number][] = [];
  for (const l of v.lines) {
    if (l.fence) continue;
    let s = l.start;
    for (let i = l.start; i < l.end; i++) {
      const t = v.tokens[i] as Token;
      if (t.k === 'p' && (t.s === '.' || t.s === '!' || t.s === '?')) {
        if (i > s) out.push([s, i]);
        s = i + 1;
      }
    }
    if (l.end > s) out.push([s, l.end]);
  }
  return out;
}

/** Words and numbers: what counts as a word of length. */
export function wordCount(tokens: readonly Token[], start = 0, end = tokens.length): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const k = (tokens[i] as Token).k;
    if (k === 'w' || k === 'n' || k === 'd') n++;
  }
  return n;
}

/** A number at i, with a sign written right before it ("-47.3%", "+8.2%"); null if there is none. */
export function signedNumber(
  tokens: readonly Token[],
  i: number,
  end: number,
): { v: number; tol: number; pct: boolean; tok: Token; next: number } | null {
  let j = i;
  const t0 = tokens[j];
  if (t0 && t0.k === 'p' && t0.s === '$') j++;
  const t = tokens[j];
  if (!t || j >= end) return null;
  if (t.k === 'p' && (t.s === '-' || t.s === '+')) {
    const nx = tokens[j + 1];
    if (!nx || j + 1 >= end || nx.k !== 'n' || nx.sp) return null;
    return { v: t.s === '-' ? -nx.v : nx.v, tol: nx.tol, pct: nx.pct, tok: nx, next: j + 2 };
  }
  if (t.k !== 'n') return null;
  return { v: t.v, tol: t.tol, pct: t.pct, tok: t, next: j + 1 };
}
