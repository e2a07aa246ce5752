import { describe, expect, it, vi } from 'vitest';
import { FLIPSIDE_CHAINS, type FlipsideChain } from '../../../src/chain/chains';
import { DailyAggregateSchema } from '../../../src/chain/daily';
import { ChainDaySimulator, REGIMES, SIM_EPOCH, simAggregate, type SimDailyRow } from '../../../src/chain/sim';
import { DAILY_COLUMNS } from '../../../src/chain/sql';
import { WorkbenchError } from '../../../src/core/errors';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const days = (from: string, n: number) =>
  Array.from({ length: n }, (_, i) =>
    new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
  );

describe('simulated daily aggregates', () => {
  it('is deterministic by seed and differs across seeds', () => {
    const a = new ChainDaySimulator({ seed: 11 }).rows('ethereum', '2024-01-01', '2024-03-01');
    const b = new ChainDaySimulator({ seed: 11 }).rows('ethereum', '2024-01-01', '2024-03-01');
    const c = new ChainDaySimulator({ seed: 12 }).rows('ethereum', '2024-01-01', '2024-03-01');
    expect(a.length).toBeGreaterThan(50);
    expect(b).toEqual(a);
    expect(c.map((r) => r.transactions)).not.toEqual(a.map((r) => r.transactions));
  });

  it('gives the same row for a day whatever range is asked for', () => {
    const sim = new ChainDaySimulator({ seed: 5 });
    const wide = sim.rows('near', '2023-06-01', '2024-06-01');
    const narrow = sim.rows('near', '2024-01-10', '2024-01-20');
    const byDay = new Map(wide.map((r) => [r.day, r]));
    expect(narrow.length).toBeGreaterThan(5);
    for (const r of narrow) expect(byDay.get(r.day)).toEqual(r);
    for (const r of narrow) expect(sim.row('near', r.day)).toEqual(r);
  });

  it('does not depend on the order in which paths were first computed (fresh module, late range first)', async () => {
    const early = new ChainDaySimulator({ seed: 77 }).rows('base', '2024-02-01', '2024-02-15');
    vi.resetModules();
    const fresh = (await import('../../../src/chain/sim')) as typeof import('../../../src/chain/sim');
    const sim = new fresh.ChainDaySimulator({ seed: 77 });
    const late = sim.rows('base', '2025-05-01', '2025-05-03');
    expect(late.length).toBeGreaterThan(0);
    expect(sim.rows('base', '2024-02-01', '2024-02-15')).toEqual(early);
  });

  it('returns exactly the Flipside daily columns, valid as raw daily aggregates, with nulls where undefined', () => {
    const sim = new ChainDaySimulator({ seed: 3 });
    for (const chain of FLIPSIDE_CHAINS) {
      const rows = sim.rows(chain, '2024-09-01', '2024-10-01');
      expect(rows.length).toBeGreaterThan(20);
      for (const r of rows) {
        expect(Object.keys(r)).toEqual([...DAILY_COLUMNS]);
        const agg = DailyAggregateSchema.safeParse(simAggregate(chain, r));
        expect(agg.success, `${chain} ${r.day}`).toBe(true);
        expect(r.active_senders).toBeLessThanOrEqual(r.transactions);
        if (r.contract_calls !== null) expect(r.contract_calls).toBeLessThanOrEqual(r.transactions);
      }
    }
    const btc = sim.rows('bitcoin', '2024-09-01', '2024-09-10');
    for (const r of btc) expect([r.success_rate, r.gas_used, r.contract_calls]).toEqual([null, null, null]);
  });

  it('has realistic magnitudes per chain (loosely the Feb 2025 Flipside rows)', () => {
    const sim = new ChainDaySimulator({ seed: 1 });
    const med = (chain: FlipsideChain, f: (r: SimDailyRow) => number) =>
      median(sim.rows(chain, '2024-01-01', '2026-01-01').map(f));
    const ethTx = med('ethereum', (r) => r.transactions);
    expect(ethTx).toBeGreaterThan(300_000);
    expect(ethTx).toBeLessThan(3_000_000);
    expect(med('near', (r) => r.transactions)).toBeGreaterThan(ethTx);
    expect(med('ethereum', (r) => r.success_rate ?? 0)).toBeGreaterThan(0.95);
    const gasPerTx = med('ethereum', (r) => (r.gas_used ?? 0) / r.transactions);
    expect(gasPerTx).toBeGreaterThan(50_000);
    expect(gasPerTx).toBeLessThan(200_000);
    const btcFeePerTx = med('bitcoin', (r) => r.fees_native / r.transactions);
    expect(btcFeePerTx).toBeGreaterThan(1e-6);
    expect(btcFeePerTx).toBeLessThan(1e-4);
  });

  it('leaves about 1% of days without a row, and rows are unique and ascending', () => {
    const sim = new ChainDaySimulator({ seed: 9 });
    const rows = sim.rows('polygon', '2022-01-01', '2025-01-01');
    const total = days('2022-01-01', 1096).length;
    const missing = total - rows.length;
    expect(missing).toBeGreaterThan(2);
    expect(missing).toBeLessThan(35);
    for (let i = 1; i < rows.length; i++)
      expect((rows[i] as SimDailyRow).day > (rows[i - 1] as SimDailyRow).day).toBe(true);
    expect(new ChainDaySimulator({ seed: 9, missingRate: 0 }).rows('polygon', '2022-01-01', '2025-01-01')).toHaveLength(
      total,
    );
  });

  it('has persistent bull/bear/volatile regimes that show in the data', () => {
    const sim = new ChainDaySimulator({ seed: 4, missingRate: 0 });
    const all = days('2016-01-01', 3650);
    const regimes = all.map((d) => sim.regime(d));
    for (const r of REGIMES) expect(regimes.filter((x) => x === r).length).toBeGreaterThan(150);
    const switches = regimes.filter((r, i) => i > 0 && r !== regimes[i - 1]).length;
    expect(3650 / (switches + 1)).toBeGreaterThan(10); // mean phase length in days
    // Volatile days move more: mean |daily log change| of ethereum transactions and fees.
    const rows = sim.rows('ethereum', '2016-01-01', '2026-01-01');
    const moves: Record<string, number[]> = { bull: [], bear: [], volatile: [] };
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1] as SimDailyRow;
      const b = rows[i] as SimDailyRow;
      moves[sim.regime(b.day)]?.push(Math.abs(Math.log(b.fees_native / a.fees_native)));
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(moves.volatile ?? [])).toBeGreaterThan(1.5 * mean(moves.bull ?? []));
    // Bull phases lift activity relative to bear phases.
    const level = (r: string) => mean(rows.filter((x) => sim.regime(x.day) === r).map((x) => Math.log(x.transactions)));
    expect(level('bull')).toBeGreaterThan(level('bear'));
  });

  it('has no rows before a chain launched or before the epoch, and refuses bad dates', () => {
    const sim = new ChainDaySimulator({ seed: 2, missingRate: 0 });
    expect(sim.rows('base', '2023-07-01', '2023-07-13')).toEqual([]);
    expect(sim.rows('base', '2023-07-13', '2023-07-14')).toHaveLength(1);
    expect(sim.rows('bitcoin', '2014-12-01', SIM_EPOCH)).toEqual([]);
    expect(() => sim.rows('bitcoin', '2024-02-30', '2024-03-05')).toThrow(WorkbenchError);
    expect(() => sim.row('dogecoin' as FlipsideChain, '2024-01-01')).toThrow(/no chain "dogecoin"/);
  });
});
