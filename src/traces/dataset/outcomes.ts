import type { ChainDay } from '../../chain';
import { addDays } from '../../chain';
import { growth } from '../../chain';
import { directionOf } from '../prompts/answer';
import { HORIZON_DAYS } from '../prompts/version';
import type { GrpoRecord, Outcome } from './records';

export interface JoinSummary {
  joined: number;
  missing: Record<string, number>;
}

/**
 * The realised 7-day change of a record's chain: transactions (and active senders) on
 * date + 7 over those of the record's own input row, minus 1 — the definition the prompt gives
 * and `txGrowth7dFrac` uses. Only rows dated after the record's date are looked at.
 */
export function realisedOutcome(
  rec: Pick<GrpoRecord, 'chain' | 'date' | 'input_row'>,
  rows: readonly ChainDay[],
): { outcome: Outcome | null; reason: string | null } {
  const later = rows.filter((r) => r.chain === rec.chain && r.date > rec.date);
  const end = addDays(rec.date, HORIZON_DAYS);
  const target = later.filter((r) => r.date === end);
  if (target.length > 1) return { outcome: null, reason: `${target.length} rows for ${rec.chain} ${end}` };
  const t = target[0];
  if (!t) return { outcome: null, reason: `no row for ${rec.chain} ${end}` };
  if (t.missing) return { outcome: null, reason: `${rec.chain} ${end} is a missing day` };
  const tx = growth(t.transactions, rec.input_row.transactions);
  const users = growth(t.activeSenders, rec.input_row.activeSenders);
  if (tx === null && users === null)
    return { outcome: null, reason: `no transactions or active senders on ${rec.chain} ${rec.date} and ${end}` };
  return {
    outcome: {
      date_end: end,
      tx_growth_7d: tx,
      user_growth_7d: users,
      direction_tx: tx === null ? null : directionOf(tx),
      direction_users: users === null ? null : directionOf(users),
    },
    reason: null,
  };
}

/** GRPO records with `outcome` filled from later rows (null with `outcome_reason` when it cannot be). */
export function joinOutcomes(
  records: readonly GrpoRecord[],
  chainDays: readonly ChainDay[],
): { records: GrpoRecord[]; summary: JoinSummary } {
  const byChain = new Map<string, ChainDay[]>();
  for (const r of chainDays) {
    const list = byChain.get(r.chain);
    if (list) list.push(r);
    else byChain.set(r.chain, [r]);
  }
  const summary: JoinSummary = { joined: 0, missing: {} };
  const out = records.map((rec) => {
    const { outcome, reason } = realisedOutcome(rec, byChain.get(rec.chain) ?? []);
    if (outcome) summary.joined++;
    else {
      const key = (reason ?? 'unknown').replace(/ \d{4}-\d{2}-\d{2}/g, '').replace(/^\d+ rows/, 'several rows');
      summary.missing[key] = (summary.missing[key] ?? 0) + 1;
    }
    return { ...rec, outcome, outcome_reason: reason };
  });
  return { records: out, summary };
}
