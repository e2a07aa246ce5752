import { describe, expect, it } from 'vitest';
import { scoreCompletion } from '../../src/rewards';
import { readReasoning, reasoningLines, spaceCount } from '../../src/rewards/input';
import { lex } from '../../src/rewards/text/lex';

/** The shortcuts the fast path takes (docs/rewards-speed.md) give what the plain definitions give. */
describe('reward hot path', () => {
  it('counts spaces and line breaks exactly, whatever the length and the characters around them', () => {
    expect(spaceCount('')).toBe(0);
    expect(spaceCount('a b\nc')).toBe(2);
    // 3,000 words cross the 255-word flush of the four-byte counter many times; the tail is not a multiple of 4.
    expect(spaceCount(`${'word '.repeat(3000)}é≈😀 x\n`)).toBe(3002);
    // U+2020 and U+0120 hold 0x20 in their UTF-16 or UTF-8 form but are no spaces; tabs and NBSP do not count.
    expect(spaceCount('\u2020\u0120\u200a\t\u00a0\u0a0a')).toBe(0);
    expect(spaceCount(' \n'.repeat(1001))).toBe(2002);
    // Longer than the first buffer (64 KiB of UTF-8), at every length modulo 4, then short again.
    for (const extra of [0, 1, 2, 3]) expect(spaceCount(`${'ab c\n'.repeat(20000)}${'x'.repeat(extra)}`)).toBe(40000);
    expect(spaceCount('a b')).toBe(1);
  });

  it('reads the values of each prompt row, not those of an earlier completion with the same history', () => {
    const history = [{ transactions: 900 }];
    const prompt = 'the same prompt text';
    const score = (transactions: number) =>
      scoreCompletion({
        task: 'analytical',
        reasoning: '',
        answer: 'transactions: 1,000',
        rows: [{ transactions }],
        history,
        prompt,
      }).components.citation.details;
    expect(score(1000)).toMatchObject({ quotes: 1, invalid: 0 });
    expect(score(2000)).toMatchObject({ quotes: 0, invalid: 1 });
    // The same row object with another history: 900 is last week's count in one, a number from nowhere in the other.
    const row = { transactions: 1000 };
    const calc = (h: readonly { transactions: number }[]) =>
      scoreCompletion({ task: 'analytical', reasoning: '', answer: '1,000 / 900 = 1.11', rows: [row], history: h })
        .components.calculation.details;
    expect(calc(history)).toMatchObject({ credited: 1, ungrounded: 0 });
    expect(calc([{ transactions: 800 }])).toMatchObject({ credited: 0, ungrounded: 1 });
    expect(calc(history)).toMatchObject({ credited: 1, ungrounded: 0 });
  });

  it("reads every numeral as the double JavaScript's own Number() parses (the fast path for short decimals included)", () => {
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    const digits = (n: number): string => Array.from({ length: n }, () => String(rnd(10))).join('');
    for (let k = 0; k < 4000; k++) {
      const int = digits(1 + rnd(19));
      const frac = rnd(3) ? `.${digits(1 + rnd(18))}` : '';
      const exp = rnd(4) ? '' : `e${rnd(2) ? '-' : ''}${rnd(30)}`;
      const text = `${int}${frac}${exp}`;
      const [t] = lex(text);
      expect(t?.k, text).toBe('n');
      expect(t?.v, text).toBe(Number(text));
    }
    // Comma groups: the value of the digits without them.
    expect(lex('1,234,567.891')[0]?.v).toBe(1234567.891);
    expect(lex('9,007,199,254,740,993')[0]?.v).toBe(Number('9007199254740993'));
  });

  it('reads the same reasoning lines and length from one encoding as the two plain passes do', () => {
    // Hand-read: the lines with =, ~ or ≈ (U+2248), in order, once each; words are spaces plus line breaks.
    expect(readReasoning('a = 1\nno sign here\nb ~ 2 = 3\n= at the start')).toEqual({
      lines: 'a = 1\nb ~ 2 = 3\n= at the start',
      words: 14,
    });
    expect(readReasoning('x \u2248 2\ny = 1\n')).toEqual({ lines: 'x \u2248 2\ny = 1', words: 6 });
    // Two bytes per character in V8 (cut from a text with a "—" in it), all ASCII: the fast branch.
    const wide = 'one = 1\ntwo\n~ three —'.slice(0, -2);
    expect(readReasoning(wide)).toEqual({ lines: 'one = 1\n~ three', words: 5 });
    let seed = 3;
    const pick = (xs: readonly string[]): string => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return xs[Math.floor((seed / 2147483648) * xs.length)] as string;
    };
    const pieces = ['a', ' ', '\n', '=', '~', '\u2248', '\u2243', '\u223c', '\u2014', 'word', '\n\n', '1'];
    for (let k = 0; k < 500; k++) {
      const ascii = k % 2 === 0;
      const text = Array.from({ length: 1 + (k % 97) }, () => pick(ascii ? pieces.slice(0, 5) : pieces)).join('');
      expect(readReasoning(text), JSON.stringify(text)).toEqual({
        lines: reasoningLines(text),
        words: spaceCount(text),
      });
    }
  });
});
