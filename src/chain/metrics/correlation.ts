import { pearson } from '../../core/stats';
import type { ChainDay } from './row';

export interface CorrelationMatrix {
  chains: string[];
  /** Pearson correlation of daily log changes; null when fewer than `minPairs` days have both. */
  matrix: (number | null)[][];
  /** Days each pair was measured on. */
  pairs: number[][];
}

/** Daily log change of a positive metric per chain, keyed by date (a change needs both days present). */
function logChanges(
  rows: readonly ChainDay[],
  metric: 'transactions' | 'transferredNative' | 'activeSenders',
): Map<string, Map<string, number>> {
  const byChain = new Map<string, Map<string, number>>();
  const prev = new Map<string, { date: string; v: number }>();
  for (const r of [...rows].sort((a, b) =>
    a.chain === b.chain ? (a.date < b.date ? -1 : 1) : a.chain < b.chain ? -1 : 1,
  )) {
    const v = r[metric];
    const p = prev.get(r.chain);
    const m = byChain.get(r.chain) ?? new Map<string, number>();
    byChain.set(r.chain, m);
    const dayBefore = new Date(Date.parse(`${r.date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    if (typeof v === 'number' && v > 0 && p && p.date === dayBefore && p.v > 0) m.set(r.date, Math.log(v / p.v));
    if (typeof v === 'number' && v > 0) prev.set(r.chain, { date: r.date, v });
    else prev.delete(r.chain);
  }
  return byChain;
}

/**
 * Cross-chain correlations of daily log changes (scale-free: chains of any size compare), over
 * the days where both chains have a change; missing days are skipped, never filled.
 */
export function crossChainCorrelations(
  rows: readonly ChainDay[],
  metric: 'transactions' | 'transferredNative' | 'activeSenders',
  minPairs = 10,
): CorrelationMatrix {
  const changes = logChanges(rows, metric);
  const chains = [...changes.keys()].sort();
  const matrix = chains.map(() => chains.map((): number | null => null));
  const pairs = chains.map(() => chains.map(() => 0));
  chains.forEach((a, i) => {
    chains.forEach((b, j) => {
      const ca = changes.get(a) as Map<string, number>;
      const cb = changes.get(b) as Map<string, number>;
      const xs: number[] = [];
      const ys: number[] = [];
      for (const [d, x] of ca) {
        const y = cb.get(d);
        if (y !== undefined) {
          xs.push(x);
          ys.push(y);
        }
      }
      (pairs[i] as number[])[j] = xs.length;
      (matrix[i] as (number | null)[])[j] = xs.length >= minPairs ? pearson(xs, ys) : null;
    });
  });
  return { chains, matrix, pairs };
}
