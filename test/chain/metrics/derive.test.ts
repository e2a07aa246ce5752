import { describe, expect, it } from 'vitest';
import { deriveChainDays, RAW_FIELDS, DERIVED_FIELDS, WARMUP_DAYS, warmupStart } from '../../../src/chain/metrics';
import { WorkbenchError } from '../../../src/core/errors';
import { agg, days } from './helpers';

/** Jan 1 … Jan 31 2024 with transactions = 100 · day-of-month. */
const january = days(
  '2024-01-01',
  Array.from({ length: 31 }, (_, i) => ({ transactions: 100 * (i + 1) })),
);

describe('date spine and window', () => {
  it('outputs exactly [from, to], the end date included, warm-up days never', () => {
    const rows = deriveChainDays(january, { from: '2024-01-15', to: '2024-01-21' });
    expect(rows.map((r) => r.date)).toEqual([
      '2024-01-15',
      '2024-01-16',
      '2024-01-17',
      '2024-01-18',
      '2024-01-19',
      '2024-01-20',
      '2024-01-21',
    ]);
    expect(deriveChainDays(january, { from: '2024-01-31', to: '2024-01-31' }).map((r) => r.date)).toEqual([
      '2024-01-31',
    ]);
  });

  it('needs 14 warm-up days: 7 for the growth lag + 7 for the regime’s prior week', () => {
    expect(WARMUP_DAYS).toBe(14);
    expect(warmupStart('2024-01-15')).toBe('2024-01-01');
    expect(warmupStart('2024-03-01')).toBe('2024-02-16'); // leap February
  });

  it('keeps a missing day missing: flagged, every value null, never zero', () => {
    const gappy = january.filter((a) => a.date !== '2024-01-17');
    const rows = deriveChainDays(gappy, { from: '2024-01-15', to: '2024-01-21' });
    expect(rows).toHaveLength(7);
    const gap = rows.find((r) => r.date === '2024-01-17')!;
    expect(gap.missing).toBe(true);
    expect(gap.source).toBeNull();
    for (const f of [...RAW_FIELDS, ...DERIVED_FIELDS]) expect(gap[f], f).toBeNull();
    expect(gap.regime).toBeNull();
    expect(gap.regimeReason).toBe('no data for this day');
    expect(rows.filter((r) => r.missing)).toHaveLength(1);
  });

  it('outputs all-missing rows for a requested chain without data, and none for chains not asked', () => {
    const rows = deriveChainDays(january, { from: '2024-01-20', to: '2024-01-21', chains: ['bitcoin'] });
    expect(rows.map((r) => `${r.chain} ${r.date} ${r.missing}`)).toEqual([
      'bitcoin 2024-01-20 true',
      'bitcoin 2024-01-21 true',
      'ethereum 2024-01-20 false',
      'ethereum 2024-01-21 false',
    ]);
    expect(rows[0]!.nativeUnit).toBe('BTC');
  });

  it('gives the same rows for unsorted input', () => {
    const shuffled = [...january].reverse();
    shuffled.push(shuffled.splice(3, 1)[0]!);
    expect(deriveChainDays(shuffled, { from: '2024-01-15', to: '2024-01-31' })).toEqual(
      deriveChainDays(january, { from: '2024-01-15', to: '2024-01-31' }),
    );
  });

  it('rejects two rows for one chain and day, naming both', () => {
    const dup = [...january, agg('2024-01-10', { transactions: 5 })];
    expect(() => deriveChainDays(dup, { from: '2024-01-15', to: '2024-01-21' })).toThrow(WorkbenchError);
    expect(() => deriveChainDays(dup, { from: '2024-01-15', to: '2024-01-21' })).toThrow(
      /chain ethereum on 2024-01-10/,
    );
    // The same day on two chains is fine.
    expect(() =>
      deriveChainDays([agg('2024-01-10'), agg('2024-01-10', { chain: 'base' })], {
        from: '2024-01-10',
        to: '2024-01-10',
      }),
    ).not.toThrow();
  });

  it('rejects invalid aggregates, unknown chains and inverted windows with WorkbenchError', () => {
    const w = { from: '2024-01-15', to: '2024-01-21' };
    expect(() => deriveChainDays([agg('2024-01-15', { transactions: -1 })], w)).toThrow(WorkbenchError);
    expect(() => deriveChainDays([agg('2024-13-45')], w)).toThrow(WorkbenchError);
    expect(() => deriveChainDays([agg('2024-01-15', { chain: 'dogecoin' })], w)).toThrow(/unknown chain "dogecoin"/);
    expect(() => deriveChainDays(january, { from: '2024-01-21', to: '2024-01-15' })).toThrow(WorkbenchError);
    expect(() => deriveChainDays(january, { from: "2024-01-15' OR 1=1", to: '2024-01-21' })).toThrow(WorkbenchError);
  });
});

