import { z } from 'zod';
import { sha256 } from '../core/hash';
import { CHAIN_IDS, SOURCES } from '../chain';
import { IsoDateSchema } from '../chain';
import { ChainDaySchema, type ChainDay } from '../chain';
import { AnswerBlockSchema, parseAnswerBlock } from './prompts/answer';
import { CROSS_CHAIN, TASKS, type Sampling } from './prompts/version';

/**
 * One generated trace: a (row, task) prompt, the model's reasoning and answer, and everything
 * needed to judge, reproduce and cost it. One JSON line each; `id` is a hash of what defines
 * the generation, so a rerun writes the same id and resumable writers skip it.
 */

export const TaskSchema = z.enum(TASKS);
export const TraceChainSchema = z.union([z.enum(CHAIN_IDS), z.literal(CROSS_CHAIN)]);
export type TraceChain = z.infer<typeof TraceChainSchema>;

/** Prompts are a single user turn (R1: no system prompt). */
export const PromptMessageSchema = z.object({ role: z.literal('user'), content: z.string().min(1) }).strict();

export const SamplingSchema = z
  .object({
    temperature: z.number().min(0).max(2).nullable(),
    topP: z.number().gt(0).max(1).nullable(),
    maxTokens: z.number().int().positive().nullable(),
    seed: z.number().int().nullable(),
  })
  .strict();

const Tokens = z.number().int().nonnegative().nullable();
export const TraceUsageSchema = z
  .object({
    promptTokens: Tokens,
    completionTokens: Tokens,
    reasoningTokens: Tokens,
    costUsd: z.number().nonnegative().finite().nullable(),
  })
  .strict();
export const TimingsSchema = z
  .object({ latencyMs: z.number().nonnegative().nullable(), firstTokenMs: z.number().nonnegative().nullable() })
  .strict();

const SECRETISH = /key|token|secret|auth|sig|password/i;
/** A base URL that carries no credential (no user info, no key-like query parameter, no sk-… string). */
export function endpointHasSecret(url: string): boolean {
  if (/sk-[A-Za-z0-9_-]{12,}/.test(url)) return true;
  try {
    const u = new URL(url);
    return Boolean(u.username || u.password) || [...u.searchParams.keys()].some((k) => SECRETISH.test(k));
  } catch {
    return false;
  }
}
export const EndpointSchema = z
  .string()
  .url()
  .refine((u) => !endpointHasSecret(u), 'the endpoint must be a base URL without any credential');

/** A defect of imported data: `refuse` keeps a record out, `flag` keeps it with the defect named. */
export const DefectSchema = z
  .object({ code: z.string(), severity: z.enum(['refuse', 'flag']), detail: z.string() })
  .strict();
export type Defect = z.infer<typeof DefectSchema>;

/** Where an imported record came from, its defects, and the original record unchanged. */
export const ImportInfoSchema = z
  .object({
    format: z.literal('cortex1'),
    variant: z.enum(['r1-traces-raw', 'market-reasoning']),
    file: z.string(),
    line: z.number().int().positive(),
    flags: z.array(DefectSchema),
    original: z.record(z.unknown()),
  })
  .strict();
export type ImportInfo = z.infer<typeof ImportInfoSchema>;

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

export const TraceRecordFieldsSchema = z
  .object({
    id: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 hex'),
    promptVersion: z.string().min(1),
    task: TaskSchema,
    chain: TraceChainSchema,
    date: IsoDateSchema,
    /** The row the prompt was rendered from; one row per chain for cross-chain. */
    input: z.union([ChainDaySchema, z.array(ChainDaySchema).min(2)]),
    /** Earlier rows the prompt showed, all dated before `date`. */
    history: z.array(ChainDaySchema),
    prompt: z.array(PromptMessageSchema),
    sampling: SamplingSchema,
    /** 0 for the first sample of a (row, task, model, sampling); part of the id. */
    sample: z.number().int().nonnegative(),
    model: z.string().min(1),
    provider: z.string().nullable(),
    reasoning: z.string(),
    answer: z.string(),
    answerBlock: AnswerBlockSchema.nullable(),
    answerBlockError: z.string().nullable(),
    finishReason: z.string().nullable(),
    truncated: z.boolean(),
    /** Why the generation failed (reasoning and answer then hold whatever arrived); null on success. */
    error: z.string().nullable(),
    usage: TraceUsageSchema,
    timings: TimingsSchema,
    generationId: z.string().nullable(),
    createdAt: z.string().regex(ISO_TIMESTAMP, 'ISO 8601 timestamp'),
    source: z.enum(SOURCES),
    /** Base URL of the server that answered; null only for imported records that did not say. */
    endpoint: EndpointSchema.nullable(),
    imported: ImportInfoSchema.optional(),
  })
  .strict();

export function inputRows(input: ChainDay | ChainDay[]): ChainDay[] {
  return Array.isArray(input) ? input : [input];
}

