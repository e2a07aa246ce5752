import type { Rng } from '../../core';
import type { Coin, MidgardAction, Transaction } from '../schema';
import { coin, outTx } from './actions';
import { NATIVE_ASSET, chainInfo, chainOf, outboundTxId } from './assets';
import type { PoolBook, PoolState } from './pool-state';

/** What executors need from the simulator: randomness, the pools, the current block and its clock. */
export interface ExecContext {
  readonly rng: Rng;
  readonly book: PoolBook;
  /** Current block height. */
  readonly height: number;
  /** Date (ns) for the next action of this block; strictly increasing. */
  nextDate(): bigint;
}

/** A finished action, or a streaming swap that keeps running in later blocks. */
export type Executed<S> = { action: MidgardAction } | { stream: S };

/** Height an outbound of `asset` is observed at: the same block on Maya, a chain-dependent delay elsewhere. */
export function outboundHeight(rng: Rng, asset: string, height: number): number {
  const [lo, hi] = chainInfo(chainOf(asset)).outboundDelay;
  return hi === 0 ? height : height + lo + rng.int(hi - lo + 1);
}

export interface Payout {
  tx: Transaction;
  /** The outbound fee, listed in the action's `networkFees`. */
  fee: Coin;
}

/**
 * Pays `gross` of `asset` to `to` less the outbound fee. The fee stays in `pool` (the pool the
 * payment leaves from), so a pool's depth drops by exactly what its outbound carries; with no
 * pool (an affiliate's CACAO skimmed from a CACAO input) the fee leaves the simulation like
 * Maya's reserve income. A payment that cannot cover its fee is not sent and stays in the pool.
 */
export function payout(
  ctx: ExecContext,
  pool: PoolState | undefined,
  asset: string,
  gross: bigint,
  to: string,
  height: number,
): Payout | undefined {
  const fee = ctx.book.outboundFee(asset);
  const kept = gross <= fee ? gross : fee;
  if (pool) ctx.book.credit(pool, asset === NATIVE_ASSET ? 0n : kept, asset === NATIVE_ASSET ? kept : 0n);
  if (gross <= fee) return undefined;
  return {
    tx: outTx(to, [coin(asset, gross - fee)], outboundTxId(ctx.rng, asset), outboundHeight(ctx.rng, asset, height)),
    fee: coin(asset, fee),
  };
}
