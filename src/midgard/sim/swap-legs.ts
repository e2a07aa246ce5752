import { swapMemo } from './actions';
import { NATIVE_ASSET, memoAssetName } from './assets';
import { assetToCacao, doubleSwap, swapOutput } from './clp';
import type { SwapIntent } from './agents';
import type { PoolBook, PoolState } from './pool-state';

/** The pools a swap touches: the input asset's (unless CACAO) and the output asset's (unless CACAO). */
export interface SwapPools {
  inPool: PoolState | undefined;
  outPool: PoolState | undefined;
  /** As Midgard lists them: [in, out], CACAO sides left out. */
  names: string[];
  touched: PoolState[];
}

export function swapPools(book: PoolBook, inAsset: string, outAsset: string): SwapPools {
  const inPool = inAsset === NATIVE_ASSET ? undefined : book.get(inAsset);
  const outPool = outAsset === NATIVE_ASSET ? undefined : book.get(outAsset);
  const touched = [inPool, outPool].filter((p): p is PoolState => p !== undefined);
  return { inPool, outPool, names: touched.map((p) => p.asset), touched };
}

export interface Legs {
  /** Output-asset base units paid out of the last pool (before the outbound fee). */
  output: bigint;
  /** Liquidity fees of all legs in CACAO (asset-side fees valued at the pool after the swap). */
  feeCacao: bigint;
  /** Sum of the legs' slip, bps. */
  slipBps: bigint;
  /** CACAO volume per pool, recorded once the swap is final. */
  volume: [PoolState, bigint][];
}

/** Executes one swap of `x` through one or two pools (mutating them). */
export function runLegs(book: PoolBook, p: SwapPools, x: bigint): Legs {
  const { inPool, outPool } = p;
  if (inPool && outPool) {
    const l1 = book.sellAsset(inPool, x);
    const l2 = book.buyAsset(outPool, l1.output);
    return {
      output: l2.output,
      feeCacao: l1.fee + assetToCacao(l2.fee, { asset: outPool.assetDepth, cacao: outPool.cacaoDepth }),
      slipBps: l1.slipBps + l2.slipBps,
      volume: [
        [inPool, l1.output],
        [outPool, l1.output],
      ],
    };
  }
  if (inPool) {
    const l = book.sellAsset(inPool, x);
    return { output: l.output, feeCacao: l.fee, slipBps: l.slipBps, volume: [[inPool, l.output]] };
  }
  if (!outPool) throw new Error('sim: a swap needs at least one pool');
  const l = book.buyAsset(outPool, x);
  return {
    output: l.output,
    feeCacao: assetToCacao(l.fee, { asset: outPool.assetDepth, cacao: outPool.cacaoDepth }),
    slipBps: l.slipBps,
    volume: [[outPool, x]],
  };
}

/** Output of swapping `x` at the current depths, without changing them. */
export function quoteOutput(p: SwapPools, x: bigint): bigint {
  const { inPool, outPool } = p;
  if (inPool && outPool) {
    return doubleSwap(
      x,
      { asset: inPool.assetDepth, cacao: inPool.cacaoDepth },
      { asset: outPool.assetDepth, cacao: outPool.cacaoDepth },
    ).output;
  }
  if (inPool) return swapOutput(x, inPool.assetDepth, inPool.cacaoDepth);
  return outPool ? swapOutput(x, outPool.cacaoDepth, outPool.assetDepth) : 0n;
}

/** The intent's memo with its limit field (a plain limit, or `LIMIT/INTERVAL/QUANTITY` when streaming). */
export function memoOf(it: SwapIntent, limit: string): string {
  const aff = it.affiliate ? { name: it.affiliate.name, bps: it.affiliate.bps } : undefined;
  return swapMemo({
    prefix: it.memoPrefix,
    asset: memoAssetName(it.outAsset, it.shortAssetName),
    destination: it.destination,
    limit,
    affiliate: aff,
  });
}
