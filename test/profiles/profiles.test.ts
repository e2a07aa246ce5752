import { describe, expect, it } from 'vitest';
import { MarketSimulator, MidgardStore, simulateActions } from '../../src/midgard';
import { addressFeatures, profileAddresses } from '../../src/profiles';

describe('address profiles on a simulated store', () => {
  it("features match a count from the raw actions; profiles cover every address and are scored against the simulator's agents", async () => {
    const actions = [...simulateActions({ seed: 5 }, 1500)];
    const store = await MidgardStore.open(':memory:');
    try {
      await store.ingestPages([{ source: 't', chain: 'maya', url: 'u', actions, checkpoint: '{}' }]);
      // Independent count from the actions themselves (first inbound address starts the action).
      const byAddress = new Map<string, { n: number; swaps: number }>();
      for (const a of actions) {
        const ad = a.in[0]?.address;
        if (!ad) continue;
        const e = byAddress.get(ad) ?? { n: 0, swaps: 0 };
        e.n++;
        if (a.type === 'swap') e.swaps++;
        byAddress.set(ad, e);
      }
      const feats = await addressFeatures(store);
      expect(feats.length).toBe(byAddress.size);
      const busiest = [...byAddress.entries()].sort((x, y) => y[1].n - x[1].n)[0]!;
      const f = feats.find((x) => x.address === busiest[0])!;
      expect(f.actions).toBe(busiest[1].n);
      expect(f.swapShare).toBeCloseTo(busiest[1].swaps / busiest[1].n, 12);

      const arbs = new MarketSimulator({ seed: 5 }).arbitrageurAddresses();
      const present = [...byAddress.keys()].filter((a) => arbs.has(a)).length;
      expect(present).toBeGreaterThan(0);
      const r = await profileAddresses(store, { seed: 1, arbitrageurs: arbs });
      expect(r.k).toBeGreaterThanOrEqual(2);
      expect(r.k).toBeLessThanOrEqual(8);
      expect(r.profiles.length).toBe(byAddress.size);
      expect(r.truth!.purity.reduce((s, p) => s + (p.counts.arbitrageur ?? 0), 0)).toBe(present);
      expect(r.truth!.purity.reduce((s, p) => s + p.size, 0)).toBe(byAddress.size);
      expect(new Set(r.centres.map((c) => c.profile)).size).toBe(r.k);
      expect(r.truth!.ari).toBeGreaterThanOrEqual(-1);
      expect(r.truth!.ari).toBeLessThanOrEqual(1);
    } finally {
      await store.close();
    }
  });
});
