import { describe, expect, it } from 'vitest';
import type { MidgardAction } from '../../../src/midgard';
import { MarketSimulator, simulateActions } from '../../../src/midgard/sim';

/** Largest share of one type over any window of `w` consecutive actions. */
function peakShare(actions: MidgardAction[], type: string, w: number): number {
  let peak = 0;
  for (let i = 0; i + w <= actions.length; i += w / 2)
    peak = Math.max(peak, actions.slice(i, i + w).filter((a) => a.type === type).length / w);
  return peak;
}

/** Swaps answered in the same block by a swap of the same pool in the other direction. */
function reversals(actions: MidgardAction[]): number {
  let n = 0;
  for (let i = 1; i < actions.length; i++) {
    const [p, a] = [actions[i - 1] as MidgardAction, actions[i] as MidgardAction];
    if (p.type !== 'swap' || a.type !== 'swap' || p.height !== a.height) continue;
    const shared = a.pools.some((x) => p.pools.includes(x));
    if (shared && a.in[0]?.coins[0]?.asset !== p.in[0]?.coins[0]?.asset) n++;
  }
  return n;
}

describe('simulated feed structure', () => {
  it('runs activity regimes: deposit, withdrawal and transfer waves that a stationary mix never shows', () => {
    const dominant: Record<string, string> = { inflow: 'addLiquidity', outflow: 'withdraw', transfers: 'send' };
    const byRegime: Record<string, MidgardAction[]> = {};
    for (const seed of [3, 4, 5]) {
      const sim = new MarketSimulator({ seed });
      for (let i = 0; i < 8000; i++) {
        const a = sim.next();
        (byRegime[sim.regimeName] ??= []).push(a);
      }
    }
    const share = (r: string, t: string) =>
      (byRegime[r] ?? []).filter((a) => a.type === t).length / (byRegime[r]?.length ?? 1);
    for (const [regime, type] of Object.entries(dominant)) {
      expect(byRegime[regime]?.length ?? 0).toBeGreaterThan(100);
      expect(share(regime, type)).toBeGreaterThan(0.3);
      expect(share(regime, type)).toBeGreaterThan(3 * share('normal', type));
    }
    const stationary = [...simulateActions({ seed: 3, regimes: false }, 12_000)];
    expect(peakShare(stationary, 'addLiquidity', 100)).toBeLessThan(0.25);
    expect(peakShare(stationary, 'send', 100)).toBeLessThan(0.3);
  });

  it('back-runs swaps that moved a pool: same block, same pool, the other direction', () => {
    const backrun = [...simulateActions({ seed: 4, regimes: false }, 8000)];
    const none = [...simulateActions({ seed: 4, regimes: false, backrunShare: 0 }, 8000)];
    expect(reversals(backrun)).toBeGreaterThan(3 * reversals(none));
    expect(reversals(backrun) / backrun.length).toBeGreaterThan(0.08);
  });
});
