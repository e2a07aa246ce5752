import { describe, expect, it } from 'vitest';
import type { MidgardAction } from '../../../src/midgard/schema';
import { MarketSimulator, SEED_POOLS } from '../../../src/midgard/sim';

/**
 * Pool accounting checked from the emitted actions alone, with this file's own CLP arithmetic:
 * replaying the actions against the seed depths must land exactly on `pools()`.
 */
const CACAO = 'MAYA.CACAO';
type Depth = { asset: bigint; cacao: bigint; units: bigint };

/** y = x·X·Y/(x+X)², written independently of src/midgard/sim/clp.ts. */
const clp = (x: bigint, X: bigint, Y: bigint): bigint => (x === 0n ? 0n : (x * X * Y) / ((x + X) * (x + X)));
const memoDest = (memo: string) => memo.split(':')[2] ?? '';
const amountOf = (t: { coins: { amount: string }[] }) => BigInt(t.coins[0]?.amount ?? '0');

function seedDepths(): Map<string, Depth> {
  return new Map(SEED_POOLS.map((p) => [p.asset, { asset: p.assetDepth, cacao: p.runeDepth, units: p.units }]));
}

function swapAssets(a: MidgardAction): { inAsset: string; outAsset: string } {
  const inAsset = a.in[0]!.coins[0]!.asset;
  const outAsset = inAsset === CACAO ? a.pools[0]! : a.pools.length === 2 ? a.pools[1]! : CACAO;
  return { inAsset, outAsset };
}

/** Applies a non-streaming swap (or, with `dryRun`, a copy of it) and returns the output before the outbound fee. */
function applySwap(pools: Map<string, Depth>, a: MidgardAction, affiliateBps: bigint, dryRun: boolean) {
  const { inAsset, outAsset } = swapAssets(a);
  const copy = (d: Depth | undefined) => (d && dryRun ? { ...d } : d);
  const pa = copy(inAsset === CACAO ? undefined : pools.get(inAsset));
  const pb = copy(outAsset === CACAO ? undefined : pools.get(outAsset));
  const x = amountOf(a.in[0]!);
  const affIn = (x * affiliateBps) / 10000n;
  const main = x - affIn;
  let affCacao = affIn;
  if (pa && affIn > 0n) {
    affCacao = clp(affIn, pa.asset, pa.cacao);
    pa.asset += affIn;
    pa.cacao -= affCacao;
  }
  let out: bigint;
  if (pa && pb) {
    const c = clp(main, pa.asset, pa.cacao);
    pa.asset += main;
    pa.cacao -= c;
    out = clp(c, pb.cacao, pb.asset);
    pb.cacao += c;
    pb.asset -= out;
  } else if (pa) {
    out = clp(main, pa.asset, pa.cacao);
    pa.asset += main;
    pa.cacao -= out;
  } else {
    out = clp(main, pb!.cacao, pb!.asset);
    pb!.cacao += main;
    pb!.asset -= out;
  }
  return { pa, pb, out, affIn, affCacao, outAsset };
}

/** Replays every action; fails on the first number that does not follow from the ones before. */
function replay(actions: MidgardAction[]): Map<string, Depth> {
  const pools = seedDepths();
  for (const a of actions) {
    if (a.type === 'swap') {
      const s = a.metadata.swap!;
      expect(s.isStreamingSwap).toBe(false);
      const r = applySwap(pools, a, BigInt(s.affiliateFee ?? '0'), false);
      if (s.swapTarget !== '0') expect(r.out >= BigInt(s.swapTarget)).toBe(true);
      const dest = memoDest(s.memo!);
      let paidUser = 0n;
      let paidAff = 0n;
      a.out.forEach((t, i) => {
        const fee = BigInt(s.networkFees[i]!.amount);
        if (t.address === dest) {
          expect(amountOf(t) + fee).toBe(r.out);
          paidUser = amountOf(t);
        } else {
          expect(amountOf(t) + fee).toBe(r.affCacao);
          paidAff = amountOf(t);
        }
      });
      // What an outbound does not carry (its fee, or a payment too small to send) stays in the paying pool.
      const payer = r.pb ?? r.pa!;
      if (r.outAsset === CACAO) payer.cacao += r.out - paidUser;
      else payer.asset += r.out - paidUser;
      if (r.pa && r.affIn > 0n) r.pa.cacao += r.affCacao - paidAff;
    } else if (a.type === 'refund') {
      const f = a.metadata.refund!;
      const r = applySwap(pools, a, BigInt(f.affiliateFee ?? '0'), true);
      const limit = BigInt(f.memo!.split(':')[3]!);
      expect(r.out < limit).toBe(true);
      expect(f.reason).toBe(`emit asset ${r.out} less than price limit ${limit}`);
    } else if (a.type === 'addLiquidity') {
      const p = pools.get(a.pools[0]!)!;
      let r = 0n;
      let x = 0n;
      for (const t of a.in)
        for (const c of t.coins) c.asset === CACAO ? (r += BigInt(c.amount)) : (x += BigInt(c.amount));
      expect(BigInt(a.metadata.addLiquidity!.liquidityUnits)).toBe(
        (p.units * (p.cacao * x + r * p.asset)) / (2n * p.cacao * p.asset),
      );
      p.units += BigInt(a.metadata.addLiquidity!.liquidityUnits);
      p.cacao += r;
      p.asset += x;
    } else if (a.type === 'withdraw') {
      const w = a.metadata.withdraw!;
      const p = pools.get(a.pools[0]!)!;
      for (const t of a.in) p.asset += amountOf(t); // request dust joins the pool
      const u = -BigInt(w.liquidityUnits);
      const shareA = (p.asset * u) / p.units;
      const shareC = (p.cacao * u) / p.units;
      p.units -= u;
      p.asset -= shareA;
      p.cacao -= shareC;
      let grossA = shareA;
      let grossC = shareC;
      if (w.asymmetry === '-1') {
        const c = clp(shareA, p.asset, p.cacao);
        p.asset += shareA;
        p.cacao -= c;
        grossC += c;
        grossA = 0n;
      } else if (w.asymmetry === '1') {
        const y = clp(shareC, p.cacao, p.asset);
        p.cacao += shareC;
        p.asset -= y;
        grossA += y;
        grossC = 0n;
      }
      let paidA = 0n;
      let paidC = 0n;
      a.out.forEach((t, i) => {
        const fee = BigInt(w.networkFees[i]!.amount);
        if (t.coins[0]!.asset === CACAO) {
          expect(amountOf(t) + fee).toBe(grossC);
          paidC = amountOf(t);
        } else {
          expect(amountOf(t) + fee).toBe(grossA);
          paidA = amountOf(t);
        }
      });
      p.asset += grossA - paidA;
      p.cacao += grossC - paidC;
    }
  }
  return pools;
}

