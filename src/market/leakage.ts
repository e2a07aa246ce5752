import { createRng } from '../core';
import type { FeatureFn } from './features';
import type { Bar } from './prices';

export interface LeakageViolation {
  /** Decision bar whose features changed when only later bars changed. */
  t: number;
  date: string;
  feature: string;
  before: number | null;
  after: number | null;
}

/**
 * Look-ahead check: for several decision bars t, every bar after t is perturbed (prices scaled by
 * random factors, OHLC kept consistent) and the features are recomputed; a feature at or before t
 * that changes has read a later bar. Returns every change found (empty: no look-ahead detected).
 */
export function checkNoLookahead(
  fn: FeatureFn,
  bars: readonly Bar[],
  opts: { points?: number; seed?: number } = {},
): LeakageViolation[] {
  const rng = createRng(opts.seed ?? 7);
  const base = fn(bars);
  const n = bars.length;
  const points = Math.min(opts.points ?? 6, Math.max(1, n - 2));
  const found: LeakageViolation[] = [];
  for (let p = 0; p < points; p++) {
    // Spread the decision points over the series, away from the last bar.
    const t = Math.floor(((p + 0.5) / points) * (n - 2));
    const perturbed = bars.map((b, i) => {
      if (i <= t) return b;
      const f = Math.exp(0.2 * rng.normal());
      const v = b.volume === null ? null : b.volume * Math.exp(0.5 * rng.normal());
      return { ...b, open: b.open * f, high: b.high * f, low: b.low * f, close: b.close * f, volume: v };
    });
    const after = fn(perturbed);
    for (let i = 0; i <= t; i++) {
      const a = base.rows[i] ?? null;
      const b = after.rows[i] ?? null;
      if (a === null && b === null) continue;
      for (let j = 0; j < base.names.length; j++) {
        const x = a ? (a[j] ?? null) : null;
        const y = b ? (b[j] ?? null) : null;
        if (x !== y && !(x !== null && y !== null && Math.abs(x - y) <= 1e-12 * Math.max(1, Math.abs(x)))) {
          found.push({ t: i, date: (bars[i] as Bar).date, feature: base.names[j] as string, before: x, after: y });
          break;
        }
      }
    }
  }
  return found;
}