describe('7-day growth', () => {
  it('uses the warm-up for the first 7 days of the window (value_t / value_{t−7} − 1)', () => {
    const rows = deriveChainDays(january, { from: '2024-01-15', to: '2024-01-22' });
    // transactions on day d are 100·d, so growth = d / (d − 7) − 1 = 7 / (d − 7).
    const expected = [7 / 8, 7 / 9, 7 / 10, 7 / 11, 7 / 12, 7 / 13, 7 / 14, 7 / 15];
    rows.forEach((r, i) => expect(r.txGrowth7dFrac).toBeCloseTo(expected[i]!, 12));
    expect(rows[0]!.txGrowth7dFrac).toBeCloseTo(0.875, 12); // 1500 / 800 − 1
    expect(rows[6]!.txGrowth7dFrac).toBeCloseTo(0.5, 12); // 2100 / 1400 − 1
  });

  it('is null (never 0) when the lag day is missing, inside or before the window', () => {
    const noWarmup = january.filter((a) => a.date >= '2024-01-15');
    const rows = deriveChainDays(noWarmup, { from: '2024-01-15', to: '2024-01-22' });
    expect(rows.slice(0, 7).map((r) => r.txGrowth7dFrac)).toEqual([null, null, null, null, null, null, null]);
    expect(rows[7]!.txGrowth7dFrac).toBeCloseTo(2200 / 1500 - 1, 12);

    const gappy = january.filter((a) => a.date !== '2024-01-09' && a.date !== '2024-01-16');
    const g = deriveChainDays(gappy, { from: '2024-01-15', to: '2024-01-24' });
    const byDate = Object.fromEntries(g.map((r) => [r.date, r]));
    expect(byDate['2024-01-16']!.txGrowth7dFrac).toBeNull(); // the day itself is missing
    expect(byDate['2024-01-16']!.missing).toBe(true);
    expect(byDate['2024-01-23']!.missing).toBe(false);
    expect(byDate['2024-01-23']!.txGrowth7dFrac).toBeNull(); // its lag (16th) is missing
    expect(byDate['2024-01-24']!.txGrowth7dFrac).toBeCloseTo(2400 / 1700 - 1, 12);
  });

  it('computes users (active senders) and volume (transferred native) growth the same way', () => {
    const rows = days('2024-05-01', [
      { activeSenders: 200, transferredNative: 40 },
      null,
      null,
      null,
      null,
      null,
      null,
      { activeSenders: 150, transferredNative: 50 },
    ]);
    const [r] = deriveChainDays(rows, { from: '2024-05-08', to: '2024-05-08' });
    expect(r!.userGrowth7dFrac).toBeCloseTo(-0.25, 12); // 150 / 200 − 1
    expect(r!.volumeGrowth7dFrac).toBeCloseTo(0.25, 12); // 50 / 40 − 1
  });

  it('is null when the lag is 0, and −1 when today is 0', () => {
    const rows = days('2024-05-01', [
      { transactions: 0, transferredNative: 10 },
      null,
      null,
      null,
      null,
      null,
      null,
      { transactions: 5, transferredNative: 0 },
    ]);
    const [r] = deriveChainDays(rows, { from: '2024-05-08', to: '2024-05-08' });
    expect(r!.txGrowth7dFrac).toBeNull();
    expect(r!.volumeGrowth7dFrac).toBe(-1);
  });
});