export const TraceRecordSchema = TraceRecordFieldsSchema.superRefine((r, ctx) => {
  const bad = (message: string, path: string): void =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, message, path: [path] });
  const cross = r.task === 'crossChain';
  if (cross !== (r.chain === CROSS_CHAIN) || cross !== Array.isArray(r.input))
    bad(
      `task ${r.task} needs ${cross ? `chain "${CROSS_CHAIN}" and an array of rows` : 'one chain and one row'}`,
      'input',
    );
  const rows = inputRows(r.input);
  for (const row of rows) {
    if (row.date !== r.date) bad(`input row of ${row.chain} is dated ${row.date}, the record ${r.date}`, 'input');
    if (row.missing) bad(`input row of ${row.chain} ${row.date} is a missing day`, 'input');
    if (row.source !== null && row.source !== r.source)
      bad(`input row source ${row.source} differs from the record's ${r.source}`, 'source');
    if (!cross && row.chain !== r.chain) bad(`input row is of ${row.chain}, the record of ${r.chain}`, 'input');
  }
  const chains = new Set(rows.map((x) => x.chain));
  for (const h of r.history) {
    if (!(h.date < r.date)) bad(`history row ${h.chain} ${h.date} is not before ${r.date}`, 'history');
    if (!chains.has(h.chain)) bad(`history row of ${h.chain} is not one of the input chains`, 'history');
  }
  if (r.imported ? r.prompt.length > 1 : r.prompt.length !== 1) bad('the prompt is exactly one user message', 'prompt');
  if (r.answerBlock !== null && r.answerBlockError !== null)
    bad('answerBlock and answerBlockError are exclusive', 'answerBlock');
  if (r.task !== 'predict7d' && (r.answerBlock !== null || r.answerBlockError !== null))
    bad('only predict7d answers carry an answer block', 'answerBlock');
});
export type TraceRecord = z.infer<typeof TraceRecordSchema>;

export interface TraceKey {
  promptVersion: string;
  task: string;
  chain: string;
  /** The input chains (for cross-chain, which chains were compared). */
  chains: readonly string[];
  date: string;
  model: string;
  sampling: Sampling;
  sample?: number;
  /** Anything else that distinguishes records (imports: file and line). */
  extra?: Readonly<Record<string, string | number>>;
}

/** sha256 of prompt version, task, chain(s), date, model, sampling and sample index: a rerun gets the same id. */
export function traceId(k: TraceKey): string {
  const s = k.sampling;
  const extra = Object.entries(k.extra ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return sha256(
    JSON.stringify([
      'trace/1',
      k.promptVersion,
      k.task,
      k.chain,
      [...k.chains].sort(),
      k.date,
      k.model,
      [s.temperature, s.topP, s.maxTokens, s.seed],
      k.sample ?? 0,
      extra,
    ]),
  );
}

/** What a generation returned (a structural subset of the LLM client's Completion). */
export interface GenerationResult {
  reasoning: string;
  answer: string;
  finishReason: string | null;
  truncated: boolean;
  usage: {
    promptTokens: number | null;
    completionTokens: number | null;
    reasoningTokens: number | null;
    costUsd: number | null;
  };
  generationId: string | null;
  provider: string | null;
  latencyMs: number | null;
  firstTokenMs: number | null;
  error?: string | null;
}

export interface RenderedForRecord {
  promptVersion: string;
  task: z.infer<typeof TaskSchema>;
  chain: TraceChain;
  date: string;
  input: ChainDay | ChainDay[];
  history: ChainDay[];
  messages: readonly { role: 'user'; content: string }[];
  sampling: Sampling;
}

/**
 * A validated TraceRecord from a rendered prompt and its generation: the id is computed, a
 * prediction's answer block parsed (or its error kept), the source taken from the input rows.
 */
export function makeTraceRecord(
  p: RenderedForRecord,
  g: GenerationResult,
  meta: { model: string; endpoint: string; createdAt: string; sample?: number },
): TraceRecord {
  const rows = inputRows(p.input);
  const source = rows[0]?.source;
  if (!source) throw new Error(`${p.chain} ${p.date}: the input row has no source`);
  const parsed =
    p.task === 'predict7d' && !g.error
      ? parseAnswerBlock(g.answer, { usersAvailable: (rows[0] as ChainDay).activeSenders !== null })
      : null;
  const record = {
    id: traceId({
      promptVersion: p.promptVersion,
      task: p.task,
      chain: p.chain,
      chains: rows.map((r) => r.chain),
      date: p.date,
      model: meta.model,
      sampling: p.sampling,
      sample: meta.sample ?? 0,
    }),
    promptVersion: p.promptVersion,
    task: p.task,
    chain: p.chain,
    date: p.date,
    input: p.input,
    history: p.history,
    prompt: [...p.messages],
    sampling: p.sampling,
    sample: meta.sample ?? 0,
    model: meta.model,
    provider: g.provider,
    reasoning: g.reasoning,
    answer: g.answer,
    answerBlock: parsed?.ok ? parsed.block : null,
    answerBlockError: parsed && !parsed.ok ? parsed.error : null,
    finishReason: g.finishReason,
    truncated: g.truncated,
    error: g.error ?? null,
    usage: g.usage,
    timings: { latencyMs: g.latencyMs, firstTokenMs: g.firstTokenMs },
    generationId: g.generationId,
    createdAt: meta.createdAt,
    source,
    endpoint: meta.endpoint,
  };
  return TraceRecordSchema.parse(record);
}
