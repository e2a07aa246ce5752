import type { RewardConfig } from './config';

/** Metric names as a completion may write them, and which metrics are fractions. */

/** Lower case without underscores: txGrowth7dFrac, tx_growth_7d_frac and TXGROWTH7DFRAC are one name. */
export function normName(s: string): string {
  const lo = s.toLowerCase();
  return lo.includes('_') ? lo.split('_').join('') : lo;
}

/** normName of a word already in lower case (the lexer's `lo`), without a second lower-casing. */
export const normLower = (lo: string): string => (lo.includes('_') ? lo.split('_').join('') : lo);

const namesCache = new WeakMap<RewardConfig, Map<string, string>>();
export function metricNames(cfg: RewardConfig): Map<string, string> {
  let m = namesCache.get(cfg);
  if (!m) {
    m = new Map<string, string>();
    for (const x of cfg.metrics) m.set(normName(x.name), x.name);
    for (const [alias, name] of Object.entries(cfg.aliases)) if (!m.has(alias)) m.set(alias, name);
    namesCache.set(cfg, m);
  }
  return m;
}

const fractionsCache = new WeakMap<RewardConfig, Set<string>>();
export function fractionMetrics(cfg: RewardConfig): Set<string> {
  let s = fractionsCache.get(cfg);
  if (!s) fractionsCache.set(cfg, (s = new Set(cfg.metrics.filter((m) => m.fraction).map((m) => m.name))));
  return s;
}
