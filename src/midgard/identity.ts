import { sha256 } from '../core';
import type { MidgardAction } from './schema';

/**
 * Stable identity of an action: type, height, date and the in/out transactions. Midgard gives
 * actions no id of their own, and the same action can arrive on two pages (or twice on one
 * page), so this is what de-duplication keys on. Transaction ids alone are not enough: in the
 * recorded Maya feed one inbound tx yields two swaps in the same block (the affiliate part and
 * the rest) whose outbounds to the native chain have empty txIDs, so each transaction also
 * contributes its address and coins.
 */
export function actionIdentity(a: MidgardAction): string {
  const tx = (t: MidgardAction['in'][number]) =>
    `${t.txID}/${t.address}/${t.coins.map((c) => `${c.amount}${c.asset}`).join('+')}`;
  const ins = a.in.map(tx).sort().join(',');
  const outs = a.out.map(tx).sort().join(',');
  return sha256(`${a.type}|${a.height}|${a.date}|in:${ins}|out:${outs}`).slice(0, 32);
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
