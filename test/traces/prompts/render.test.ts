import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/chain/metrics/dates';
import { WorkbenchError } from '../../../src/core/errors';
import {
  formatPercent,
  formatValue,
  PROMPT_VERSION,
  renderPrompt,
  rowsAsOf,
  SAMPLING_DEFAULTS,
} from '../../../src/traces/prompts';
import { row } from './helpers';

const D = '2025-03-10';
const text = (req: Parameters<typeof renderPrompt>[0]): string => renderPrompt(req).messages[0].content;

describe('percentages', () => {
  it('turn fractions into percentages exactly once', () => {
    expect(formatPercent(0.985)).toBe('98.5%');
    expect(formatPercent(0.1, true)).toBe('+10.0%');
    expect(formatPercent(-0.0534, true)).toBe('-5.3%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(1)).toBe('100.0%');
    // More digits only where one decimal would hide the value: 99.99962% is not 100%, 0.04% is not 0%.
    expect(formatPercent(0.9999961887)).toBe('99.9996%');
    expect(formatPercent(0.0004, true)).toBe('+0.04%');
  });

  it('render the success rate 0.985 as 98.5% in the prompt, never 0.985, 9850% or 1.0%', () => {
    const t = text({
      task: 'analytical',
      row: row(D, { successRate: 0.985, txGrowth7dFrac: 0.123, contractCallFrac: 0.6 }),
    });
    expect(t).toContain('- successRate: 98.5% —');
    expect(t).toContain('- txGrowth7dFrac: +12.3% —');
    expect(t).toContain('- contractCallFrac: 60.0% —');
    expect(t).not.toMatch(/0\.985|9850|98500|\b1\.0%/);
  });

  it('print counts and amounts in the units of the definitions table', () => {
    const t = text({ task: 'analytical', row: row(D, { transactions: 290_895, transferredNative: 5.81098518 }) });
    expect(t).toContain('- transactions: 290,895 count/day —');
    expect(t).toContain('- transferredNative: 5.81099 ETH/day —');
    expect(t).toContain('- txVolatility7dLog: 0.050 ln units per day —');
  });
});

describe('missing values', () => {
  it('say "not available" with the reason, never 0', () => {
    const btc = row(D, {
      chain: 'bitcoin',
      nativeUnit: 'BTC',
      successRate: null,
      gasUsed: null,
      contractCalls: null,
      gasPerTx: null,
      contractCallFrac: null,
      txGrowth7dFrac: null,
    });
    const t = text({ task: 'risk', row: btc });
    expect(t).toContain(
      '- successRate: not available (not defined for bitcoin chains: confirmed transactions cannot fail) —',
    );
    expect(t).toContain('- gasUsed: not available (not defined for bitcoin chains) —');
    expect(t).toContain('- txGrowth7dFrac: not available (undefined if either day is missing or the lag is 0) —');
    expect(t).not.toMatch(/successRate: 0|gasUsed: 0|txGrowth7dFrac: [+-]?0/);
    expect(formatValue(row(D, { feesNative: null }), 'feesNative')).toBe(
      'not available (not reported by the source for this day)',
    );
  });

  it('refuse a missing day, NaN, undefined and percentages where fractions belong', () => {
    const missingDay = { ...row(D), missing: true, source: null };
    expect(() => renderPrompt({ task: 'analytical', row: missingDay })).toThrow(/missing day/);
    expect(() => renderPrompt({ task: 'analytical', row: { ...row(D), transactions: Number.NaN } })).toThrow(
      WorkbenchError,
    );
    expect(() => renderPrompt({ task: 'analytical', row: { ...row(D), txGrowth7dFrac: undefined } })).toThrow(
      /txGrowth7dFrac/,
    );
    expect(() => renderPrompt({ task: 'analytical', row: { ...row(D), successRate: 98.5 } })).toThrow(/successRate/);
  });
});

describe('no data after the row’s day', () => {
  it('rowsAsOf keeps exactly the rows on or before the day', () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({ date: addDays('2025-02-01', (i * 37) % 60), i }));
    const kept = rowsAsOf(rows, D);
    expect(kept.every((r) => r.date <= D)).toBe(true);
    expect(kept).toHaveLength(rows.filter((r) => r.date <= D).length);
    expect(kept).toHaveLength(38); // 2025-02-01 … 2025-03-10
  });

  it('a later row never reaches a prompt, whatever the history holds', () => {
    const history = [
      row(addDays(D, -2), { transactions: 111_111 }),
      row(addDays(D, -1), { transactions: 222_222 }),
      row(D, { transactions: 555_555 }),
      row(addDays(D, 1), { transactions: 987_654 }),
      row(addDays(D, 7), { transactions: 876_543, txGrowth7dFrac: 0.777 }),
    ];
    for (const task of ['predict7d', 'analytical', 'risk', 'opportunity'] as const) {
      const p = renderPrompt({ task, row: row(D), history });
      const t = p.messages[0].content;
      expect(t).toContain('111,111');
      expect(t).toContain('222,222');
      expect(t).not.toMatch(/987,654|876,543|555,555|77\.7%/);
      expect(t).not.toContain(addDays(D, 1));
      expect(p.history.map((h) => h.date)).toEqual([addDays(D, -2), addDays(D, -1)]);
    }
  });

  it('cross-chain prompts drop later rows too', () => {
    const btc = (d: string, tx: number) =>
      row(d, {
        chain: 'bitcoin',
        nativeUnit: 'BTC',
        transactions: tx,
        successRate: null,
        gasUsed: null,
        contractCalls: null,
        gasPerTx: null,
        contractCallFrac: null,
      });
    const history = [
      btc(addDays(D, -1), 333_333),
      btc(addDays(D, 3), 444_444),
      row(addDays(D, 2), { transactions: 987_654 }),
    ];
    const t = text({ task: 'crossChain', rows: [row(D), btc(D, 2000)], history });
    expect(t).not.toMatch(/987,654|444,444/);
    expect(t).toContain('## bitcoin, 2025-03-10');
    expect(t).toContain('## ethereum, 2025-03-10');
    expect(() => renderPrompt({ task: 'crossChain', rows: [row(D), btc(addDays(D, 1), 2000)] })).toThrow(/one date/);
  });
});

