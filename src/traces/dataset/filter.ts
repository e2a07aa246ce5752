import { DEFAULT_CONFIG, scoreCompletion, type OutcomeLike, type RewardConfig, type RewardInput } from '../../rewards';
import { inputRows, type TraceRecord } from '../record';

/**
 * Why a trace cannot become a training example, checked in this order. A record is kept only
 * with its prompt, its reasoning AND its answer (the earlier prototype kept R1's thinking and
 * threw its answer away), untruncated, and, for predictions, with a valid answer block.
 */
export const RECORD_DROP_REASONS = [
  'no_prompt',
  'failed',
  'truncated',
  'empty_answer',
  'no_reasoning',
  'think_tag_in_text',
  'no_answer_block',
] as const;
export type RecordDropReason = (typeof RECORD_DROP_REASONS)[number];

const THINK_TAG = /<\/?think>/i;

export function recordDropReason(r: TraceRecord): RecordDropReason | null {
  if (r.prompt.length !== 1) return 'no_prompt';
  if (r.error !== null || r.finishReason === 'error') return 'failed';
  if (r.truncated || r.finishReason === 'length') return 'truncated';
  if (!r.answer.trim()) return 'empty_answer';
  if (!r.reasoning.trim()) return 'no_reasoning';
  // A stray tag would break the <think>…</think> framing of the assistant turn.
  if (THINK_TAG.test(r.reasoning) || THINK_TAG.test(r.answer)) return 'think_tag_in_text';
  if (r.task === 'predict7d' && r.answerBlock === null) return 'no_answer_block';
  return null;
}

/** The reward module's verdict on a trace. */
export interface QualityVerdict {
  keep: boolean;
  /** Short reason when not kept; counted as `quality:<reason>`. */
  reason?: string;
  score?: number;
}
export type QualityFilter = (r: TraceRecord) => QualityVerdict;

export const passThrough: QualityFilter = () => ({ keep: true });

/** What the reward module reads of a trace: its task, reasoning, answer, rows, history and prompt (and an outcome once known). */
export function traceRewardInput(r: TraceRecord, outcome: OutcomeLike | null = null): RewardInput {
  return {
    task: r.task,
    reasoning: r.reasoning,
    answer: r.answer,
    rows: inputRows(r.input),
    history: r.history,
    prompt: r.prompt[0]?.content,
    truncated: r.truncated,
    outcome,
  };
}

/** The default reward threshold of `workbench traces build` (composite, outcome not yet known). */
export const DEFAULT_MIN_REWARD = 0.25;

/**
 * The quality filter through the reward module: a trace aimed at the grader is dropped whatever
 * it scores; otherwise it is kept when its composite reward (outcome accuracy does not apply
 * yet: outcomes are joined after the split) reaches `minReward`.
 */
export function rewardFilter(opts: { minReward?: number; config?: RewardConfig } = {}): QualityFilter {
  const min = opts.minReward ?? DEFAULT_MIN_REWARD;
  const config = opts.config ?? DEFAULT_CONFIG;
  return (r) => {
    const s = scoreCompletion(traceRewardInput(r), config);
    if (s.penalties.injection.score === 0) return { keep: false, reason: 'grader_directed', score: s.composite };
    return s.composite >= min
      ? { keep: true, score: s.composite }
      : { keep: false, reason: 'low_reward', score: s.composite };
  };
}
