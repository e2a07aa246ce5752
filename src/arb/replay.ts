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
    this.pools.set(p.asset, {
      chain: this.chain,
      asset: p.asset,
      assetDepth: p.assetDepth,
      nativeDepth: p.nativeDepth,
    });
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

  /** Streaming sub-swaps still to run, by height (they run at the start of their block, as on chain). */
  private readonly scheduled = new Map<number, (() => void)[]>();
  /** Lowest height in `scheduled` (Infinity when empty): most calls return on this check. */
  private nextDue = Infinity;

  /** Runs the streaming sub-swaps due by the start of block `height` (heights ascending). */
  startBlock(height: number): void {
    if (height < this.nextDue) return;
    for (const at of [...this.scheduled.keys()].sort((x, y) => x - y)) {
      if (at > height) break;
      for (const run of this.scheduled.get(at) ?? []) run();
      this.scheduled.delete(at);
    }
    this.nextDue = this.scheduled.size ? Math.min(...this.scheduled.keys()) : Infinity;
  }

  /**
   * The pools' exact changes come from the action's own coins: the input enters the input pool,
   * what was paid out (user and affiliate, net of fees, which stay in the pool) leaves the pool
   * it was paid from. Only a double swap's native leg between the pools is not in the action; it
   * comes from the CLP formula on the replayed pools. A streaming swap runs its sub-swaps at their
   * own blocks (first now, then every `interval`), each through the CLP formula, and its last one
   * settles the exact totals.
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
    // The affiliate's share is swapped to native in the input pool first.
    let affNative = 0n;
    if (inPool && affIn > 0n) {
      affNative = legOutput(affIn, { X: inPool.assetDepth, Y: inPool.nativeDepth, minSlipBps: 0 });
      inPool.assetDepth += affIn;
      inPool.nativeDepth -= affNative;
    }
    const ssm = meta.streamingSwapMeta;
    const q = meta.isStreamingSwap && ssm ? Math.max(1, Number(ssm.quantity)) : 1;
    const interval = Math.max(1, Number(ssm?.interval ?? '1'));
    let paidSoFar = 0n;
    const sub = (k: number) => {
      const x = k === q - 1 ? main - (main / BigInt(q)) * BigInt(q - 1) : main / BigInt(q);
      if (inPool && outPool) {
        const c = legOutput(x, { X: inPool.assetDepth, Y: inPool.nativeDepth, minSlipBps: 0 });
        const y = legOutput(c, { X: outPool.nativeDepth, Y: outPool.assetDepth, minSlipBps: 0 });
        inPool.assetDepth += x;
        inPool.nativeDepth -= c;
        outPool.nativeDepth += c;
        outPool.assetDepth -= y;
        paidSoFar += y;
      } else if (inPool) {
        const y = legOutput(x, { X: inPool.assetDepth, Y: inPool.nativeDepth, minSlipBps: 0 });
        inPool.assetDepth += x;
        inPool.nativeDepth -= y;
        paidSoFar += y;
      } else if (outPool) {
        const y = legOutput(x, { X: outPool.nativeDepth, Y: outPool.assetDepth, minSlipBps: 0 });
        outPool.nativeDepth += x;
        outPool.assetDepth -= y;
        paidSoFar += y;
      }
      if (k !== q - 1) return;
      // Settle: what really left the paying pool is what was paid out (fees stay in the pool).
      if (outPool) outPool.assetDepth += paidSoFar - paidAsset;
      if (inPool && outPool) inPool.nativeDepth += affNative - paidNative;
      else if (inPool) inPool.nativeDepth += paidSoFar + affNative - paidNative;
    };
    sub(0);
    const h = Number(a.height);
    for (let k = 1; k < q; k++) {
      const at = h + k * interval;
      const list = this.scheduled.get(at) ?? [];
      list.push(() => sub(k));
      this.scheduled.set(at, list);
      if (at < this.nextDue) this.nextDue = at;
    }
    return [inPool?.asset, outPool?.asset].filter((s): s is string => s !== undefined);
  }
}
