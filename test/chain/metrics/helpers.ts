import type { DailyAggregate, IsoDate } from '../../../src/chain/daily';
import { addDays } from '../../../src/chain/metrics/dates';

/** One plausible EVM-like day; override what a test is about. */
export function agg(date: IsoDate, over: Partial<DailyAggregate> = {}): DailyAggregate {
  return {
    chain: 'ethereum',
    date,
    source: 'sim',
    transactions: 1000,
    activeSenders: 100,
    activeReceivers: 150,
    successRate: 0.98,
    feesNative: 10,
    transferredNative: 5000,
    gasUsed: 2_000_000,
    contractCalls: 600,
    ...over,
  };
}

/** Consecutive days from `start`; a null entry is a day with no row at all. */
export function days(
  start: IsoDate,
  rows: readonly (Partial<DailyAggregate> | null)[],
  chain = 'ethereum',
): DailyAggregate[] {
  const out: DailyAggregate[] = [];
  rows.forEach((r, i) => {
    if (r) out.push(agg(addDays(start, i), { chain, ...r }));
  });
  return out;
}

/** start · factor^k for k = 0 … n−1. */
export function geometric(start: number, factor: number, n: number): number[] {
  return Array.from({ length: n }, (_, k) => start * factor ** k);
}
