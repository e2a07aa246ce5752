import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/chain/metrics/dates';
import { joinOutcomes, toGrpo } from '../../../src/traces/dataset';
import { row, trace } from '../prompts/helpers';

const D = '2025-03-10';

describe('joinOutcomes', () => {
  const rec = toGrpo(trace({ task: 'predict7d', row: row(D, { transactions: 1000, activeSenders: 100 }) }), 'p1');

  it('fills the realised 7-day change from the row 7 days later, over the record’s own row', () => {
    const rows = [
      // Rows on or before the record's day must be ignored, whatever they say.
      row(addDays(D, -7), { transactions: 1 }),
      row(D, { transactions: 999_999, activeSenders: 1 }),
      row(addDays(D, 3), { transactions: 5000 }),
      row(addDays(D, 7), { transactions: 1250, activeSenders: 99, txGrowth7dFrac: 0.3 }),
    ];
    const { records, summary } = joinOutcomes([rec], rows);
    // 1250 / 1000 − 1 = +25% (up); 99 / 100 − 1 = −1% (flat, inside ±2%).
    expect(records[0]?.outcome).toMatchObject({
      date_end: '2025-03-17',
      tx_growth_7d: 0.25,
      direction_tx: 'up',
      direction_users: 'flat',
    });
    expect(records[0]?.outcome?.user_growth_7d).toBeCloseTo(-0.01, 12);
    expect(records[0]?.outcome_reason).toBeNull();
    expect(summary).toEqual({ joined: 1, missing: {} });
    expect(rec.outcome).toBeNull(); // the input is not mutated
  });

  it('leaves the outcome null with a reason when the later day is absent or missing', () => {
    const none = joinOutcomes([rec], [row(D), row(addDays(D, -7))]);
    expect(none.records[0]?.outcome).toBeNull();
    expect(none.records[0]?.outcome_reason).toBe('no row for ethereum 2025-03-17');
    expect(none.summary.missing).toEqual({ 'no row for ethereum': 1 });
    const missingDay = { ...row(addDays(D, 7)), missing: true, source: null, transactions: null, activeSenders: null };
    expect(joinOutcomes([rec], [missingDay]).records[0]?.outcome_reason).toBe('ethereum 2025-03-17 is a missing day');
    const otherChain = row(addDays(D, 7), { chain: 'base', transactions: 5 });
    expect(joinOutcomes([rec], [otherChain]).records[0]?.outcome).toBeNull();
  });
});
