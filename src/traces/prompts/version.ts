/**
 * Prompt versioning and sampling defaults. Bump PROMPT_VERSION whenever a template's wording,
 * a formatting rule or the answer-block contract changes: it is part of every trace id, so
 * traces from different templates never collide or mix silently.
 */
export const PROMPT_VERSION = 'prompts/3';

/** The task types. `crossChain` takes several chains' rows of one day; the rest take one row. */
export const TASKS = ['predict7d', 'analytical', 'risk', 'opportunity', 'crossChain'] as const;
export type Task = (typeof TASKS)[number];
export type SingleChainTask = Exclude<Task, 'crossChain'>;

/** Days ahead the prediction task forecasts and GRPO outcomes are measured over. */
export const HORIZON_DAYS = 7;

/** |growth| below this is "flat" (2%); the prompt states it, outcomes and rewards use it (one definition, in the rewards' contract). */
export { FLAT_BAND } from '../../contract';

/** Days of history shown before the row's day (chosen to cover the 7-day lag twice). */
export const HISTORY_DAYS = 14;

/**
 * DeepSeek's R1 guidance: no system prompt (every instruction in the user turn), temperature
 * 0.6, top-p 0.95. `maxTokens`/`seed` null = the server's default.
 */
export interface Sampling {
  temperature: number | null;
  topP: number | null;
  maxTokens: number | null;
  seed: number | null;
}
export const SAMPLING_DEFAULTS: Readonly<Sampling> = Object.freeze({
  temperature: 0.6,
  topP: 0.95,
  maxTokens: null,
  seed: null,
});

/** The `chain` of a cross-chain trace (its rows name their chains). */
export const CROSS_CHAIN = 'cross-chain';
