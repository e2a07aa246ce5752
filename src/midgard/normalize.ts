import { actionIdentity } from './identity';
import type { MidgardAction } from './schema';

/**
 * The stored form of an action: the columns researchers query, plus the raw JSON (the source
 * of truth, exported back unchanged). Amounts are bigint (DuckDB HUGEINT), never JS numbers.
 */
export interface ActionRow {
  id: string;
  chain: string;
  height: bigint;
  dateNs: bigint;
  type: string;
  status: string;
  pools: string;
  inAddress: string | null;
  inAsset: string | null;
  inAmount: bigint | null;
  inTxId: string | null;
  inCount: number;
  outAddress: string | null;
  outAsset: string | null;
  outAmount: bigint | null;
  outTxId: string | null;
  outCount: number;
  /** Native-asset units (RUNE 1e8 / CACAO 1e10). */
  liquidityFee: bigint | null;
  swapSlipBps: number | null;
  swapTarget: bigint | null;
  affiliateAddress: string | null;
  /** Basis points, not an amount. */
  affiliateFeeBps: number | null;
  isStreaming: boolean | null;
  streamingCount: number | null;
  streamingQuantity: number | null;
  memo: string | null;
  liquidityUnits: bigint | null;
  withdrawBps: number | null;
  reason: string | null;
  rawJson: string;
}

const big = (s: string | undefined): bigint | null => (s === undefined ? null : BigInt(s));
const int = (s: string | undefined): number | null => (s === undefined ? null : Number(s));

export function toRow(a: MidgardAction, chain: string): ActionRow {
  const firstIn = a.in[0];
  const firstOut = a.out[0];
  const swap = a.metadata.swap;
  const stream = swap?.streamingSwapMeta;
  const withdraw = a.metadata.withdraw;
  const refund = a.metadata.refund;
  return {
    id: actionIdentity(a),
    chain,
    height: BigInt(a.height),
    dateNs: BigInt(a.date),
    type: a.type,
    status: a.status,
    pools: a.pools.join(','),
    inAddress: firstIn?.address ?? null,
    inAsset: firstIn?.coins[0]?.asset ?? null,
    inAmount: big(firstIn?.coins[0]?.amount),
    inTxId: firstIn?.txID ?? null,
    inCount: a.in.length,
    outAddress: firstOut?.address ?? null,
    outAsset: firstOut?.coins[0]?.asset ?? null,
    outAmount: big(firstOut?.coins[0]?.amount),
    outTxId: firstOut?.txID ?? null,
    outCount: a.out.length,
    liquidityFee: big(swap?.liquidityFee),
    swapSlipBps: int(swap?.swapSlip),
    swapTarget: big(swap?.swapTarget),
    affiliateAddress: swap?.affiliateAddress || refund?.affiliateAddress || null,
    affiliateFeeBps: int(swap?.affiliateFee ?? refund?.affiliateFee),
    isStreaming: swap?.isStreamingSwap ?? null,
    streamingCount: int(stream?.count),
    streamingQuantity: int(stream?.quantity),
    memo: swap?.memo ?? refund?.memo ?? withdraw?.memo ?? null,
    liquidityUnits: big(a.metadata.addLiquidity?.liquidityUnits ?? withdraw?.liquidityUnits),
    withdrawBps: int(withdraw?.basisPoints),
    reason: refund?.reason ?? a.metadata.failed?.reason ?? null,
    rawJson: JSON.stringify(a),
  };
}
