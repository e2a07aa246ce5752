import { sha256 } from '../core';
import type { MidgardAction } from './schema';

type Tx = MidgardAction['in'][number];

/** `txID/address/amountasset+amountasset`: one transaction's part of the identity. */
function txKey(t: Tx): string {
  let coins = '';
  for (let i = 0; i < t.coins.length; i++) {
    const c = t.coins[i] as Tx['coins'][number];
    coins += i === 0 ? c.amount + c.asset : `+${c.amount}${c.asset}`;
  }
  return `${t.txID}/${t.address}/${coins}`;
}

/** The transactions' keys in sorted order, comma-joined; one transaction (the usual case) needs no array. */
function txsKey(txs: Tx[]): string {
  if (txs.length === 0) return '';
  if (txs.length === 1) return txKey(txs[0] as Tx);
  return txs.map(txKey).sort().join(',');
}

/**
 * Stable identity of an action: type, height, date and the in/out transactions. Midgard gives
 * actions no id of their own, and the same action can arrive on two pages (or twice on one
 * page), so this is what de-duplication keys on. Transaction ids alone are not enough: in the
 * recorded Maya feed one inbound tx yields two swaps in the same block (the affiliate part and
 * the rest) whose outbounds to the native chain have empty txIDs, so each transaction also
 * contributes its address and coins. Hashed text:
 * `type|height|date|in:<tx>,<tx>|out:<tx>` with each tx `txID/address/amountasset+amountasset`
 * and the txs of a side sorted (JS string order); the id is the first 32 hex digits of its SHA-256.
 * Written as loops, not map/join, because ingest computes it for every action.
 */
export function actionIdentity(a: MidgardAction): string {
  return sha256(`${a.type}|${a.height}|${a.date}|in:${txsKey(a.in)}|out:${txsKey(a.out)}`).slice(0, 32);
}

/** Ascending chain order: height, then date (ns), then the identity as a deterministic tiebreak. */
export function compareActions(
  a: { height: bigint; dateNs: bigint; id: string },
  b: { height: bigint; dateNs: bigint; id: string },
): number {
  if (a.height !== b.height) return a.height < b.height ? -1 : 1;
  if (a.dateNs !== b.dateNs) return a.dateNs < b.dateNs ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
