import { describe, expect, it } from 'vitest';
import { loadPriceCsv, parsePriceCsv } from '../../src/market';
import { isWorkbenchError } from '../../src/core';
import { ROOT } from '../helpers/cli';

const catchErr = (f: () => unknown): Error => {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
};

describe('price loader', () => {
  it('reads the Kaggle layout (newest first, M/D/YY, years in blocks) into ascending bars and reports gaps and odd bars', () => {
    const s = loadPriceCsv(`${ROOT}/data/fixtures/prices/BTC-daily.csv`);
    expect(s.symbol).toBe('BTC');
    expect(s.report.order).toBe('mixed');
    expect(s.report.first).toBe('2018-01-01');
    expect(s.report.last).toBe('2023-05-31');
    expect(s.bars.every((b, i) => i === 0 || (s.bars[i - 1] as { date: string }).date < b.date)).toBe(true);
    // The file lacks 2022-01-01, 2022-01-02 and 2022-12-31; nothing is filled in.
    expect(s.report.gaps).toEqual([
      { after: '2021-12-31', before: '2022-01-03', missingDays: 2 },
      { after: '2022-12-30', before: '2023-01-01', missingDays: 1 },
    ]);
    expect(s.bars).toHaveLength(1974);
    // 2018-03-29 closes at 6846 below its low of 6916: kept as published, reported.
    expect(s.report.inconsistent).toContain('2018-03-29');
    expect(s.bars.find((b) => b.date === '2018-01-01')).toEqual({
      date: '2018-01-01',
      open: 13996,
      high: 14035,
      low: 12860,
      close: 13535,
      volume: null,
    });
  });
  it('takes XRP from the file named XPR', () => {
    expect(loadPriceCsv(`${ROOT}/data/fixtures/prices/XPR-daily.csv`).symbol).toBe('XRP');
  });
  it('reads ISO dates and volume in ascending order, drops later duplicates and says whether they matched', () => {
    const csv =
      'Date,Open,High,Low,Close,Volume\n2024-01-01,1,2,1,2,10\n2024-01-02,2,3,2,3,20\n2024-01-02,2,3,2,2.5,20\n2024-01-05,3,3,2,2,5\n';
    const s = parsePriceCsv(csv, 'x.csv');
    expect(s.report.order).toBe('ascending');
    expect(s.bars.map((b) => b.close)).toEqual([2, 3, 2]);
    expect(s.report.duplicates).toEqual([{ date: '2024-01-02', kept: 'first', identical: false }]);
    expect(s.report.gaps).toEqual([{ after: '2024-01-02', before: '2024-01-05', missingDays: 2 }]);
    expect(s.bars[0]?.volume).toBe(10);
  });
  it('maps columns and reads day-first dates when told', () => {
    const csv = 'Day;x,O,H,L,Adj Close\n13/02/24,1,2,1,2\n12/02/24,1,2,1,1.5\n'.replace(';x', '');
    const s = parsePriceCsv(csv, 'y.csv', {
      columns: { date: 'Day', open: 'O', high: 'H', low: 'L', close: 'Adj Close' },
      dateFormat: 'dmy',
    });
    expect(s.bars.map((b) => [b.date, b.close])).toEqual([
      ['2024-02-12', 1.5],
      ['2024-02-13', 2],
    ]);
    expect(s.report.order).toBe('descending');
  });
  it('rejects a missing column, an impossible date and a non-positive price with the fix', () => {
    const e1 = catchErr(() => parsePriceCsv('date,open,high,low\n2024-01-01,1,1,1\n', 'a.csv'));
    expect(isWorkbenchError(e1) && e1.message).toContain('no column "close"');
    const e2 = catchErr(() => parsePriceCsv('date,open,high,low,close\n2/30/24,1,1,1,1\n', 'b.csv'));
    expect(isWorkbenchError(e2) && e2.message).toContain('b.csv line 2');
    expect(isWorkbenchError(e2) && e2.hint).toContain('--date-format');
    const e3 = catchErr(() => parsePriceCsv('date,open,high,low,close\n2024-01-01,1,1,1,0\n', 'c.csv'));
    expect(isWorkbenchError(e3) && e3.message).toContain('close');
  });
});
