import { describe, expect, it } from 'vitest';
import { collectChainDays, type ChainDay, type ChainMetricsSource, type DailyAggregate } from '../../src/chain';
import { addDays } from '../../src/chain/metrics';
import { days } from './metrics/helpers';

/** A source with canned aggregates per chain; a chain without them fails like a broken query. */
function fakeSource(data: Record<string, DailyAggregate[]>): ChainMetricsSource & { asked: string[] } {
  const asked: string[] = [];
  return {
    name: 'sim',
    asked,
    queryKey: (chain, from, to) => `${chain} ${from} ${to}`,
    fetchDaily: async (chain, from, toExclusive) => {
      asked.push(`${chain} ${from} ${toExclusive}`);
      const rows = data[chain];
      if (!rows) throw new Error(`query for ${chain} failed`);
      return rows;
    },
  };
}

describe('collectChainDays', () => {
  it('asks for the warm-up and the end day, and keeps the chains collected before a failure', async () => {
    const eth = days(
      '2025-01-01',
      Array.from({ length: 40 }, () => ({})),
      'ethereum',
    );
    const source = fakeSource({ ethereum: eth });
    const written: ChainDay[] = [];
    await expect(
      collectChainDays({
        source,
        chains: ['ethereum', 'bitcoin'],
        from: '2025-01-15',
        to: '2025-02-09',
        today: '2026-01-01',
        onChain: (_c, rows) => void written.push(...rows),
      }),
    ).rejects.toThrow('query for bitcoin failed');
    // 14 warm-up days before from; to + 1 exclusive.
    expect(source.asked).toEqual(['ethereum 2025-01-01 2025-02-10', 'bitcoin 2025-01-01 2025-02-10']);
    expect(written).toHaveLength(26);
    expect(written[0]?.date).toBe('2025-01-15');
    expect(written[25]?.date).toBe('2025-02-09');
    // The first window day already has its 7-day lag from the warm-up: 1000 / 1000 − 1.
    expect(written[0]?.txGrowth7dFrac).toBe(0);
  });

  it('refuses an incomplete or reversed window before any query', async () => {
    const source = fakeSource({});
    await expect(
      collectChainDays({ source, chains: ['ethereum'], from: '2025-01-01', to: '2025-06-01', today: '2025-06-01' }),
    ).rejects.toThrow('not a complete day yet');
    await expect(
      collectChainDays({ source, chains: ['ethereum'], from: '2025-02-01', to: '2025-01-01', today: '2026-01-01' }),
    ).rejects.toThrow('is before --from');
    expect(source.asked).toEqual([]);
    expect(addDays('2025-01-01', -14)).toBe('2024-12-18');
  });
});
