import type { ChainDay } from '../chain';

/**
 * A gaming attempt against the reward functions: given the prompt a policy saw, it writes a
 * completion meant to score well without being a good analysis. The held-out set
 * (heldout-gaming.ts) was written separately from the rewards and never tuned on.
 */
export type AttackTask = 'predict7d' | 'analytical' | 'risk' | 'opportunity';

export interface AttackContext {
  task: AttackTask;
  /** The row the prompt was rendered from (the day being analysed). */
  row: ChainDay;
  /** Rows of the same chain from the days before, oldest first (what the prompt's table shows). */
  history: readonly ChainDay[];
  /** The user message the policy was given. */
  prompt: string;
  /** A seed for any variation the attack wants (deterministic). */
  seed: number;
}

export interface GamingAttack {
  name: string;
  /** What the attack tries to exploit, in one sentence. */
  idea: string;
  build(ctx: AttackContext): { reasoning: string; answer: string };
}
