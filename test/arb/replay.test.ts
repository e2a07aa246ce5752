import { describe, expect, it } from 'vitest';
import { MarketSimulator, SEED_POOLS } from '../../src/midgard';
import { PoolReplay } from '../../src/arb/replay';

const seedAnchor = () =>
  SEED_POOLS.map((p) => ({
    chain: 'maya' as const,
    asset: p.asset,
    assetDepth: p.assetDepth,
    nativeDepth: p.runeDepth,
  }));

describe('pool replay from actions', () => {
  it('replays the simulator feed to exactly its pool depths when nothing streams', () => {
    const sim = new MarketSimulator({ seed: 5, streamingShare: 0 });
    const replay = new PoolReplay('maya', seedAnchor());
    for (let i = 0; i < 3000; i++) replay.apply(sim.next());
    for (const a of sim.close()) replay.apply(a);
    // The simulator's own book is the ground truth: every base unit must agree.
    for (const p of sim.book.list) {
      expect(replay.get(p.asset)?.assetDepth, p.asset).toBe(p.assetDepth);
      expect(replay.get(p.asset)?.nativeDepth, p.asset).toBe(p.cacaoDepth);
    }
  });

  it('with streaming swaps: asset sides exact, native sides within 0.5% (the native leg between two pools is estimated)', () => {
    const sim = new MarketSimulator({ seed: 6, streamingShare: 0.3 });
    const replay = new PoolReplay('maya', seedAnchor());
    for (let i = 0; i < 3000; i++) {
      const a = sim.next();
      // Streaming sub-swaps due in this block run at its start, before its actions.
      replay.startBlock(Number(a.height));
      replay.apply(a);
    }
    replay.startBlock(sim.height);
    // Streams still running at the end are "pending" (not replayed); their pools cannot agree.
    const running = new Set<string>();
    for (const a of sim.close()) {
      if (a.status === 'pending') for (const p of a.pools) running.add(p);
      replay.apply(a);
    }
    const checked = sim.book.list.filter((p) => !running.has(p.asset));
    expect(checked.length).toBeGreaterThanOrEqual(4);
    for (const p of checked) {
      const r = replay.get(p.asset);
      expect(r?.assetDepth, p.asset).toBe(p.assetDepth);
      const truePrice = Number(p.cacaoDepth) / Number(p.assetDepth);
      const price = Number(r?.nativeDepth) / Number(r?.assetDepth);
      expect(Math.abs(price / truePrice - 1), p.asset).toBeLessThan(0.005);
    }
  });
});
