import { describe, expect, it } from 'vitest';
import { validateAction, type MidgardAction } from '../../../src/midgard/schema';
import { PoolsSchema } from '../../../src/midgard/schema';
import { MarketSimulator, simulateActions, SEED_POOLS } from '../../../src/midgard/sim';

const N = 20_000;
const actions: MidgardAction[] = [...simulateActions({ seed: 2024 }, N)];

const memoField = (memo: string, i: number) => memo.split(':')[i] ?? '';

describe('determinism', () => {
  it('repeats byte for byte for a seed and differs across seeds', () => {
    const a = JSON.stringify([...simulateActions({ seed: 5 }, 2000)]);
    const b = JSON.stringify([...simulateActions({ seed: 5 }, 2000)]);
    const c = JSON.stringify([...simulateActions({ seed: 6 }, 2000)]);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(JSON.stringify(actions.slice(0, 2000))).not.toBe(a);
  });

  it('rejects bad options with a zod error', () => {
    expect(() => new MarketSimulator({ seed: 1, blockSeconds: -1 })).toThrow();
    expect(() => new MarketSimulator({ seed: 1.5 })).toThrow();
    expect(() => new MarketSimulator({ seed: 1, nonsense: 1 } as never)).toThrow();
  });
});

describe('emitted actions', () => {
  it('are exactly the requested count and each passes validateAction', () => {
    expect(actions).toHaveLength(N);
    const bad = actions.map((a) => validateAction(a)).filter((r) => !r.ok);
    expect(bad).toEqual([]);
  });

  it('come in chain order: heights and dates non-decreasing, dates increasing within a block', () => {
    for (let i = 1; i < actions.length; i++) {
      const [p, a] = [actions[i - 1]!, actions[i]!];
      expect(BigInt(a.height) >= BigInt(p.height)).toBe(true);
      expect(BigInt(a.date) > BigInt(p.date)).toBe(true);
    }
    // Several actions share blocks; blocks are about 6 s apart.
    const heights = new Set(actions.map((a) => a.height));
    expect(heights.size).toBeLessThan(actions.length * 0.9);
    const first = actions[0]!;
    const last = actions[actions.length - 1]!;
    const secondsPerBlock =
      Number(BigInt(last.date) - BigInt(first.date)) / 1e9 / (Number(last.height) - Number(first.height));
    expect(secondsPerBlock).toBeGreaterThan(5.4);
    expect(secondsPerBlock).toBeLessThan(6.6);
  });

  it('mix every action kind, double, streaming and affiliated swaps', () => {
    const count = (f: (a: MidgardAction) => boolean) => actions.filter(f).length;
    const swaps = count((a) => a.type === 'swap');
    expect(swaps).toBeGreaterThan(N * 0.6);
    for (const t of ['refund', 'addLiquidity', 'withdraw', 'send'])
      expect(count((a) => a.type === t)).toBeGreaterThan(N * 0.005);
    expect(count((a) => a.type === 'swap' && a.pools.length === 2)).toBeGreaterThan(swaps * 0.1);
    expect(count((a) => a.metadata.swap?.isStreamingSwap === true)).toBeGreaterThan(swaps * 0.02);
    expect(count((a) => Number(a.metadata.swap?.affiliateFee ?? 0) > 0)).toBeGreaterThan(swaps * 0.1);
    expect(count((a) => a.status === 'success')).toBeGreaterThan(N * 0.99);
  });

  it('look like Midgard: txIDs, native outbounds, out heights, memos, addresses', () => {
    for (const a of actions) {
      for (const t of a.in) expect(t.txID).toMatch(/^[0-9A-F]{64}$/);
      for (const t of a.out) {
        const asset = t.coins[0]!.asset;
        if (a.type === 'send') expect(t.txID).toBe(a.in[0]!.txID);
        else if (asset.startsWith('MAYA.')) expect(t.txID).toBe('');
        else expect(t.txID).toMatch(/^[0-9A-F]{64}$/);
        expect(Number(t.height)).toBeGreaterThanOrEqual(Number(a.height));
        const chain = asset.split('.')[0];
        const shape = {
          MAYA: /^maya1[02-9ac-hj-np-z]{38}$/,
          THOR: /^thor1[02-9ac-hj-np-z]{38}$/,
          KUJI: /^kujira1[02-9ac-hj-np-z]{38}$/,
          BTC: /^bc1q[02-9ac-hj-np-z]{38}$/,
          ETH: /^0x[0-9a-fA-F]{40}$/,
          ARB: /^0x[0-9a-fA-F]{40}$/,
          DASH: /^X[1-9A-HJ-NP-Za-km-z]{33}$/,
        }[chain!];
        expect(t.address).toMatch(shape!);
      }
      const swap = a.metadata.swap;
      if (swap) {
        expect(swap.memo).toMatch(/^(=|s|SWAP|swap):[A-Z0-9.-]+:[^:]+/);
        if (swap.isStreamingSwap) expect(memoField(swap.memo!, 3)).toMatch(/^0\/\d+\/\d+$/);
        if (Number(swap.affiliateFee) > 0)
          expect(`${memoField(swap.memo!, 4)}:${memoField(swap.memo!, 5)}`).toBe(
            `${swap.affiliateAddress}:${swap.affiliateFee}`,
          );
      }
    }
  });

  it('reuse addresses while new ones keep appearing', () => {
    const seen = new Set<string>();
    let repeat = 0;
    let newInLastQuarter = 0;
    actions.forEach((a, i) => {
      const addr = a.in[0]!.address;
      if (seen.has(addr)) repeat++;
      else if (i >= N * 0.75) newInLastQuarter++;
      seen.add(addr);
    });
    expect(repeat / N).toBeGreaterThan(0.4);
    expect(newInLastQuarter / (N / 4)).toBeGreaterThan(0.05);
  });

  it('withdraw only units the same member added before', () => {
    const held = new Map<string, bigint>();
    let withdrawals = 0;
    for (const a of actions) {
      if (a.type === 'addLiquidity') {
        const key = `${a.pools[0]}|${a.in[0]!.address}`;
        held.set(key, (held.get(key) ?? 0n) + BigInt(a.metadata.addLiquidity!.liquidityUnits));
      } else if (a.type === 'withdraw') {
        withdrawals++;
        const key = `${a.pools[0]}|${a.in[0]!.address}`;
        const units = -BigInt(a.metadata.withdraw!.liquidityUnits);
        expect(units > 0n).toBe(true);
        expect(held.get(key) ?? 0n).toBeGreaterThanOrEqual(units);
        held.set(key, (held.get(key) ?? 0n) - units);
        expect(a.metadata.withdraw!.memo).toMatch(
          new RegExp(`^(-|WITHDRAW):${a.pools[0]!.replace(/[.]/g, '\\.')}:${a.metadata.withdraw!.basisPoints}`),
        );
      }
    }
    expect(withdrawals).toBeGreaterThan(50);
  });

  it('refund exactly the swaps whose output misses the limit, with the input back less a fee', () => {
    const refunds = actions.filter((a) => a.type === 'refund');
    expect(refunds.length).toBeGreaterThan(20);
    for (const a of refunds) {
      const r = a.metadata.refund!;
      const m = /^emit asset (\d+) less than price limit (\d+)$/.exec(r.reason);
      expect(m).not.toBeNull();
      expect(BigInt(m![1]!) < BigInt(m![2]!)).toBe(true);
      expect(memoField(r.memo!, 3)).toBe(m![2]);
      const back = a.out[0]!;
      expect(back.address).toBe(a.in[0]!.address);
      expect(BigInt(back.coins[0]!.amount) + BigInt(r.networkFees[0]!.amount)).toBe(BigInt(a.in[0]!.coins[0]!.amount));
    }
    // Successful swaps with a limit met it: the user's outbound plus its fee is the swap output.
    for (const a of actions) {
      const s = a.metadata.swap;
      if (a.type !== 'swap' || !s || s.swapTarget === '0' || a.status !== 'success') continue;
      const dest = memoField(s.memo!, 2);
      const i = a.out.findIndex((t) => t.address === dest);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(BigInt(a.out[i]!.coins[0]!.amount) + BigInt(s.networkFees[i]!.amount)).toBeGreaterThanOrEqual(
        BigInt(s.swapTarget),
      );
    }
  });

  it('stream swaps as quantity sub-swaps over interval blocks', () => {
    for (const a of actions) {
      const meta = a.metadata.swap?.streamingSwapMeta;
      if (!meta || a.status !== 'success') continue;
      const q = Number(meta.quantity);
      expect(meta.count).toBe(meta.quantity);
      expect(Number(meta.lastHeight)).toBe(Number(a.height) + (q - 1) * Number(meta.interval));
      expect(meta.inCoin).toEqual(meta.depositedCoin);
      // Midgard's outCoin is the swap output; the outbound is that less its fee.
      const dest = memoField(a.metadata.swap!.memo!, 2);
      const i = a.out.findIndex((t) => t.address === dest);
      expect(BigInt(a.out[i]!.coins[0]!.amount) + BigInt(a.metadata.swap!.networkFees[i]!.amount)).toBe(
        BigInt(meta.outCoin!.amount),
      );
    }
  });

  it('snapshot pools that pass PoolSchema and start from the seed depths', () => {
    const sim = new MarketSimulator({ seed: 9 });
    const start = sim.pools();
    expect(PoolsSchema.safeParse(start).success).toBe(true);
    expect(start.map((p) => [p.asset, p.assetDepth, p.runeDepth])).toEqual(
      SEED_POOLS.map((p) => [p.asset, String(p.assetDepth), String(p.runeDepth)]),
    );
    for (let i = 0; i < 3000; i++) sim.next();
    const later = sim.pools();
    expect(PoolsSchema.safeParse(later).success).toBe(true);
    expect(later.some((p) => p.volume24h !== '0')).toBe(true);
    // Midgard's assetPrice is runeDepth/assetDepth adjusted for decimals (CACAO 1e10, assets 1e8).
    for (const p of later)
      expect(Number(p.assetPrice)).toBeCloseTo(Number(p.runeDepth) / 1e10 / (Number(p.assetDepth) / 1e8), 6);
  });
});
