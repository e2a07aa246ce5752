import type { MidgardAction, Transaction } from '../schema';
import { coin, inTx, makeAction } from './actions';
import type { AddIntent, SendIntent, WithdrawIntent } from './agents';
import { NATIVE_ASSET, txId } from './assets';
import { withdrawUnits } from './clp';
import type { Ledger } from './ledger';
import { payout, type ExecContext, type Payout } from './outbound';

/** Dust an asset-side member sends with a withdraw request (base units); it is added to the pool. */
const WITHDRAW_DUST = 10_000n;

/** Deposits into a pool and credits the member; `in` lists the CACAO side first, then the asset side. */
export function executeAdd(ctx: ExecContext, ledger: Ledger, it: AddIntent): MidgardAction {
  const p = ctx.book.get(it.pool);
  const units = ctx.book.addLiquidity(p, it.cacao, it.asset);
  ledger.deposit(it.pool, it.side, it.cacaoAddress, it.assetAddress, units);
  const ins: Transaction[] = [];
  const dateNs = ctx.nextDate();
  if (it.cacaoAddress !== undefined && it.cacao > 0n)
    ins.push(inTx(it.cacaoAddress, [coin(NATIVE_ASSET, it.cacao)], txId(ctx.rng)));
  if (it.assetAddress !== undefined && it.asset > 0n)
    ins.push(inTx(it.assetAddress, [coin(it.pool, it.asset)], txId(ctx.rng)));
  return makeAction({
    dateNs,
    height: ctx.height,
    ins,
    metadata: { addLiquidity: { liquidityUnits: units.toString() } },
    outs: [],
    pools: [it.pool],
    status: 'success',
    type: 'addLiquidity',
  });
}

/**
 * Burns a share of the member's units. Symmetric members get both sides; single-sided members
 * get everything on their side, the other side's share swapped within the pool first
 * (asymmetry "1" = all asset, "-1" = all CACAO).
 */
export function executeWithdraw(ctx: ExecContext, ledger: Ledger, it: WithdrawIntent): MidgardAction {
  const { book, rng } = ctx;
  const m = it.member;
  const p = book.get(m.pool);
  const units = withdrawUnits(m.units, it.bps) || m.units;
  const bps = units === m.units ? 10000n : it.bps;
  const dateNs = ctx.nextDate();
  const txid = txId(rng);

  // The request: a native MsgDeposit without coins, or dust from the asset chain (which joins the pool).
  const fromAsset = m.side === 'asset';
  const requester = (fromAsset ? m.assetAddress : m.cacaoAddress) as string;
  if (fromAsset) book.credit(p, WITHDRAW_DUST, 0n);
  const request = inTx(requester, fromAsset ? [coin(m.pool, WITHDRAW_DUST)] : [], txid);

  ledger.withdraw(m, units);
  const share = book.removeLiquidity(p, units);
  let cacaoOut = share.cacao;
  let assetOut = share.asset;
  if (m.side === 'cacao' && assetOut > 0n) {
    cacaoOut += book.sellAsset(p, assetOut).output;
    assetOut = 0n;
  } else if (m.side === 'asset' && cacaoOut > 0n) {
    assetOut += book.buyAsset(p, cacaoOut).output;
    cacaoOut = 0n;
  }
  const paid: Payout[] = [];
  if (cacaoOut > 0n && m.cacaoAddress !== undefined) {
    const c = payout(ctx, p, NATIVE_ASSET, cacaoOut, m.cacaoAddress, ctx.height);
    if (c) paid.push(c);
  }
  if (assetOut > 0n && m.assetAddress !== undefined) {
    const a = payout(ctx, p, m.pool, assetOut, m.assetAddress, ctx.height);
    if (a) paid.push(a);
  }
  const asymmetry = m.side === 'sym' ? '0' : m.side === 'asset' ? '1' : '-1';
  const memo = `${it.memoPrefix}:${m.pool}:${bps}${m.side === 'sym' ? '' : `:${m.side === 'asset' ? m.pool : NATIVE_ASSET}`}`;
  return makeAction({
    dateNs,
    height: ctx.height,
    ins: [request],
    metadata: {
      withdraw: {
        asymmetry,
        basisPoints: bps.toString(),
        impermanentLossProtection: '0',
        liquidityUnits: (-units).toString(),
        memo,
        networkFees: paid.map((x) => x.fee),
      },
    },
    outs: paid.map((x) => x.tx),
    pools: [m.pool],
    status: 'success',
    type: 'withdraw',
  });
}

/** A plain transfer between Maya accounts: touches no pool. Midgard repeats the tx id on both sides. */
export function executeSend(ctx: ExecContext, it: SendIntent): MidgardAction {
  const txid = txId(ctx.rng);
  const c = [coin(it.asset, it.amount)];
  return makeAction({
    dateNs: ctx.nextDate(),
    height: ctx.height,
    ins: [inTx(it.from, c, txid)],
    metadata: it.memo ? { send: { memo: it.memo } } : {},
    outs: [{ address: it.to, coins: c.map((x) => ({ ...x })), height: String(ctx.height), txID: txid }],
    pools: [],
    status: 'success',
    type: 'send',
  });
}
