import type { Coin, MidgardAction, Transaction } from '../schema';

/**
 * Builders for Midgard `/v2/actions` JSON, keeping Midgard's key order (alphabetical, as in
 * the fixtures) so output compares byte for byte. Amounts arrive as bigint, leave as strings.
 */

export function coin(asset: string, amount: bigint): Coin {
  return { amount: amount.toString(), asset };
}

/** An inbound transaction (no height: Midgard gives inbounds none). */
export function inTx(address: string, coins: Coin[], txID: string): Transaction {
  return { address, coins, txID };
}

/** An outbound, observed at `height`; `txID` is "" for native Maya outbounds. */
export function outTx(address: string, coins: Coin[], txID: string, height: number): Transaction {
  return { address, coins, height: String(height), txID };
}

export interface ActionParts {
  dateNs: bigint;
  height: number;
  ins: Transaction[];
  metadata: MidgardAction['metadata'];
  outs: Transaction[];
  pools: string[];
  status: string;
  type: string;
}

export function makeAction(p: ActionParts): MidgardAction {
  return {
    date: p.dateNs.toString(),
    height: String(p.height),
    in: p.ins,
    metadata: p.metadata,
    out: p.outs,
    pools: p.pools,
    status: p.status,
    type: p.type,
  };
}

export interface SwapMemoParts {
  /** "=", "s", "SWAP" … */
  prefix: string;
  /** Target asset as written in the memo (full or short form). */
  asset: string;
  destination: string;
  /** "" (none), a limit ("123"), or streaming "LIMIT/INTERVAL/QUANTITY". */
  limit: string;
  affiliate?: { name: string; bps: number };
}

/** THORChain/Maya swap memo `PREFIX:ASSET:DEST:LIMIT[:AFFILIATE:BPS]`, trailing empty fields dropped. */
export function swapMemo(m: SwapMemoParts): string {
  const parts = [m.prefix, m.asset, m.destination, m.limit];
  if (m.affiliate) parts.push(m.affiliate.name, String(m.affiliate.bps));
  while (parts.length > 3 && parts[parts.length - 1] === '') parts.pop();
  return parts.join(':');
}

/** Refund reason THORNode gives when the swap output misses the memo's limit. */
export function priceLimitReason(emitted: bigint, limit: bigint): string {
  return `emit asset ${emitted} less than price limit ${limit}`;
}

/** USD price as Midgard prints it: a plain decimal string. */
export function usdString(x: number): string {
  return Number.isFinite(x) && x > 0 ? String(x) : '0';
}
