import { describe, expect, it } from 'vitest';
import { analyse, readPrompt, signals } from '../../../src/traces/server';
import { jsonBlock, metricsPrompt } from './helpers';

describe('readPrompt', () => {
  it('reads metric lines with signs, separators, percentages and missing values', () => {
    const f = readPrompt(metricsPrompt());
    expect(f.date).toBe('2025-01-15');
    expect(f.chain).toBe('ethereum');
    expect(f.regime).toBe('bull');
    expect(Object.fromEntries(f.metrics)).toEqual({
      transactions: 1234567,
      activeSenders: 456789,
      txGrowth7dFrac: 0.052,
      userGrowth7dFrac: -0.031,
      txVolatility7dLog: 0.081,
    });
    expect(f.missing).toEqual(['volumeGrowth7dFrac']);
  });

  it('reads JSON, key = value and table rows, and finds the growth signals by name', () => {
    const json = readPrompt(
      '{"chain": "bitcoin", "date": "2024-07-03", "transactions": 512000, "txGrowth7dFrac": -0.12, "userGrowth7dFrac": 1.5e-2, "successRate": null}',
    );
    expect(json.chain).toBe('bitcoin');
    expect(signals(json)).toMatchObject({
      txGrowth: { value: -0.12 },
      userGrowth: { value: 0.015 },
      transactions: { value: 512000 },
    });
    expect(json.missing).toEqual(['successRate']);
    const table = readPrompt(
      '| metric | value |\n|---|---|\n| tx growth (7d) | +4.0% |\n| user growth (7d) | −2.5% |\n| volatility | 0.21 |\nchain = near, as of 2025-03-01',
    );
    expect(signals(table)).toMatchObject({
      txGrowth: { value: 0.04 },
      userGrowth: { value: -0.025 },
      volatility: { value: 0.21 },
    });
    expect([table.chain, table.date]).toEqual(['near', '2025-03-01']);
  });

  it('gives an answer even when no metric is recognised, and nulls the user fields when the prompt asks for it', () => {
    const none = analyse('Tell me about the market.', 'good', 5);
    expect(jsonBlock(none.answer)).toMatchObject({ direction_tx: 'flat' });
    const noUsers = analyse(
      `${metricsPrompt()}\nThe user fields must be null: "direction_users": null, "user_growth_7d": null`,
      'good',
      5,
    );
    expect(jsonBlock(noUsers.answer)).toMatchObject({ direction_users: null, user_growth_7d: null });
  });
});