describe('volatility', () => {
  // Alternating 100, 200: seven log changes ±ln 2 (4 up, 3 down). Mean ln2/7; squared deviations
  // sum to 4·(6/7)² + 3·(8/7)² = 336/49 (in ln2² units); / 6 → 8/7; std = ln 2 · √(8/7) ≈ 0.741006.
  const HAND = Math.LN2 * Math.sqrt(8 / 7);
  const alternating = (scale: number) =>
    days(
      '2024-06-01',
      Array.from({ length: 8 }, (_, i) => ({
        transactions: (i % 2 ? 200 : 100) * scale,
        transferredNative: (i % 2 ? 2 : 1) * scale * 0.001,
      })),
    );

  it('is the sample std of the 7 daily log changes ending at t', () => {
    const [r] = deriveChainDays(alternating(1), { from: '2024-06-08', to: '2024-06-08' });
    expect(HAND).toBeCloseTo(0.741006, 6);
    expect(r!.txVolatility7dLog).toBeCloseTo(HAND, 12);
    expect(r!.volumeVolatility7dLog).toBeCloseTo(HAND, 12);
  });

  it('is scale-free: the series times 1000 gives the same value', () => {
    const [a] = deriveChainDays(alternating(1), { from: '2024-06-08', to: '2024-06-08' });
    const [b] = deriveChainDays(alternating(1000), { from: '2024-06-08', to: '2024-06-08' });
    expect(b!.txVolatility7dLog).toBeCloseTo(a!.txVolatility7dLog!, 12);
    expect(b!.volumeVolatility7dLog).toBeCloseTo(a!.volumeVolatility7dLog!, 12);
    expect(b!.txGrowth7dFrac).toBeCloseTo(a!.txGrowth7dFrac!, 12);
  });

  it('needs exactly the 8 days t−7 … t present, and nothing before', () => {
    const eight = alternating(1);
    const [without7] = deriveChainDays(eight.slice(1), { from: '2024-06-08', to: '2024-06-08' });
    expect(without7!.txVolatility7dLog).toBeNull();
    const [withoutMid] = deriveChainDays(
      eight.filter((a) => a.date !== '2024-06-04'),
      { from: '2024-06-08', to: '2024-06-08' },
    );
    expect(withoutMid!.txVolatility7dLog).toBeNull();
    // A gap at t−8 does not matter: the window is t−7 … t.
    const earlier = [agg('2024-05-30', { transactions: 1 }), ...eight];
    const [r] = deriveChainDays(earlier, { from: '2024-06-08', to: '2024-06-08' });
    expect(r!.txVolatility7dLog).toBeCloseTo(HAND, 12);
  });

  it('is 0 for a constant growth rate and null if a day is 0 (log undefined)', () => {
    const steady = days(
      '2024-06-01',
      Array.from({ length: 8 }, (_, i) => ({ transactions: 1000 * 2 ** i })),
    );
    const [r] = deriveChainDays(steady, { from: '2024-06-08', to: '2024-06-08' });
    expect(r!.txVolatility7dLog).toBeCloseTo(0, 12);
    const zero = steady.map((a) => (a.date === '2024-06-05' ? { ...a, transferredNative: 0 } : a));
    const [z] = deriveChainDays(zero, { from: '2024-06-08', to: '2024-06-08' });
    expect(z!.volumeVolatility7dLog).toBeNull();
  });
});

describe('ratios', () => {
  it('divides by the day’s transactions or senders, null when undefined', () => {
    const [r] = deriveChainDays(
      [
        agg('2024-07-01', {
          transactions: 1000,
          feesNative: 10,
          transferredNative: 5000,
          activeSenders: 250,
          gasUsed: 2e6,
          contractCalls: 600,
        }),
      ],
      {
        from: '2024-07-01',
        to: '2024-07-01',
      },
    );
    expect(r!.feesPerTxNative).toBeCloseTo(0.01, 12);
    expect(r!.valuePerTxNative).toBeCloseTo(5, 12);
    expect(r!.txPerSender).toBeCloseTo(4, 12);
    expect(r!.gasPerTx).toBeCloseTo(2000, 12);
    expect(r!.contractCallFrac).toBeCloseTo(0.6, 12);
    const [btc] = deriveChainDays(
      [agg('2024-07-01', { chain: 'bitcoin', gasUsed: null, contractCalls: null, successRate: null })],
      { from: '2024-07-01', to: '2024-07-01' },
    );
    expect([btc!.gasPerTx, btc!.contractCallFrac, btc!.successRate]).toEqual([null, null, null]);
    const [empty] = deriveChainDays([agg('2024-07-01', { transactions: 0 })], { from: '2024-07-01', to: '2024-07-01' });
    expect(empty!.feesPerTxNative).toBeNull();
  });
});
