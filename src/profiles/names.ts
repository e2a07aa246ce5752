import { mean } from '../core';
import type { AddressFeatures } from './features';

/**
 * Names a cluster from its members' raw (unstandardised) feature means, first rule that fits:
 * liquidity provider (adds + withdraws ≥ half its actions), transfer user (sends ≥ half),
 * arbitrage bot (ten times the median address's actions, nearly all swaps; a bot's reversals
 * come from its address on the other chain, so round trips rarely show on one address), whale (typical size in the
 * top decile of all addresses' sizes), one-off user (about one action each), else retail swapper.
 * Rules read cluster means, never the simulator's agents.
 */
export function nameClusters(features: readonly AddressFeatures[], labels: readonly number[], k: number): string[] {
  const sizes = features.map((f) => f.logSize).sort((a, b) => a - b);
  const p90 = sizes[Math.floor(0.9 * (sizes.length - 1))] ?? Infinity;
  const medianActions = [...features.map((f) => f.actions)].sort((a, b) => a - b)[Math.floor(features.length / 2)] ?? 1;
  const names: string[] = [];
  for (let c = 0; c < k; c++) {
    const m = features.filter((_, i) => labels[i] === c);
    const avg = (f: (x: AddressFeatures) => number) => (m.length ? mean(m.map(f)) : 0);
    let name: string;
    if (avg((x) => x.addShare + x.withdrawShare) >= 0.5) name = 'liquidity provider';
    else if (avg((x) => x.sendShare) >= 0.5) name = 'transfer user';
    else if (avg((x) => x.actions) >= 10 * Math.max(1, medianActions) && avg((x) => x.swapShare) >= 0.9)
      name = 'arbitrage bot';
    else if (avg((x) => x.logSize) >= p90) name = 'whale';
    else if (avg((x) => x.actions) < 1.5) name = 'one-off user';
    else name = 'retail swapper';
    names.push(name);
  }
  // Two clusters may fit the same rule: number them by size so every profile name is unique.
  const counts = new Map<string, number>();
  return names.map((n) => {
    const same = names.filter((x) => x === n).length;
    if (same === 1) return n;
    const i = (counts.get(n) ?? 0) + 1;
    counts.set(n, i);
    return `${n} ${i}`;
  });
}
