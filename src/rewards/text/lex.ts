/**
 * The one pass over a completion that every reward component reads: words, numbers (with
 * their precision), dates, punctuation and line breaks. It is written as a plain character
 * loop over ASCII classes, not regexes, because the Python twin must produce exactly the same
 * tokens: JS and Python disagree on \w, \b, \s and case folding, never on `c >= '0'`. Any other
 * character only separates tokens (so surrogate pairs and code points behave alike), except
 * zero-width characters, which are dropped so "ig\u200bnore" still reads "ignore".
 */

export type TokenKind = 'w' | 'n' | 'd' | 'p' | 'nl';

export interface Token {
  k: TokenKind;
  /** Words as written; numbers and dates as written (commas kept); punctuation normalised (− → -, × → *). */
  s: string;
  /** Lower-case words (ASCII only, so both languages agree); `s` otherwise. */
  lo: string;
  /** Numbers: the value, percentages as fractions (5.2% → 0.052), k/M/B applied. 0 otherwise. */
  v: number;
  /** Numbers: one unit of the last digit written, in the scale of `v` (5.2% → 0.001). */
  tol: number;
  /** Numbers: written with %. */
  pct: boolean;
  /** Whitespace, a separator or a line start came right before. */
  sp: boolean;
  line: number;
}

const ZERO_WIDTH = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad]);
const SPACES = new Set([0x20, 0x09, 0x0d, 0x0b, 0x0c, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]);
/** Unicode punctuation read as its ASCII meaning; every ASCII punctuation mark stands for itself. */
const PUNCT_MAP: Record<number, string> = {
  215: '*',
  247: '/',
  183: '*',
  8722: '-',
  8211: '–',
  8212: '–',
  8776: '≈',
  8771: '≈',
  8764: '~',
  177: '±',
  8804: '≤',
  8805: '≥',
  8594: '→',
  8226: '•',
  8217: "'",
  8216: "'",
  8220: '"',
  8221: '"',
  8230: '.',
};
const SUFFIX: Record<string, number> = { k: 1e3, K: 1e3, M: 1e6, B: 1e9 };

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isAsciiPunct = (c: number): boolean =>
  (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
const isSpace = (c: number): boolean => SPACES.has(c) || (c >= 0x2000 && c <= 0x200a);

// Character classes of ASCII by table (the hot path); everything else goes through the sets above.
const NL = 1;
const SPACE = 2;
const ALPHA = 3;
const DIGIT = 4;
const PUNCT = 5;
const OTHER = 6;
const ASCII_CLASS = new Uint8Array(128).map((_, c) =>
  c === 10 ? NL : isSpace(c) ? SPACE : isAlpha(c) ? ALPHA : isDigit(c) ? DIGIT : isAsciiPunct(c) ? PUNCT : OTHER,
);
const classOf = (c: number): number =>
  c < 128 ? (ASCII_CLASS[c] as number) : isSpace(c) ? SPACE : PUNCT_MAP[c] !== undefined ? PUNCT : OTHER;

const POW10 = new Map<number, number>();
/** 10^k as the nearest double (a literal parse, never Math.pow, whose last bit differs between engines). */
export function pow10(k: number): number {
  let v = POW10.get(k);
  if (v === undefined) POW10.set(k, (v = Number(`1e${k}`)));
  return v;
}

const ASCII_TEXT = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));
const EXACT_POW10 = Array.from({ length: 23 }, (_, k) => pow10(k));

/**
 * The value of the digits in text[start, end) (commas and a point skipped) times 10^e10, when
 * one IEEE operation gives it exactly rounded: an integer below 2^53 and |e10| <= 22 (both
 * operands exact, so the one rounding is that of the decimal: Clinger's fast path, the same
 * double Number() returns). Else -1, and the caller parses the string.
 */
function exactDecimal(text: string, start: number, end: number, e10: number): number {
  if (e10 < -22 || e10 > 22) return -1;
  let m = 0;
  for (let k = start; k < end; k++) {
    const d = text.charCodeAt(k) - 48;
    if (d >= 0 && d <= 9) m = m * 10 + d;
  }
  if (m > Number.MAX_SAFE_INTEGER) return -1;
  return e10 < 0 ? m / (EXACT_POW10[-e10] as number) : m * (EXACT_POW10[e10] as number);
}

