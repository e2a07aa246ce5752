import { addDays } from '../chain';
import type { ChainDay } from '../chain';
import { growth } from '../chain';
import { simulatedChainDays } from '../chain';
import type { FlipsideChain } from '../chain';
import { renderPrompt } from '../traces';
import { HORIZON_DAYS } from '../traces';
import type { RewardInput } from '../rewards';
import type { AttackContext, AttackTask, GamingAttack } from './attack-types';
import { TIERS, writeTier, type Outcome, type Tier } from './tiers';

/**
 * The calibration set: simulated chain-days (seeded, labelled sim), the real prompt of each
 * (day, task), the realised 7-day outcome from the row 7 days later, and one authored analysis
 * per tier. Days rotate through the tasks; adversarial examples rotate through the attacks.
 */
export interface CalibrationCase {
  id: string;
  /** A tier, or 'heldout' for the held-out gaming attempts. */
  group: Tier | 'heldout';
  variant: string;
  task: AttackTask;
  chain: string;
  date: string;
  input: RewardInput;
}

export interface CalibrationOptions {
  seed: number;
  chains: readonly FlipsideChain[];
  from: string;
  to: string;
  /** Every `stride`-th day (default 2). */
  stride?: number;
}

export const CALIBRATION_TASKS: readonly AttackTask[] = ['predict7d', 'analytical', 'risk', 'opportunity'];

export interface Context {
  ctx: AttackContext;
  outcome: Outcome;
}

/** One context per sampled (chain, day): row, 14 days of history, prompt, realised outcome. */
export function calibrationContexts(o: CalibrationOptions): Context[] {
  const rows = simulatedChainDays(o.seed, o.chains, addDays(o.from, -14), addDays(o.to, HORIZON_DAYS));
  const out: Context[] = [];
  let k = 0;
  for (const chain of o.chains) {
    const mine = rows.filter((r) => r.chain === chain);
    const byDate = new Map(mine.map((r) => [r.date, r]));
    mine.forEach((row, i) => {
      if (row.date < o.from || row.date > o.to || row.missing || i % (o.stride ?? 2) !== 0) return;
      const later = byDate.get(addDays(row.date, HORIZON_DAYS));
      if (!later || later.missing) return;
      const history = mine.filter((r) => r.date < row.date && r.date >= addDays(row.date, -14) && !r.missing);
      const task = CALIBRATION_TASKS[k % CALIBRATION_TASKS.length] as AttackTask;
      const prompt = (renderPrompt({ task, row, history }).messages[0] as { content: string }).content;
      out.push({
        ctx: { task, row, history, prompt, seed: o.seed * 100_003 + k },
        outcome: {
          tx_growth_7d: growth(later.transactions, row.transactions),
          user_growth_7d: growth(later.activeSenders, row.activeSenders),
        },
      });
      k++;
    });
  }
  return out;
}

function toInput(c: Context, w: { reasoning: string; answer: string; truncated?: boolean }): RewardInput {
  const row: ChainDay = c.ctx.row;
  return {
    task: c.ctx.task,
    reasoning: w.reasoning,
    answer: w.answer,
    rows: [row],
    history: c.ctx.history,
    outcome: c.outcome,
    prompt: c.ctx.prompt,
    truncated: w.truncated ?? false,
  };
}

/** Every tier for every context. */
export function calibrationCases(contexts: readonly Context[]): CalibrationCase[] {
  return contexts.flatMap((c, i) =>
    TIERS.map((tier) => {
      const w = writeTier(tier, c.ctx, c.outcome, i);
      return {
        id: `${c.ctx.row.chain}/${c.ctx.row.date}/${c.ctx.task}/${tier}`,
        group: tier,
        variant: w.variant,
        task: c.ctx.task,
        chain: c.ctx.row.chain,
        date: c.ctx.row.date,
        input: toInput(c, w),
      };
    }),
  );
}

/** The held-out gaming attempts, each on `perAttack` contexts (rotating). */
export function heldoutCases(
  contexts: readonly Context[],
  attacks: readonly GamingAttack[],
  perAttack: number,
): CalibrationCase[] {
  const out: CalibrationCase[] = [];
  attacks.forEach((a, j) => {
    for (let n = 0; n < perAttack && contexts.length; n++) {
      const c = contexts[(j * 7 + n * 13) % contexts.length] as Context;
      const w = a.build(c.ctx);
      out.push({
        id: `${c.ctx.row.chain}/${c.ctx.row.date}/${c.ctx.task}/heldout/${a.name}`,
        group: 'heldout',
        variant: a.name,
        task: c.ctx.task,
        chain: c.ctx.row.chain,
        date: c.ctx.row.date,
        input: toInput(c, w),
      });
    }
  });
  return out;
}
