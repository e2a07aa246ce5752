import { z } from 'zod';
import { sha256 } from '../../core/hash';
import { SOURCES } from '../../chain';
import { IsoDateSchema } from '../../chain';
import { ChainDaySchema, type ChainDay } from '../../chain';
import { DirectionSchema } from '../prompts/answer';
import { HORIZON_DAYS } from '../prompts/version';
import { TaskSchema, TraceChainSchema, type TraceRecord } from '../record';

/**
 * The dataset's record formats, in TRL's conventions: SFT records are conversations
 * (`messages`), GRPO records are prompt-only (`prompt` as a conversation) plus the columns the
 * reward functions read. Column names are snake_case, as Hugging Face datasets usually are.
 */

const UserTurn = z.object({ role: z.literal('user'), content: z.string().min(1) }).strict();
const AssistantTurn = z.object({ role: z.literal('assistant'), content: z.string().min(1) }).strict();

const Meta = {
  id: z.string(),
  chain: TraceChainSchema,
  date: IsoDateSchema,
  task: TaskSchema,
  prompt_version: z.string(),
  source: z.enum(SOURCES),
};

export const SftRecordSchema = z
  .object({ messages: z.tuple([UserTurn, AssistantTurn]), ...Meta, model: z.string() })
  .strict();
export type SftRecord = z.infer<typeof SftRecordSchema>;

/** The realised change from the record's day to `date_end` (= date + horizon), from later rows only. */
export const OutcomeSchema = z
  .object({
    date_end: IsoDateSchema,
    tx_growth_7d: z.number().finite().nullable(),
    user_growth_7d: z.number().finite().nullable(),
    direction_tx: DirectionSchema.nullable(),
    direction_users: DirectionSchema.nullable(),
  })
  .strict();
export type Outcome = z.infer<typeof OutcomeSchema>;

export const GrpoRecordSchema = z
  .object({
    prompt: z.tuple([UserTurn]),
    ...Meta,
    horizon_days: z.literal(HORIZON_DAYS),
    input_row: ChainDaySchema,
    outcome: OutcomeSchema.nullable(),
    /** Why `outcome` is null once joined (no later row, missing day…); null before the join. */
    outcome_reason: z.string().nullable(),
  })
  .strict();
export type GrpoRecord = z.infer<typeof GrpoRecordSchema>;

/** `<think>reasoning</think>\nanswer`: the reasoning AND the answer, never one without the other. */
export function assistantContent(reasoning: string, answer: string): string {
  return `<think>${reasoning.trim()}</think>\n${answer.trim()}`;
}

function userContent(r: TraceRecord): string {
  const m = r.prompt[0];
  if (!m || r.prompt.length !== 1) throw new Error(`trace ${r.id}: expected exactly one user message`);
  return m.content;
}

export function toSft(r: TraceRecord): SftRecord {
  return {
    messages: [
      { role: 'user', content: userContent(r) },
      { role: 'assistant', content: assistantContent(r.reasoning, r.answer) },
    ],
    id: r.id,
    chain: r.chain,
    date: r.date,
    task: r.task,
    prompt_version: r.promptVersion,
    source: r.source,
    model: r.model,
  };
}

/** The identity of a prompt (a GRPO record's `id`): its version, task and text; the samples of one prompt share it. */
export function promptId(promptVersion: string, task: string, content: string): string {
  return sha256(`${promptVersion}\n${task}\n${content}`);
}

/** A prompt-only record of a single-chain trace; `id` is the prompt's identity (shared by its samples). */
export function toGrpo(r: TraceRecord, promptId: string): GrpoRecord {
  if (Array.isArray(r.input)) throw new Error(`trace ${r.id}: GRPO records take one input row`);
  const row: ChainDay = r.input;
  return {
    prompt: [{ role: 'user', content: userContent(r) }],
    id: promptId,
    chain: r.chain,
    date: r.date,
    task: r.task,
    prompt_version: r.promptVersion,
    source: r.source,
    horizon_days: HORIZON_DAYS,
    input_row: row,
    outcome: null,
    outcome_reason: null,
  };
}