describe('pool accounting', () => {
  it('replaying the actions with independent CLP math reproduces pools() exactly (no streaming)', () => {
    const sim = new MarketSimulator({ seed: 77, streamingShare: 0 });
    const actions: MidgardAction[] = [];
    for (let i = 0; i < 15_000; i++) actions.push(sim.next());
    actions.push(...sim.close());
    const types = new Set(actions.map((a) => a.type));
    expect([...types].sort()).toEqual(['addLiquidity', 'refund', 'send', 'swap', 'withdraw']);
    const replayed = replay(actions);
    const snapshot = sim.pools();
    for (const p of snapshot) {
      const d = replayed.get(p.asset)!;
      expect([p.asset, p.assetDepth, p.runeDepth, p.units]).toEqual([
        p.asset,
        String(d.asset),
        String(d.cacao),
        String(d.units),
      ]);
    }
    // The run moved the pools: the check is not trivially comparing seed to seed.
    expect(snapshot.filter((p, i) => p.assetDepth !== String(SEED_POOLS[i]!.assetDepth)).length).toBe(
      SEED_POOLS.length,
    );
  });

  it('with streaming swaps (pending ones included), depths change exactly by the coins that enter and leave', () => {
    const sim = new MarketSimulator({ seed: 78, streamingShare: 0.3 });
    const actions: MidgardAction[] = [];
    for (let i = 0; i < 15_000; i++) actions.push(sim.next());
    // Run on without returning actions so that some streams are still in flight at the end.
    for (let b = 0; b < 40; b++) sim.advance();
    actions.push(...sim.close());
    expect(actions.filter((a) => a.status === 'pending').length).toBeGreaterThan(0);
    expect(actions.filter((a) => a.metadata.swap?.isStreamingSwap).length).toBeGreaterThan(500);

    const assetDelta = new Map<string, bigint>();
    let cacaoDelta = 0n;
    const addAsset = (asset: string, v: bigint) => assetDelta.set(asset, (assetDelta.get(asset) ?? 0n) + v);
    for (const a of actions) {
      if (a.type === 'swap') {
        const s = a.metadata.swap!;
        const { inAsset, outAsset } = swapAssets(a);
        const x = amountOf(a.in[0]!);
        const affIn = (x * BigInt(s.affiliateFee ?? '0')) / 10000n;
        const dest = memoDest(s.memo!);
        const meta = s.streamingSwapMeta;
        // Input that entered a pool: all of it once final; while pending, the affiliate's share and the sub-swaps so far.
        const swappedIn = a.status === 'pending' ? BigInt(meta!.inCoin!.amount) : x - affIn;
        if (inAsset === CACAO) cacaoDelta += swappedIn;
        else addAsset(inAsset, affIn + swappedIn);
        for (const t of a.out) {
          // An affiliate's share of a CACAO input is paid before it reaches any pool.
          if (inAsset === CACAO && t.address !== dest) continue;
          if (t.coins[0]!.asset === CACAO) cacaoDelta -= amountOf(t);
          else addAsset(t.coins[0]!.asset, -amountOf(t));
        }
        // A pending swap's output so far has left the pool but not yet gone out.
        if (a.status === 'pending') {
          if (outAsset === CACAO) cacaoDelta -= BigInt(meta!.outCoin!.amount);
          else addAsset(outAsset, -BigInt(meta!.outCoin!.amount));
        }
      } else if (a.type === 'addLiquidity' || a.type === 'withdraw') {
        for (const t of a.in)
          for (const c of t.coins)
            c.asset === CACAO ? (cacaoDelta += BigInt(c.amount)) : addAsset(c.asset, BigInt(c.amount));
        for (const t of a.out)
          for (const c of t.coins)
            c.asset === CACAO ? (cacaoDelta -= BigInt(c.amount)) : addAsset(c.asset, -BigInt(c.amount));
      }
    }
    const snapshot = sim.pools();
    for (const p of snapshot) {
      const seed = SEED_POOLS.find((s) => s.asset === p.asset)!;
      expect([p.asset, BigInt(p.assetDepth)]).toEqual([p.asset, seed.assetDepth + (assetDelta.get(p.asset) ?? 0n)]);
    }
    const seedCacao = SEED_POOLS.reduce((s, p) => s + p.runeDepth, 0n);
    expect(snapshot.reduce((s, p) => s + BigInt(p.runeDepth), 0n)).toBe(seedCacao + cacaoDelta);
  });
});
