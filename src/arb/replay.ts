import type { MidgardAction } from '../midgard';
import { legOutput } from './clp';
import type { PoolDepth } from './opportunity';
import { NATIVE, type Chain } from './units';

/**
 * Pool depths replayed from the actions, anchored on known depths (a pool snapshot, a depth
 * history point, or the simulator's seed pools). Swaps run through the CLP formula on the
 * replayed depths (their intermediate native amount is not in the action); the affiliate's share
 * is swapped in the input pool first; outbound fees (`networkFees`) stay in the pool paid from,
 * as in the simulator; adds and withdraws move the coins they carry. Streaming swaps are applied
 * whole at their position in the feed (their sub-swaps really spread over later blocks). Refunds, sends and pending swaps move no pool. Real THORNode sends
 * outbound fees to the reserve instead, so on real data the replay drifts; re-anchor on depth history.
 */
export class PoolReplay {
  readonly pools = new Map<string, PoolDepth>();

  constructor(
    readonly chain: Chain,
    anchor: readonly PoolDepth[] = [],
  ) {
    for (const p of anchor) this.anchor(p);
  }

  /** Sets a pool's depths to known values (new pools join here). */
  anchor(p: PoolDepth): void {
    this.pools.set(p.asset, { chain: this.chain, asset: p.asset, assetDepth: p.assetDepth, nativeDepth: p.nativeDepth });
  }

  get(asset: string): PoolDepth | undefined {
    return this.pools.get(asset);
  }

  /** Applies one action; returns the pools it changed. */
  apply(a: MidgardAction): string[] {
    if (a.status !== 'success') return [];
    switch (a.type) {
      case 'swap':
        return this.swap(a);
      case 'addLiquidity':
        return this.coinsInto(a, 1n);
      case 'withdraw':
        return [...new Set([...this.coinsInto(a, 1n), ...this.coinsOut(a)])];
      default:
        return [];
    }
  }

  private coinsInto(a: MidgardAction, sign: bigint): string[] {
    const p = this.pools.get(a.pools[0] ?? '');
    if (!p) return [];
    for (const t of a.in) for (const c of t.coins) this.credit(p, c.asset, sign * BigInt(c.amount));
    return [p.asset];
  }

  private coinsOut(a: MidgardAction): string[] {
    const p = this.pools.get(a.pools[0] ?? '');
    if (!p) return [];
    for (const t of a.out) for (const c of t.coins) this.credit(p, c.asset, -BigInt(c.amount));
    return [p.asset];
  }

  private credit(p: PoolDepth, asset: string, amount: bigint): void {
    if (asset === NATIVE[this.chain]) p.nativeDepth += amount;
    else if (asset === p.asset) p.assetDepth += amount;
  }

  /** Native in: pool's native side grows; asset out. Returns the output. */
  private buy(p: PoolDepth, x: bigint): bigint {
    const y = legOutput(x, { X: p.nativeDepth, Y: p.assetDepth, minSlipBps: 0 });
    p.nativeDepth += x;
    p.assetDepth -= y;
    return y;
  }

  private sell(p: PoolDepth, x: bigint): bigint {
    const y = legOutput(x, { X: p.assetDepth, Y: p.nativeDepth, minSlipBps: 0 });
    p.assetDepth += x;
    p.nativeDepth -= y;
    return y;
  }

  /**
   * The pools' exact changes come from the action's own coins: the input enters the input pool,
   * what was paid out (user and affiliate, net of fees, which stay in the pool) leaves the pool
   * it was paid from. Only a double swap's native leg between the pools is not in the action;
   * it comes from the CLP formula on the replayed input pool (sub-swap by sub-swap when streaming).
   */
  private swap(a: MidgardAction): string[] {
    const native = NATIVE[this.chain];
    const coin = a.in[0]?.coins[0];
    const meta = a.metadata.swap;
    if (!coin || !meta) return [];
    const inAsset = coin.asset;
    const inPool = inAsset === native ? undefined : this.pools.get(inAsset);
    const outName = a.pools.length >= 2 ? a.pools[1] : inAsset === native ? a.pools[0] : undefined;
    const outPool = outName ? this.pools.get(outName) : undefined;
    if ((inAsset !== native && !inPool) || (outName && !outPool) || (!inPool && !outPool)) return [];
    const amount = BigInt(coin.amount);
    const bps = BigInt(meta.affiliateFee ?? '0');
    const affIn = bps > 0n ? (amount * bps) / 10000n : 0n;
    const main = amount - affIn;
    let paidNative = 0n;
    let paidAsset = 0n;
    for (const t of a.out) {
      for (const c of t.coins) {
        if (c.asset === native) paidNative += BigInt(c.amount);
        else if (outPool && c.asset === outPool.asset) paidAsset += BigInt(c.amount);
      }
    }
    if (inPool && outPool) {
      // The native leg: the affiliate's share is swapped first, then the main input, in sub-swaps.
      const sub = { X: inPool.assetDepth + affIn, Y: inPool.nativeDepth - legOutput(affIn, { X: inPool.assetDepth, Y: inPool.nativeDepth, minSlipBps: 0 }) };
      const ssm = meta.streamingSwapMeta;
      const q = BigInt(meta.isStreamingSwap && ssm ? Math.max(1, Number(ssm.quantity)) : 1);
      let cacao = 0n;
      for (let i = 0n; i < q; i++) {
        const x = i === q - 1n ? main - (main / q) * (q - 1n) : main / q;
        // Between sub-swaps arbitrage trades the pool back, so each one meets about the starting depths.
        cacao += legOutput(x, { X: sub.X, Y: sub.Y, minSlipBps: 0 });
      }
      inPool.assetDepth += amount;
      inPool.nativeDepth -= cacao + paidNative;
      outPool.nativeDepth += cacao;
      outPool.assetDepth -= paidAsset;
      return [inPool.asset, outPool.asset];
    }
    if (inPool) {
      inPool.assetDepth += amount;
      inPool.nativeDepth -= paidNative;
      return [inPool.asset];
    }
    const p = outPool as PoolDepth;
    p.nativeDepth += main;
    p.assetDepth -= paidAsset;
    return [p.asset];
  }
}
