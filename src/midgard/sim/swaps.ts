import type { MidgardAction } from '../schema';
import { coin, inTx, makeAction, priceLimitReason, usdString } from './actions';
import type { LimitSpec, SwapIntent } from './agents';
import { NATIVE_ASSET, outboundTxId, txId } from './assets';
import { outboundHeight, payout, type ExecContext, type Executed, type Payout } from './outbound';
import { startStream, type StreamingSwap } from './streaming';
import { memoOf, runLegs, swapPools, type SwapPools } from './swap-legs';

/**
 * Executes a swap intent: the affiliate's share is skimmed from the input first (and swapped to
 * CACAO in the input pool), then the rest is swapped. A swap whose output misses its limit is
 * undone and becomes a refund, leaving every pool exactly as it was.
 */
export function executeSwap(ctx: ExecContext, it: SwapIntent): Executed<StreamingSwap> {
  const { book, rng } = ctx;
  const pools = swapPools(book, it.inAsset, it.outAsset);
  const undo = book.save(pools.touched);
  const dateNs = ctx.nextDate();
  const txid = txId(rng);
  const affIn = it.affiliate ? (it.inAmount * BigInt(it.affiliate.bps)) / 10000n : 0n;
  const main = it.inAmount - affIn;

  let affCacao = 0n;
  let affFee = 0n;
  let affVolume: bigint | undefined;
  if (affIn > 0n) {
    if (pools.inPool) {
      const l = book.sellAsset(pools.inPool, affIn);
      affCacao = l.output;
      affFee = l.fee;
      affVolume = l.output;
    } else affCacao = affIn;
  }
  const recordAffVolume = () => {
    if (affVolume !== undefined && pools.inPool) book.recordVolume(pools.inPool, affVolume, ctx.height);
  };
  const payAffiliate = (): Payout | undefined =>
    it.affiliate && affCacao > 0n
      ? payout(ctx, pools.inPool, NATIVE_ASSET, affCacao, it.affiliate.address, ctx.height)
      : undefined;

  if (it.streaming) {
    recordAffVolume();
    const memo = memoOf(it, `0/${it.streaming.interval}/${it.streaming.quantity}`);
    const started = startStream(ctx, it, pools, {
      dateNs,
      txid,
      memo,
      deposited: main,
      affiliate: payAffiliate(),
      affiliateFeeCacao: affFee,
    });
    return started.action ? { action: started.action } : { stream: started.stream };
  }

  const legs = runLegs(book, pools, main);
  const limit = resolveLimit(ctx, it.limit, legs.output);
  const memo = memoOf(it, it.limit.kind === 'none' ? it.limit.written : limit.toString());
  if (limit > 0n && legs.output < limit) {
    undo();
    return { action: refund(ctx, it, pools, { dateNs, txid, memo, output: legs.output, limit }) };
  }
  recordAffVolume();
  for (const [p, v] of legs.volume) book.recordVolume(p, v, ctx.height);
  const user = payout(ctx, pools.outPool ?? pools.inPool, it.outAsset, legs.output, it.destination, ctx.height);
  const paid = [user, payAffiliate()].filter((p): p is Payout => p !== undefined);
  const usd = book.cacaoPriceUSD();
  const action = makeAction({
    dateNs,
    height: ctx.height,
    ins: [inTx(it.from, [coin(it.inAsset, it.inAmount)], txid)],
    metadata: {
      swap: {
        affiliateAddress: it.affiliate?.name ?? '',
        affiliateFee: String(it.affiliate?.bps ?? 0),
        inPriceUSD: usdString(book.priceUSD(it.inAsset, usd)),
        isStreamingSwap: false,
        liquidityFee: (legs.feeCacao + affFee).toString(),
        memo,
        networkFees: paid.map((p) => p.fee),
        outPriceUSD: usdString(book.priceUSD(it.outAsset, usd)),
        swapSlip: legs.slipBps.toString(),
        swapTarget: limit.toString(),
      },
    },
    outs: paid.map((p) => p.tx),
    pools: pools.names,
    status: 'success',
    type: 'swap',
  });
  return { action };
}

/** The swapTarget in base units of the output asset; 0 means no limit. */
function resolveLimit(ctx: ExecContext, spec: LimitSpec, output: bigint): bigint {
  if (spec.kind === 'none') return 0n;
  if (spec.kind === 'fixed') return spec.amount;
  // The user's quote was exact when taken; prices drifted before the inbound confirmed.
  const quoted = Number(output) * Math.exp(spec.driftSd * ctx.rng.normal()) * (1 - spec.toleranceBps / 10000);
  return BigInt(Math.max(1, Math.floor(quoted)));
}

/** The input goes back to the sender less the outbound fee (which leaves with Maya's reserve, not a pool). */
function refund(
  ctx: ExecContext,
  it: SwapIntent,
  pools: SwapPools,
  r: { dateNs: bigint; txid: string; memo: string; output: bigint; limit: bigint },
): MidgardAction {
  const fee = ctx.book.outboundFee(it.inAsset);
  const back = it.inAmount > fee ? it.inAmount - fee : 0n;
  const outs =
    back > 0n
      ? [
          {
            address: it.from,
            coins: [coin(it.inAsset, back)],
            height: String(outboundHeight(ctx.rng, it.inAsset, ctx.height)),
            txID: outboundTxId(ctx.rng, it.inAsset),
          },
        ]
      : [];
  return makeAction({
    dateNs: r.dateNs,
    height: ctx.height,
    ins: [inTx(it.from, [coin(it.inAsset, it.inAmount)], r.txid)],
    metadata: {
      refund: {
        affiliateAddress: it.affiliate?.name ?? '',
        affiliateFee: String(it.affiliate?.bps ?? 0),
        memo: r.memo,
        networkFees: [coin(it.inAsset, fee)],
        reason: priceLimitReason(r.output, r.limit),
        txType: 'swap',
      },
    },
    outs,
    pools: pools.names,
    status: 'success',
    type: 'refund',
  });
}