describe('templates', () => {
  it('are one user message, versioned, with R1 sampling (temperature 0.6, no system prompt)', () => {
    const p = renderPrompt({ task: 'opportunity', row: row(D) });
    expect(p.messages).toHaveLength(1);
    expect(p.messages[0].role).toBe('user');
    expect(p.promptVersion).toBe(PROMPT_VERSION);
    expect(p.sampling.temperature).toBe(0.6);
    expect(SAMPLING_DEFAULTS.temperature).toBe(0.6);
  });

  it('the prediction ends with the json answer-block instructions', () => {
    const t = text({ task: 'predict7d', row: row(D) });
    expect(t.trimEnd().endsWith('```')).toBe(true);
    expect(t).toContain('```json');
    expect(t).toContain('"tx_growth_7d": {"point": number, "low": number, "high": number}');
    expect(t).toContain('values as fractions (0.05 means +5%');
    const noUsers = text({
      task: 'predict7d',
      row: row(D, { activeSenders: null, userGrowth7dFrac: null, txPerSender: null }),
    });
    expect(noUsers).toContain('"direction_users": null, "user_growth_7d": null');
  });

  it('re-rendering from the rendered input and history gives the same text', () => {
    const history = [row(addDays(D, -3)), row(addDays(D, -1), { transactions: 1234 })];
    const p = renderPrompt({ task: 'predict7d', row: row(D), history });
    const again = renderPrompt({ task: 'predict7d', row: p.input, history: p.history });
    expect(again.messages[0].content).toBe(p.messages[0].content);
    expect(p.messages[0].content).toContain(`| ${addDays(D, -2)} | no data for this day |`);
  });
});
