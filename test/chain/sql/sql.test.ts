import { describe, expect, it } from 'vitest';
import { FLIPSIDE_CHAINS, type FlipsideChain } from '../../../src/chain/chains';
import { buildDailySql, DAILY_COLUMNS, dailyQuery, parseDailySql, type DailyQuery } from '../../../src/chain/sql';
import { SQL_STRING_CONSTANTS } from '../../../src/chain/sql/whitelist';
import { WorkbenchError } from '../../../src/core/errors';

const q = (chain: string, from: string, toExclusive: string): DailyQuery => ({
  chain: chain as FlipsideChain,
  from,
  toExclusive,
});

/** Column aliases of the outermost SELECT (the one after the last CTE), in order. */
function outerColumns(sql: string): string[] {
  const outer = sql.slice(sql.lastIndexOf('\nSELECT\n'));
  const list = outer.slice(0, outer.indexOf('\nFROM '));
  return [...list.matchAll(/ AS ([a-z_]+),?$/gm)].map((m) => m[1]!);
}

describe('buildDailySql', () => {
  it('starts with the header line and selects DAILY_COLUMNS in order, for every chain', () => {
    for (const chain of FLIPSIDE_CHAINS) {
      const sql = buildDailySql(q(chain, '2025-02-01', '2025-03-01'));
      expect(sql.split('\n')[0]).toBe(`-- workbench chain-daily v1 chain=${chain} from=2025-02-01 to=2025-03-01`);
      expect(outerColumns(sql)).toEqual([...DAILY_COLUMNS]);
    }
  });

  it('reads the family tables from the whitelist and nothing else', () => {
    const eth = buildDailySql(q('ethereum', '2025-02-01', '2025-02-02'));
    expect(eth).toContain('FROM ethereum.core.fact_transactions');
    expect(eth).toContain('tx_fee');
    expect(eth).toContain('tx_succeeded');
    expect(buildDailySql(q('base', '2025-02-01', '2025-02-02'))).toContain('FROM base.core.fact_transactions');
    const btc = buildDailySql(q('bitcoin', '2025-02-01', '2025-02-02'));
    for (const t of ['bitcoin.core.fact_transactions', 'bitcoin.core.fact_inputs', 'bitcoin.core.fact_outputs'])
      expect(btc).toContain(`FROM ${t}`);
    const near = buildDailySql(q('near', '2025-02-01', '2025-02-02'));
    expect(near).toContain('FROM near.core.fact_transactions');
    expect(near).toContain('FROM near.core.ez_actions');
    for (const chain of FLIPSIDE_CHAINS) {
      const tables = [...buildDailySql(q(chain, '2025-02-01', '2025-02-02')).matchAll(/FROM ([a-z0-9_.]+)/g)].map(
        (m) => m[1]!,
      );
      for (const t of tables) expect(t === 'txs' || t.startsWith(`${chain}.core.`)).toBe(true);
    }
  });

  it('converts NEAR yoctoNEAR amounts to NEAR and leaves bitcoin gas and calls NULL, never 0', () => {
    const near = buildDailySql(q('near', '2025-02-01', '2025-02-02'));
    expect(near).toContain('SUM(transaction_fee) / 1e24 AS fees_native');
    expect(near).toMatch(/action_data:deposit::FLOAT, 0\)\) \/ 1e24 AS transferred_native/);
    const btc = buildDailySql(q('bitcoin', '2025-02-01', '2025-02-02'));
    expect(btc).toContain('NULL::FLOAT AS gas_used');
    expect(btc).toContain('NULL::INTEGER AS contract_calls');
    expect(btc).toContain('NULL::FLOAT AS success_rate');
  });

  it('quotes nothing but the two validated dates and the fixed template constants', () => {
    for (const chain of FLIPSIDE_CHAINS) {
      const sql = buildDailySql(q(chain, '2024-12-30', '2025-01-02'));
      const quoted = [...sql.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
      for (const s of quoted) expect(['2024-12-30', '2025-01-02', ...SQL_STRING_CONSTANTS]).toContain(s);
      expect(sql).not.toMatch(/[;"`\\]/);
    }
  });

  it('uses a half-open window [from, toExclusive) on block_timestamp', () => {
    const sql = buildDailySql(q('ethereum', '2025-02-01', '2025-02-08'));
    expect(sql).toContain("block_timestamp >= '2025-02-01'::TIMESTAMP_NTZ");
    expect(sql).toContain("block_timestamp < '2025-02-08'::TIMESTAMP_NTZ");
    expect(sql).not.toContain('<=');
    expect(sql).not.toMatch(/BETWEEN/i);
  });

  it('refuses injection attempts and invalid values with a WorkbenchError before any SQL exists', () => {
    const bad: DailyQuery[] = [
      q('ethereum; drop table x', '2024-01-01', '2024-01-08'),
      q("ethereum' --", '2024-01-01', '2024-01-08'),
      q('ETHEREUM', '2024-01-01', '2024-01-08'),
      q('maya', '2024-01-01', '2024-01-08'), // a Midgard chain is not a Flipside chain
      q('toString', '2024-01-01', '2024-01-08'), // not an own key of the whitelist
      q('ethereum', "2024-01-01' OR 1=1 --", '2024-01-08'),
      q('ethereum', '2024-01-01', "2024-01-08'; DROP TABLE t; --"),
      q('ethereum', '2024-1-1', '2024-01-08'),
      q('ethereum', '2024-02-30', '2024-03-01'), // not a calendar day
      q('ethereum', '2024-01-08', '2024-01-08'), // empty window
      q('ethereum', '2024-01-09', '2024-01-08'),
    ];
    for (const b of bad) expect(() => buildDailySql(b), JSON.stringify(b)).toThrow(WorkbenchError);
    expect(() => buildDailySql({ chain: 42, from: null, toExclusive: undefined } as unknown as DailyQuery)).toThrow(
      WorkbenchError,
    );
    expect(() => dailyQuery('ethereum; drop table x', '2024-01-01', '2024-01-07')).toThrow(
      /unsupported Flipside chain/,
    );
    expect(() => dailyQuery('ethereum', "2024-01-01' OR 1=1 --", '2024-01-07')).toThrow(/from must be a calendar date/);
  });
});

describe('dailyQuery (inclusive end date)', () => {
  it('sets toExclusive to the day after `to`, so the end date is inside the window', () => {
    expect(dailyQuery('bitcoin', '2024-01-01', '2024-01-07')).toEqual({
      chain: 'bitcoin',
      from: '2024-01-01',
      toExclusive: '2024-01-08',
    });
    expect(dailyQuery('near', '2024-02-01', '2024-02-28').toExclusive).toBe('2024-02-29'); // leap year
    expect(dailyQuery('near', '2023-02-01', '2023-02-28').toExclusive).toBe('2023-03-01');
    expect(dailyQuery('base', '2024-12-01', '2024-12-31').toExclusive).toBe('2025-01-01');
    // A single day: [d, d+1).
    const sql = buildDailySql(dailyQuery('ethereum', '2024-03-10', '2024-03-10'));
    expect(sql).toContain("block_timestamp >= '2024-03-10'::TIMESTAMP_NTZ");
    expect(sql).toContain("block_timestamp < '2024-03-11'::TIMESTAMP_NTZ");
  });
});

describe('parseDailySql', () => {
  it('returns the query of SQL built by buildDailySql', () => {
    for (const chain of FLIPSIDE_CHAINS) {
      const query = q(chain, '2025-01-15', '2025-02-01');
      expect(parseDailySql(buildDailySql(query))).toEqual(query);
    }
  });

  it('returns null for anything else, even with a valid header', () => {
    const sql = buildDailySql(q('ethereum', '2025-01-15', '2025-02-01'));
    expect(parseDailySql(`${sql} `)).toBeNull();
    expect(parseDailySql(sql.replace('COUNT(*)', 'COUNT(1)'))).toBeNull();
    expect(parseDailySql(`${sql}; DROP TABLE x`)).toBeNull();
    expect(parseDailySql(sql.replace('chain=ethereum', 'chain=base'))).toBeNull();
    expect(parseDailySql(sql.replace('from=2025-01-15', 'from=2025-01-16'))).toBeNull();
    expect(
      parseDailySql('-- workbench chain-daily v1 chain=ethereum from=2025-01-15 to=2025-02-01\nSELECT 1'),
    ).toBeNull();
    expect(parseDailySql('-- workbench chain-daily v1 chain=maya from=2025-01-15 to=2025-02-01\n')).toBeNull();
    expect(parseDailySql('-- workbench chain-daily v1 chain=ethereum from=2025-02-30 to=2025-03-01\n')).toBeNull();
    expect(parseDailySql('SELECT 1')).toBeNull();
    expect(parseDailySql('')).toBeNull();
  });
});
