import type { MidgardAction } from '../schema';
import { coin, inTx, makeAction, usdString } from './actions';
import type { SwapIntent } from './agents';
import { assetToCacao, MAX_QUANTITY } from './clp';
import type { PoolBook } from './pool-state';
import { payout, type ExecContext, type Payout } from './outbound';
import { quoteOutput, runLegs, type SwapPools } from './swap-legs';

/**
 * Streaming swaps: the deposit is swapped in `quantity` equal sub-swaps, one every `interval`
 * blocks, each executed on the pools as they are at that block (arbitrage in between included).
 * The action keeps its inbound height and date; its outbound is paid after the last sub-swap.
 */

/** With quantity 0 in the memo the protocol picks sub-swaps of about this slip (bps), at most `MAX_QUANTITY`. */
const AUTO_SUB_SLIP_BPS = 5n;

export interface StreamingSwap {
  readonly intent: SwapIntent;
  readonly pools: SwapPools;
  readonly dateNs: bigint;
  readonly startHeight: number;
  readonly txid: string;
  readonly memo: string;
  readonly quantity: number;
  readonly interval: number;
  /** Input left after the affiliate's share: what the sub-swaps swap. */
  readonly deposited: bigint;
  readonly outEstimation: bigint;
  readonly affiliate: Payout | undefined;
  count: number;
  nextHeight: number;
  lastHeight: number;
  swappedIn: bigint;
  swappedOut: bigint;
  /** CACAO; starts with the affiliate leg's fee. */
  feeCacao: bigint;
  slipSum: bigint;
}

/** Sub-swaps so the deepest-slipping leg slips about `AUTO_SUB_SLIP_BPS` each (x/X per leg, the CACAO leg valued at the input pool). */
function autoQuantity(p: SwapPools, x: bigint): number {
  let ratio = 0;
  let cacao = x;
  if (p.inPool) {
    ratio = Number(x) / Number(p.inPool.assetDepth);
    cacao = assetToCacao(x, { asset: p.inPool.assetDepth, cacao: p.inPool.cacaoDepth });
  }
  if (p.outPool) ratio = Math.max(ratio, Number(cacao) / Number(p.outPool.cacaoDepth));
  const q = Math.ceil((ratio * 10000) / Number(AUTO_SUB_SLIP_BPS));
  return Number.isFinite(q) ? Math.max(1, Math.min(MAX_QUANTITY, q)) : 1;
}

/** Starts a streaming swap and runs its first sub-swap now; returns the action too if that was the only one. */
export function startStream(
  ctx: ExecContext,
  it: SwapIntent,
  pools: SwapPools,
  start: {
    dateNs: bigint;
    txid: string;
    memo: string;
    deposited: bigint;
    affiliate: Payout | undefined;
    affiliateFeeCacao: bigint;
  },
): { stream: StreamingSwap; action: MidgardAction | undefined } {
  const spec = it.streaming ?? { interval: 1, quantity: 0 };
  const quantity = spec.quantity > 0 ? Math.min(spec.quantity, MAX_QUANTITY) : autoQuantity(pools, start.deposited);
  const s: StreamingSwap = {
    intent: it,
    pools,
    dateNs: start.dateNs,
    startHeight: ctx.height,
    txid: start.txid,
    memo: start.memo,
    quantity,
    interval: spec.interval,
    deposited: start.deposited,
    outEstimation: quoteOutput(pools, start.deposited / BigInt(quantity)) * BigInt(quantity),
    affiliate: start.affiliate,
    count: 0,
    nextHeight: ctx.height,
    lastHeight: ctx.height,
    swappedIn: 0n,
    swappedOut: 0n,
    feeCacao: start.affiliateFeeCacao,
    slipSum: 0n,
  };
  return { stream: s, action: stepStream(ctx, s) };
}

/** Runs the sub-swap due at this block; after the last one pays out and returns the finished action. */
export function stepStream(ctx: ExecContext, s: StreamingSwap): MidgardAction | undefined {
  const last = s.count === s.quantity - 1;
  const sub = last ? s.deposited - s.swappedIn : s.deposited / BigInt(s.quantity);
  const legs = runLegs(ctx.book, s.pools, sub);
  for (const [p, v] of legs.volume) ctx.book.recordVolume(p, v, ctx.height);
  s.count++;
  s.swappedIn += sub;
  s.swappedOut += legs.output;
  s.feeCacao += legs.feeCacao;
  s.slipSum += legs.slipBps;
  s.lastHeight = ctx.height;
  s.nextHeight = ctx.height + s.interval;
  if (!last) return undefined;
  const payFrom = s.pools.outPool ?? s.pools.inPool;
  const user = payout(ctx, payFrom, s.intent.outAsset, s.swappedOut, s.intent.destination, ctx.height);
  return streamAction(ctx.book, s, user, 'success');
}

/** The action as Midgard shows it while the swap still runs: status pending, progress so far, no user outbound yet. */
export function pendingAction(book: PoolBook, s: StreamingSwap): MidgardAction {
  return streamAction(book, s, undefined, 'pending');
}

function streamAction(book: PoolBook, s: StreamingSwap, user: Payout | undefined, status: string): MidgardAction {
  const it = s.intent;
  const paid = [user, s.affiliate].filter((p): p is Payout => p !== undefined);
  const usd = book.cacaoPriceUSD();
  return makeAction({
    dateNs: s.dateNs,
    height: s.startHeight,
    ins: [inTx(it.from, [coin(it.inAsset, it.inAmount)], s.txid)],
    metadata: {
      swap: {
        affiliateAddress: it.affiliate?.name ?? '',
        affiliateFee: String(it.affiliate?.bps ?? 0),
        inPriceUSD: usdString(book.priceUSD(it.inAsset, usd)),
        isStreamingSwap: true,
        liquidityFee: s.feeCacao.toString(),
        memo: s.memo,
        networkFees: paid.map((p) => p.fee),
        outPriceUSD: usdString(book.priceUSD(it.outAsset, usd)),
        streamingSwapMeta: {
          count: String(s.count),
          depositedCoin: coin(it.inAsset, s.deposited),
          failedSwapReasons: [],
          failedSwaps: [],
          inCoin: coin(it.inAsset, s.swappedIn),
          interval: String(s.interval),
          lastHeight: String(s.lastHeight),
          outCoin: coin(it.outAsset, s.swappedOut),
          outEstimation: s.outEstimation.toString(),
          quantity: String(s.quantity),
        },
        // Midgard shows one slip for the whole stream: here the mean over sub-swaps (each the sum of its legs).
        swapSlip: (s.count > 0 ? s.slipSum / BigInt(s.count) : 0n).toString(),
        swapTarget: '0',
      },
    },
    outs: paid.map((p) => p.tx),
    pools: s.pools.names,
    status,
    type: 'swap',
  });
}
