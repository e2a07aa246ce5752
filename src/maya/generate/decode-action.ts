import type { Rng } from '../../core';
import { validateAction, type Coin, type MidgardAction, type Transaction } from '../../midgard';
import {
  addressFor,
  SIM_CHAINS as CHAINS,
  chainOf,
  outboundTxId,
  priceLimitReason,
  swapMemo,
  txId,
  usdString,
} from '../../midgard';
import { baseUnitsFromE8, hashBucket, normalizeAddress, type AssetUnits, type DecodedRow } from '../features';
import { MarketBook } from './market-book';

export interface DecodeContext {
  /** The actions before the one being generated, ascending (at least one). */
  window: readonly MidgardAction[];
  rng: Rng;
  /** Address hash buckets of the feature artifacts. */
  buckets: number;
  units: AssetUnits;
  /** Block time, for heights from time deltas (Maya ≈ 6 s). */
  blockSeconds?: number;
  /** Prices, network fees and affiliate names at this height (default: read from the window). */
  book?: MarketBook;
}

const real = (t: string | null | undefined): t is string => typeof t === 'string' && t !== '<UNK>' && t !== '<PAD>';

/**
 * Turns a decoded prediction (tokens, flags, buckets, natural-unit numerics) into a complete
 * Midgard action carrying every key the feed carries for its type (`checkKeyParity`): USD prices
 * and network fees from the market book, memos in the feed's form (`=:ASSET:DEST:LIMIT[:AFF:BPS]`,
 * streaming limits `LIMIT/INTERVAL/QUANTITY`, withdraw `-:POOL:BPS[:ASSET]`), numeric strings,
 * amounts in each asset's base units. Addresses: a predicted bucket that matches an address of
 * the window reuses it (the "seen" flags say whether to look); otherwise a new address on the
 * asset's chain. The result is validated against the Midgard schema; anything else throws.
 */