const HAS_ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/;
/** The text with zero-width characters dropped. */
export function stripZeroWidth(text: string): string {
  if (!HAS_ZERO_WIDTH.test(text)) return text;
  let out = '';
  for (let j = 0; j < text.length; j++) if (!ZERO_WIDTH.has(text.charCodeAt(j))) out += text[j];
  return out;
}

export function lex(input: string): Token[] {
  const text = stripZeroWidth(input);
  const n = text.length;
  const at = (j: number): number => (j < n ? text.charCodeAt(j) : -1);
  const out: Token[] = [];
  let line = 0;
  let sp = true;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const cls = classOf(c);
    if (cls === NL) {
      out.push({ k: 'nl', s: '\n', lo: '\n', v: 0, tol: 0, pct: false, sp, line });
      line++;
      sp = true;
      i++;
    } else if (cls === SPACE) {
      sp = true;
      i++;
    } else if (cls === ALPHA) {
      let j = i + 1;
      let upper = c >= 65 && c <= 90;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d >= 128 || (ASCII_CLASS[d] !== ALPHA && ASCII_CLASS[d] !== DIGIT)) break;
        if (d >= 65 && d <= 90) upper = true;
      }
      const s = text.slice(i, j);
      out.push({ k: 'w', s, lo: upper ? s.toLowerCase() : s, v: 0, tol: 0, pct: false, sp, line });
      sp = false;
      i = j;
    } else if (cls === DIGIT || (c === 46 && isDigit(at(i + 1)))) {
      let j = i;
      while (isDigit(at(j))) j++;
      const intDigits = j - i;
      if (
        intDigits === 4 &&
        at(j) === 45 &&
        isDigit(at(j + 1)) &&
        isDigit(at(j + 2)) &&
        at(j + 3) === 45 &&
        isDigit(at(j + 4)) &&
        isDigit(at(j + 5)) &&
        !isDigit(at(j + 6))
      ) {
        const s = text.slice(i, j + 6);
        out.push({ k: 'd', s, lo: s, v: 0, tol: 0, pct: false, sp, line });
        sp = false;
        i = j + 6;
        continue;
      }
      if (intDigits >= 1 && intDigits <= 3) {
        while (at(j) === 44 && isDigit(at(j + 1)) && isDigit(at(j + 2)) && isDigit(at(j + 3)) && !isDigit(at(j + 4)))
          j += 4;
      }
      let dec = 0;
      if (at(j) === 46 && isDigit(at(j + 1))) {
        j++;
        while (isDigit(at(j))) {
          j++;
          dec++;
        }
      }
      const mantissaEnd = j;
      let exp = 0;
      const e = at(j);
      if (
        (e === 101 || e === 69) &&
        (isDigit(at(j + 1)) || ((at(j + 1) === 43 || at(j + 1) === 45) && isDigit(at(j + 2))))
      ) {
        let k = j + 1;
        const neg = at(k) === 45;
        if (at(k) === 43 || at(k) === 45) k++;
        const start = k;
        while (isDigit(at(k))) k++;
        exp = Number(text.slice(start, k)) * (neg ? -1 : 1);
        j = k;
      }
      const s = text.slice(i, j);
      let raw = exactDecimal(text, i, mantissaEnd, exp - dec);
      if (raw < 0) raw = Number(s.includes(',') ? s.split(',').join('') : s);
      let unit = pow10(exp - dec);
      let pct = false;
      if (at(j) === 37) {
        pct = true;
        j++;
      } else if (j < n && SUFFIX[text[j] as string] !== undefined && !isAlpha(at(j + 1)) && !isDigit(at(j + 1))) {
        const m = SUFFIX[text[j] as string] as number;
        raw *= m;
        unit *= m;
        j++;
      }
      out.push({
        k: 'n',
        s: text.slice(i, j),
        lo: text.slice(i, j),
        v: pct ? raw / 100 : raw,
        tol: pct ? unit / 100 : unit,
        pct,
        sp,
        line,
      });
      sp = false;
      i = j;
    } else if (cls === PUNCT) {
      const s = c < 128 ? (ASCII_TEXT[c] as string) : (PUNCT_MAP[c] as string);
      out.push({ k: 'p', s, lo: s, v: 0, tol: 0, pct: false, sp, line });
      sp = false;
      i++;
    } else {
      sp = true;
      i++;
    }
  }
  return out;
}
