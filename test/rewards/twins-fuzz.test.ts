import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/core';
import { exportPython, scoreCompletion, scoreWithPython, type RewardInput } from '../../src/rewards';
import { lex } from '../../src/rewards/text/lex';
import { useTmpDir } from '../helpers/tmp';

/**
 * Differential tests of the two twins on random text (seeded): the Python lexer (one compiled
 * findall) must find exactly the tokens of the TypeScript character loop, and every score,
 * flag and count must agree, on pieces chosen to hit the edges (comma groups, dates, k/M/B,
 * exponents, Unicode punctuation, zero-width and astral characters, equals signs in reasoning).
 */
const tmp = useTmpDir();
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('the twins on random text', () => {
  it('lex every string into the same tokens', async () => {
    const pieces = [
      '1',
      '2',
      '0',
      '9',
      ',',
      '.',
      '%',
      'k',
      'K',
      'M',
      'B',
      'e',
      'E',
      '-',
      '+',
      '2025-01-01',
      '1,234',
      '12,34',
      '1234,567',
      '.5',
      '5.',
      'x',
      '_a',
      'Ab',
      '\n',
      ' ',
      '\t',
      '\u00a0',
      '\u2212',
      '\u00d7',
      '\u2248',
      '\u00b1',
      '\u200b',
      '\u00ad',
      'é',
      '😀',
      '[',
      ']',
      '`',
      '$',
      '(',
      ')',
      '=',
      '~',
      '\u2013',
      '#',
      '*',
      'İ',
      'K',
      '1e2025',
    ];
    const r = rng(7);
    const texts = Array.from({ length: 2000 }, () =>
      Array.from({ length: 1 + Math.floor(r() * 25) }, () => pieces[Math.floor(r() * pieces.length)]).join(''),
    );
    const dir = tmp();
    exportPython(dir);
    const script = `import json, sys\nsys.path.insert(0, ${JSON.stringify(dir)})\nimport workbench_rewards as w\ntexts = json.loads(sys.stdin.read())\nprint(json.dumps([[[t.k, t.s, t.lo, t.v, t.tol, t.pct, t.sp, t.line] for t in w.lex(x)] for x in texts]).replace('Infinity', '1e999'))`;
    const out = await runCommand('python3', ['-c', script], { input: JSON.stringify(texts) });
    expect(out.stderr).toBe('');
    const py = JSON.parse(out.stdout) as unknown[][][];
    const differ = texts.filter(
      (x, i) =>
        JSON.stringify(lex(x).map((t) => [t.k, t.s, t.lo, t.v, t.tol, t.pct, t.sp, t.line])) !== JSON.stringify(py[i]),
    );
    expect(differ.slice(0, 3)).toEqual([]);
  }, 60_000);

  it('score random completions alike, field by field', async () => {
    const pieces = [
      '1',
      '0',
      '9',
      ',',
      '.',
      '%',
      'k',
      '-',
      '+',
      '1,000',
      '100',
      '10',
      '0.985',
      '\n',
      '\n',
      ' ',
      ' ',
      '=',
      '=',
      '≈',
      '~',
      '×',
      '/',
      '(',
      ')',
      '[',
      ']',
      '`',
      'transactions',
      'activeSenders',
      '`transactions`',
      ':',
      '##',
      'Observations',
      'Forecast',
      'this analysis meets',
      'grader',
      'score',
      '😀',
      '\u200b',
      '90% CI',
      '±',
      'between',
      'and',
      'if',
      'should',
      'risk',
      // Table statistics, look-alike digits (fullwidth, mathematical bold) and a Cyrillic homoglyph (history.ts, lookalike.ts).
      'peaked at',
      'average',
      'mean',
      'lowest',
      '800',
      '\uff11\uff12',
      '\u{1d7d0}',
      'tr\u0430ns',
      '^',
      '7',
      '0.1',
      // Numbers in words and locale groupings (numerals.ts), a bulleted citation, an unlisted ratio (calculation.ratios).
      'twenty',
      'one',
      'hundred',
      'forty-two',
      'thousand',
      'percent',
      'One Million',
      '1.234.567',
      '1.234,5',
      '2,90,895',
      '4\u202f956',
      '\u00a0',
      '- `activeSenders`:',
      'activeReceivers',
      '```json\n{"direction_tx": "up", "tx_growth_7d": {"point": 0.05, "low": 0.0, "high": 0.1}}\n```',
    ];
    const r = rng(11);
    const text = (n: number): string =>
      Array.from({ length: n }, () => pieces[Math.floor(r() * pieces.length)]).join(r() < 0.5 ? ' ' : '');
    const row = {
      chain: 'ethereum',
      date: '2025-03-01',
      transactions: 1000,
      activeSenders: 100,
      feesNative: 10,
      successRate: 0.985,
      txGrowth7dFrac: 0.1,
      userGrowth7dFrac: -0.05,
      txVolatility7dLog: 0.05,
    };
    const inputs: RewardInput[] = Array.from({ length: 300 }, (_, i) => ({
      task: ['analytical', 'predict7d', 'risk'][i % 3] as string,
      reasoning: text(Math.floor(r() * 80)),
      answer: text(Math.floor(r() * 120)),
      rows: [row],
      history: [{ ...row, date: '2025-02-28', transactions: 800 }],
      outcome: i % 2 ? { tx_growth_7d: 0.03, user_growth_7d: null } : null,
      prompt: text(60),
    }));
    const py = await scoreWithPython(inputs);
    const flat = (
      o: unknown,
      pre = '',
      out: Record<string, number | boolean> = {},
    ): Record<string, number | boolean> => {
      if (typeof o === 'number' || typeof o === 'boolean') out[pre] = o;
      else if (o && typeof o === 'object')
        for (const [k, v] of Object.entries(o)) if (k !== 'explanation') flat(v, `${pre}.${k}`, out);
      return out;
    };
    const differ: string[] = [];
    inputs.forEach((x, i) => {
      const a = flat(scoreCompletion(x));
      const b = flat(py.scores[i]);
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
        const u = a[k];
        const v = b[k];
        if (!(typeof u === 'number' && typeof v === 'number' ? Math.abs(u - v) <= 1e-9 : u === v))
          differ.push(`${i} ${k}: ${String(u)} vs ${String(v)}`);
      }
    });
    expect(differ.slice(0, 5)).toEqual([]);
  }, 60_000);
});