export function decodeAction(row: DecodedRow, ctx: DecodeContext): MidgardAction {
  const last = ctx.window[ctx.window.length - 1];
  if (!last) throw new Error('decodeAction needs at least one previous action');
  const native = ctx.units.nativeAsset;
  const c = row.categories;
  const n = row.numerics;
  const type = real(c.type) ? c.type : last.type;
  const status = real(c.status) ? c.status : 'success';
  const pools = [c.pool1, c.pool2].filter(real);
  const inAsset = real(c.inAsset) ? c.inAsset : (pools[0] ?? native);
  const outAsset = real(c.outAsset) ? c.outAsset : type === 'swap' ? (pools[pools.length - 1] ?? native) : inAsset;

  const dtSec = Math.max(0, n.logDtSec ?? ctx.blockSeconds ?? 6);
  const date = BigInt(last.date) + BigInt(Math.max(1, Math.round(dtSec * 1e9)));
  const lastSec = Number(BigInt(last.date) / 1_000_000_000n);
  const height =
    Number(last.height) + Math.max(0, Math.floor((Number(date / 1_000_000_000n) - lastSec) / (ctx.blockSeconds ?? 6)));

  const inAddress = address(row.buckets.inAddressBucket ?? null, row.flags.inAddressSeen ?? false, inAsset, ctx);
  const outAddress = address(row.buckets.outAddressBucket ?? null, row.flags.outAddressSeen ?? false, outAsset, ctx);
  const amount = (e8: number | null | undefined, asset: string) => {
    const s = baseUnitsFromE8(e8 ?? 0, asset, ctx.units);
    return s === '0' ? '1' : s;
  };
  const inCoin: Coin = { asset: inAsset, amount: amount(n.inAmount, inAsset) };
  const outCoin: Coin = { asset: outAsset, amount: amount(n.outAmount, outAsset) };
  const inTx = (addr: string, coins: Coin[]): Transaction => ({ address: addr, coins, txID: txId(ctx.rng) });
  const outTx = (addr: string, coin: Coin): Transaction => ({
    address: addr,
    coins: [coin],
    txID: outboundTxId(ctx.rng, coin.asset),
    height: String(height),
  });
  const int = (x: number | null | undefined, lo = 0, hi = Number.MAX_SAFE_INTEGER) =>
    String(Math.min(hi, Math.max(lo, Math.round(x ?? 0))));
  const done = status === 'success';
  const book = ctx.book ?? bookOf(ctx.window, ctx.units);
  const fee = (asset: string): Coin => ({ amount: book.networkFee(asset), asset });
  const affiliateBps = int(n.affiliateFeeBps, 0, 10_000);
  const affiliate = affiliateBps === '0' ? undefined : { name: book.affiliateName(), bps: Number(affiliateBps) };

  let action: MidgardAction;
  switch (type) {
    case 'swap': {
      const target = row.flags.swapTargetSet ? amount(n.swapTargetAmount, outAsset) : '0';
      const streaming = row.flags.isStreamingSwap ?? false;
      const quantity = int(n.streamingQuantity, 1);
      const interval = '1';
      const { inUSD, outUSD } = book.swapPrices(inAsset, inCoin.amount, outAsset, outCoin.amount);
      const limit = streaming ? `${target}/${interval}/${quantity}` : target;
      action = base(
        type,
        status,
        height,
        date,
        pools,
        [inTx(inAddress, [inCoin])],
        done ? [outTx(outAddress, outCoin)] : [],
        {
          swap: {
            affiliateAddress: affiliate?.name ?? '',
            affiliateFee: affiliateBps,
            inPriceUSD: usdString(inUSD),
            isStreamingSwap: streaming,
            liquidityFee: amount(n.liquidityFee, native),
            memo: swapMemo({ prefix: '=', asset: outAsset, destination: outAddress, limit, affiliate }),
            networkFees: [fee(outAsset)],
            outPriceUSD: usdString(outUSD),
            swapSlip: int(n.swapSlipBps, 0, 10_000),
            swapTarget: target,
            ...(streaming
              ? {
                  streamingSwapMeta: {
                    count: done ? quantity : int(n.streamingCount, 0),
                    depositedCoin: inCoin,
                    failedSwapReasons: [],
                    failedSwaps: [],
                    inCoin,
                    interval,
                    lastHeight: String(height),
                    outCoin: done ? outCoin : { asset: outAsset, amount: '0' },
                    outEstimation: outCoin.amount,
                    quantity,
                  },
                }
              : {}),
          },
        },
      );
      break;
    }
    case 'refund': {
      // The feed's refunds are swaps whose output missed the memo's limit: the limit sits above the emitted amount.
      const emitted = BigInt(outCoin.amount);
      const predicted = row.flags.swapTargetSet ? BigInt(amount(n.swapTargetAmount, outAsset)) : 0n;
      const limit = predicted > emitted ? predicted : emitted + emitted / 100n + 1n;
      const back = BigInt(inCoin.amount) - BigInt(book.networkFee(inAsset));
      action = base(
        type,
        status,
        height,
        date,
        pools,
        [inTx(inAddress, [inCoin])],
        [outTx(inAddress, { asset: inAsset, amount: (back > 0n ? back : 1n).toString() })],
        {
          refund: {
            affiliateAddress: affiliate?.name ?? '',
            affiliateFee: affiliateBps,
            memo: swapMemo({
              prefix: '=',
              asset: outAsset,
              destination: outAddress,
              limit: limit.toString(),
              affiliate,
            }),
            networkFees: [fee(inAsset)],
            reason: priceLimitReason(emitted, limit),
            txType: 'swap',
          },
        },
      );
      break;
    }
    case 'addLiquidity': {
      const ins = [inTx(inAddress, [inCoin])];
      if ((n.inTxCount ?? 1) >= 1.5 && inAsset !== native)
        ins.unshift(inTx(address(null, false, native, ctx), [{ asset: native, amount: amount(n.inAmount, native) }]));
      action = base(type, status, height, date, pools.length ? pools : [inAsset], ins, [], {
        addLiquidity: { liquidityUnits: int(Math.abs(n.liquidityUnits ?? 1), 1) },
      });
      break;
    }
    case 'withdraw': {
      const pool = pools[0] ?? (inAsset === native ? outAsset : inAsset);
      // The feed's withdraws are symmetric (0) or all to one side: asset (1) or native (-1).
      const a = n.withdrawAsymmetry ?? 0;
      const side = pool === native ? 'cacao' : a > 0.5 ? 'asset' : a < -0.5 ? 'cacao' : 'sym';
      const bps = int(n.withdrawBps, 1, 10_000);
      const outs: Transaction[] = [];
      if (side !== 'asset')
        outs.push(outTx(address(null, true, native, ctx), { asset: native, amount: amount(n.outAmount, native) }));
      if (side !== 'cacao') outs.push(outTx(outAddress, { asset: pool, amount: amount(n.outAmount, pool) }));
      const paid = done ? outs : [];
      action = base(type, status, height, date, [pool], [inTx(inAddress, [inCoin])], paid, {
        withdraw: {
          asymmetry: side === 'sym' ? '0' : side === 'asset' ? '1' : '-1',
          basisPoints: bps,
          impermanentLossProtection: '0',
          liquidityUnits: `-${int(Math.abs(n.liquidityUnits ?? 1), 1)}`,
          memo: `-:${pool}:${bps}${side === 'sym' ? '' : `:${side === 'asset' ? pool : native}`}`,
          networkFees: paid.map((t) => fee((t.coins[0] as Coin).asset)),
        },
      });
      break;
    }
    default: {
      // send and the open-ended rest: a transfer with whatever coins were predicted; Midgard repeats the tx id on both sides.
      const sent = inTx(inAddress, [inCoin]);
      action = base(
        type,
        status,
        height,
        date,
        pools,
        [sent],
        [{ address: outAddress, coins: [{ ...inCoin }], height: String(height), txID: sent.txID }],
        {},
      );
    }
  }
  const v = validateAction(action);
  if (!v.ok) throw new Error(`generated ${type} action does not validate: ${v.reason}`);
  return v.action;
}

function base(
  type: string,
  status: string,
  height: number,
  date: bigint,
  pools: string[],
  ins: Transaction[],
  outs: Transaction[],
  metadata: MidgardAction['metadata'],
): MidgardAction {
  return { date: date.toString(), height: String(height), in: ins, metadata, out: outs, pools, status, type };
}

/** An address of the window whose bucket matches (when the model says it was seen), else a fresh one. */
function address(bucket: number | null, seen: boolean, asset: string, ctx: DecodeContext): string {
  if (bucket !== null && seen) {
    for (let i = ctx.window.length - 1; i >= 0; i--) {
      const a = ctx.window[i] as MidgardAction;
      for (const t of [...a.in, ...a.out]) {
        const norm = normalizeAddress(t.address);
        if (norm && hashBucket(norm, ctx.buckets) === bucket) return t.address;
      }
    }
  }
  const chain = chainOf(asset);
  return addressFor(CHAINS[chain] ? chain : 'MAYA', { seed: Math.floor(ctx.rng.next() * 2 ** 32) });
}

/** A book read from the window alone (callers that simulate keep one across steps instead). */
function bookOf(window: readonly MidgardAction[], units: AssetUnits): MarketBook {
  const b = new MarketBook(units);
  for (const a of window) b.observe(a);
  return b;
}
