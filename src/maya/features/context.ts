import type { MidgardAction } from '../../midgard';
import { WorkbenchError } from '../../core/errors';
import { BUCKET_OFFSET, CATEGORY_FIELDS, CODE_FIELDS, FALSE_ID, NUMERIC_FIELDS, PAD, TRUE_ID } from './fields';
import { hashBucket } from './murmur3';
import { log1pAmountE8, parseBig, type AssetUnits } from './units';

/**
 * One action before encoding: vocabulary tokens (null = missing), final ids of flag/bucket
 * columns, and numerics after their transform, rounded to float32 (NaN = missing). Rounding here
 * makes batch and step-by-step encoding see bit-identical inputs.
 */
export interface RawRow {
  tokens: (string | null)[];
  codes: number[];
  values: number[];
}

export interface ContextConfig {
  /** Look-back for the "address seen" flags; equals the model's window length L. */
  seqLen: number;
  buckets: number;
  units: AssetUnits;
}

const flag = (b: boolean): number => (b ? TRUE_ID : FALSE_ID);

/** EVM hex addresses come in checksummed and lowercase spellings of one account. */
export function normalizeAddress(address: string | undefined): string | null {
  if (!address) return null;
  return /^0x[0-9a-fA-F]{40}$/.test(address) ? address.toLowerCase() : address;
}

/**
 * Swap target asset, for the unit of swapTarget. Midgard has no target-asset field: the route is
 * in `pools` (two pools: the last one; one pool: the pool when paying in the native asset, else the
 * native asset). Only the asset's exponent is used, which this gets right for native and E8 assets.
 */
export function swapTargetAsset(a: MidgardAction, units: AssetUnits): string {
  const pools = a.pools;
  if (pools.length >= 2) return pools[pools.length - 1] as string;
  const inAsset = a.in[0]?.coins[0]?.asset;
  if (pools.length === 1 && inAsset === units.nativeAsset) return pools[0] as string;
  return units.nativeAsset;
}

/**
 * The stateful half of the extractor: turns each action, given the ones fed before it, into a
 * RawRow. A row depends only on its action and the seqLen actions before it, so after seqLen
 * actions of history the rows equal those of a run over the whole stream. Actions must come in
 * ascending chain order.
 */
export class ContextExtractor {
  private prevHeight: bigint | null = null;
  private prevDate: bigint | null = null;
  private prevIn: string | null = null;
  /** Addresses of the last seqLen actions, oldest first, with a multiset for O(1) lookups. */
  private ring: (string | null)[][] = [];
  private seen = new Map<string, number>();

  constructor(readonly config: ContextConfig) {
    if (!Number.isInteger(config.seqLen) || config.seqLen < 1)
      throw new RangeError(`seqLen must be a positive integer, got ${config.seqLen}`);
  }

  reset(): void {
    this.prevHeight = this.prevDate = null;
    this.prevIn = null;
    this.ring = [];
    this.seen.clear();
  }

  next(a: MidgardAction): RawRow {
    const height = parseBig(a.height, 'height');
    const date = parseBig(a.date, 'date');
    if (
      this.prevHeight !== null &&
      this.prevDate !== null &&
      (height < this.prevHeight || (height === this.prevHeight && date < this.prevDate))
    ) {
      throw new WorkbenchError(
        `actions out of order: height ${a.height} date ${a.date} follows height ${this.prevHeight} date ${this.prevDate}`,
        'feed actions in ascending chain order (height, date); Midgard returns newest first, so sort or read them ascending from the store',
      );
    }
    const { buckets, units } = this.config;
    const inTx = a.in[0];
    const outTx = a.out[0];
    const inCoin = inTx?.coins[0];
    const outCoin = outTx?.coins[0];
    const inAddr = normalizeAddress(inTx?.address);
    const outAddr = normalizeAddress(outTx?.address);
    const swap = a.metadata.swap;
    const withdraw = a.metadata.withdraw;
    const unitsStr = a.metadata.addLiquidity?.liquidityUnits ?? withdraw?.liquidityUnits;
    const lu = unitsStr === undefined ? null : parseBig(unitsStr, 'liquidityUnits');
    const target = swap ? parseBig(swap.swapTarget, 'metadata.swap.swapTarget') : null;
    const meta = swap?.streamingSwapMeta;

    const tokens = [
      a.type,
      a.status,
      a.pools[0] ?? null,
      a.pools[1] ?? null,
      inCoin?.asset ?? null,
      outCoin?.asset ?? null,
    ];
    const codes = [
      swap?.isStreamingSwap === undefined ? PAD : flag(swap.isStreamingSwap),
      target === null ? PAD : flag(target > 0n),
      lu === null ? PAD : flag(lu < 0n),
      inAddr === null ? PAD : BUCKET_OFFSET + hashBucket(inAddr, buckets),
      outAddr === null ? PAD : BUCKET_OFFSET + hashBucket(outAddr, buckets),
      inAddr === null ? PAD : flag(this.seen.has(inAddr)),
      outAddr === null ? PAD : flag(this.seen.has(outAddr)),
      inAddr === null || this.prevIn === null ? PAD : flag(inAddr === this.prevIn),
    ];
    const values = [
      this.prevDate === null ? NaN : Math.log1p(Number(date - this.prevDate) / 1e9),
      inCoin ? log1pAmountE8(inCoin.amount, inCoin.asset, units) : NaN,
      outCoin ? log1pAmountE8(outCoin.amount, outCoin.asset, units) : NaN,
      swap ? log1pAmountE8(swap.liquidityFee, units.nativeAsset, units) : NaN,
      swap ? Number(swap.swapSlip) : NaN,
      swap?.affiliateFee === undefined ? NaN : Number(swap.affiliateFee),
      meta ? Number(meta.count) : NaN,
      meta ? Number(meta.quantity) : NaN,
      swap && target !== null && target > 0n ? log1pAmountE8(swap.swapTarget, swapTargetAsset(a, units), units) : NaN,
      withdraw ? Number(withdraw.basisPoints) : NaN,
      withdraw ? Number(withdraw.asymmetry) : NaN,
      lu === null ? NaN : Math.log1p(Number(lu < 0n ? -lu : lu)),
      a.in.length,
      a.out.length,
    ].map(Math.fround);
    values.forEach((v, j) => {
      if (v === Infinity || v === -Infinity) {
        throw new WorkbenchError(
          `${NUMERIC_FIELDS[j]?.name}: value out of range in the action at height ${a.height} date ${a.date}`,
          'check the action for a malformed amount',
        );
      }
    });

    this.remember(inAddr === outAddr ? [inAddr] : [inAddr, outAddr]);
    this.prevHeight = height;
    this.prevDate = date;
    this.prevIn = inAddr;
    return { tokens, codes, values };
  }

  private remember(addrs: (string | null)[]): void {
    this.ring.push(addrs);
    for (const x of addrs) if (x !== null) this.seen.set(x, (this.seen.get(x) ?? 0) + 1);
    if (this.ring.length <= this.config.seqLen) return;
    for (const x of this.ring.shift() ?? []) {
      if (x === null) continue;
      const c = (this.seen.get(x) ?? 1) - 1;
      if (c === 0) this.seen.delete(x);
      else this.seen.set(x, c);
    }
  }
}

// Keep the row layout above and the field tables in step (checked once at load).
if (CATEGORY_FIELDS.length !== 6 || CODE_FIELDS.length !== 8 || NUMERIC_FIELDS.length !== 14) {
  throw new Error('maya features: context.ts row layout is out of step with fields.ts');
}
