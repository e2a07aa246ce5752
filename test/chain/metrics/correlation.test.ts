import { describe, expect, it } from 'vitest';
import { crossChainCorrelations, deriveChainDays } from '../../../src/chain/metrics';
import { days } from './helpers';

describe('crossChainCorrelations', () => {
  it('correlates daily log changes, scale-free, skipping missing days', () => {
    // ethereum doubles and halves alternately; bitcoin (1000x smaller) does the same; near does the opposite.
    const up = (i: number) => (i % 2 ? 2000 : 1000);
    const n = 20;
    const eth = days(
      '2025-01-01',
      Array.from({ length: n }, (_, i) => ({ transactions: up(i) })),
      'ethereum',
    );
    const btc = days(
      '2025-01-01',
      Array.from({ length: n }, (_, i) => (i === 5 ? null : { transactions: up(i) / 1000 })),
      'bitcoin',
    );
    const near = days(
      '2025-01-01',
      Array.from({ length: n }, (_, i) => ({ transactions: up(i + 1) })),
      'near',
    );
    const rows = deriveChainDays([...eth, ...btc, ...near], { from: '2025-01-01', to: '2025-01-20' });
    const c = crossChainCorrelations(rows, 'transactions');
    expect(c.chains).toEqual(['bitcoin', 'ethereum', 'near']);
    const at = (a: string, b: string) => c.matrix[c.chains.indexOf(a)]?.[c.chains.indexOf(b)];
    expect(at('ethereum', 'bitcoin')).toBeCloseTo(1, 12);
    expect(at('ethereum', 'near')).toBeCloseTo(-1, 12);
    // 19 changes for ethereum; bitcoin lacks day 6 (index 5), so its changes into and out of it are gone: 17 pairs.
    expect(c.pairs[c.chains.indexOf('ethereum')]?.[c.chains.indexOf('bitcoin')]).toBe(17);
    expect(crossChainCorrelations(rows, 'transactions', 18).matrix[0]?.[1]).toBeNull();
  });
});
