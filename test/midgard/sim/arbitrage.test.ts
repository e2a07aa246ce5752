import { describe, expect, it } from 'vitest';
import { MarketSimulator } from '../../../src/midgard/sim';

/** Every 50 actions, each pool's |pool price / external fair price − 1|; also how far the fair prices wandered. */
function deviations(arbitrageurs: number): { median: number; drift: number } {
  const sim = new MarketSimulator({ seed: 31, arbitrageurs });
  const start = sim.fairPrices();
  const devs: number[] = [];
  let drift = 0;
  for (let i = 1; i <= 15_000; i++) {
    sim.next();
    if (i % 50 !== 0) continue;
    const fair = sim.fairPrices();
    for (const p of sim.pools()) {
      devs.push(Math.abs(Number(p.assetPrice) / fair[p.asset]! - 1));
      drift = Math.max(drift, Math.abs(fair[p.asset]! / start[p.asset]! - 1));
    }
  }
  devs.sort((a, b) => a - b);
  return { median: devs[Math.floor(devs.length / 2)]!, drift };
}

describe('arbitrage', () => {
  it('keeps pool prices near the external price walk, which they drift away from without it', () => {
    const withArbs = deviations(4);
    const without = deviations(0);
    // The external prices really move (several percent over the run) ...
    expect(withArbs.drift).toBeGreaterThan(0.03);
    // ... arbitrage (threshold 35 bps) holds the typical gap under 1% ...
    expect(withArbs.median).toBeLessThan(0.01);
    // ... and without arbitrageurs the same walk leaves the pools far behind.
    expect(without.median).toBeGreaterThan(3 * withArbs.median);
  });
});
