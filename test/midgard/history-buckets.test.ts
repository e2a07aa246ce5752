import { describe, expect, it } from 'vitest';
import { bucketNext, bucketStart, resolveBuckets } from '../../src/midgard/server/buckets';

const t = (iso: string) => Date.parse(iso) / 1000;

describe("Midgard's history buckets", () => {
  it('align to UTC boundaries: weeks on Monday, months, quarters and years on the calendar', () => {
    const x = t('2024-09-20T11:46:30Z'); // a Friday
    expect(bucketStart(x, '5min')).toBe(t('2024-09-20T11:45:00Z'));
    expect(bucketStart(x, 'hour')).toBe(t('2024-09-20T11:00:00Z'));
    expect(bucketStart(x, 'day')).toBe(t('2024-09-20T00:00:00Z'));
    expect(bucketStart(x, 'week')).toBe(t('2024-09-16T00:00:00Z'));
    expect(bucketStart(x, 'month')).toBe(t('2024-09-01T00:00:00Z'));
    expect(bucketStart(x, 'quarter')).toBe(t('2024-07-01T00:00:00Z'));
    expect(bucketStart(x, 'year')).toBe(t('2024-01-01T00:00:00Z'));
    expect(bucketNext(t('2024-02-01T00:00:00Z'), 'month')).toBe(t('2024-03-01T00:00:00Z'));
    expect(bucketNext(t('2024-10-01T00:00:00Z'), 'quarter')).toBe(t('2025-01-01T00:00:00Z'));
    expect(bucketNext(t('2024-09-16T00:00:00Z'), 'week')).toBe(t('2024-09-23T00:00:00Z'));
  });

  it('resolve from/to/count like Midgard, clamped to the chain', () => {
    const chain = { genesis: t('2024-09-20T11:46:30Z'), now: t('2024-09-25T08:00:00Z') };
    const q = (s: string) =>
      resolveBuckets(new URLSearchParams(s), chain).map(([s0]) => new Date(s0 * 1000).toISOString().slice(0, 10));
    expect(q('interval=day')).toEqual([
      '2024-09-20',
      '2024-09-21',
      '2024-09-22',
      '2024-09-23',
      '2024-09-24',
      '2024-09-25',
    ]);
    expect(q('interval=day&count=2')).toEqual(['2024-09-24', '2024-09-25']);
    expect(q(`interval=day&from=${t('2024-09-21T12:00:00Z')}&count=2`)).toEqual(['2024-09-21', '2024-09-22']);
    expect(q(`interval=day&to=${t('2024-09-23T00:00:00Z')}&count=2`)).toEqual(['2024-09-21', '2024-09-22']);
    expect(q(`interval=day&to=${t('2024-09-23T00:00:01Z')}&count=2`)).toEqual(['2024-09-22', '2024-09-23']);
    expect(q(`interval=day&from=${t('2024-09-22T00:00:00Z')}&to=${t('2024-09-23T23:00:00Z')}`)).toEqual([
      '2024-09-22',
      '2024-09-23',
    ]);
    expect(q(`interval=day&count=10&to=${t('2024-09-22T00:00:00Z')}`)).toEqual(['2024-09-20', '2024-09-21']);
    expect(q('interval=week')).toEqual(['2024-09-16', '2024-09-23']);
    expect(resolveBuckets(new URLSearchParams('from=5&to=9'), chain)).toEqual([[5, 9]]);
  });
});
