import { z } from 'zod';
import type { TraceRecord } from '../record';

const Counts = z.record(z.number().int().nonnegative());
const SplitCounts = z.object({ train: z.number().int(), eval: z.number().int() }).strict();
const Tokens = z
  .object({
    records: z.number().int(),
    promptTokens: z.number(),
    completionTokens: z.number(),
    reasoningTokens: z.number(),
    costUsd: z.number(),
    /** Records whose server reported no usage / no cost (their tokens are not in the sums). */
    usageUnreported: z.number().int(),
    costUnreported: z.number().int(),
  })
  .strict();
export type TokenTotals = z.infer<typeof Tokens>;

const SplitStats = z
  .object({
    train: z.number().int(),
    eval: z.number().int(),
    byChain: z.record(SplitCounts),
    byTask: z.record(SplitCounts),
  })
  .strict();

/** stats.json: what went in, what was dropped and why, what came out per split, chain and task. */
export const DatasetStatsSchema = z
  .object({
    input: z
      .object({
        records: z.number().int(),
        byTask: Counts,
        byChain: Counts,
        bySource: Counts,
        byModel: Counts,
        byPromptVersion: Counts,
      })
      .strict(),
    dropped: z.object({ total: z.number().int(), byReason: Counts }).strict(),
    sft: SplitStats,
    grpo: SplitStats.extend({ duplicatePrompts: z.number().int(), crossChainSkipped: z.number().int() }),
    split: z
      .object({
        method: z.string(),
        evalFraction: z.number(),
        gapDays: z.number().int(),
        trainCutoff: z.string().nullable(),
        globalEvalStart: z.string().nullable(),
        strata: z.array(
          z
            .object({
              stratum: z.string(),
              days: z.number(),
              trainDays: z.number(),
              evalDays: z.number(),
              gapDays: z.number(),
              trainFrom: z.string().nullable(),
              trainTo: z.string().nullable(),
              evalFrom: z.string().nullable(),
              evalTo: z.string().nullable(),
            })
            .strict(),
        ),
      })
      .strict(),
    tokens: z.object({ input: Tokens, sft: Tokens }).strict(),
    sources: z.array(z.string()),
    warnings: z.array(z.string()),
  })
  .strict();
export type DatasetStats = z.infer<typeof DatasetStatsSchema>;

export function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) out[key(it)] = (out[key(it)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function splitCounts<T>(
  train: readonly T[],
  evalSet: readonly T[],
  key: (t: T) => string,
): Record<string, { train: number; eval: number }> {
  const out: Record<string, { train: number; eval: number }> = {};
  for (const t of train) (out[key(t)] ??= { train: 0, eval: 0 }).train++;
  for (const t of evalSet) (out[key(t)] ??= { train: 0, eval: 0 }).eval++;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function tokenTotals(records: readonly TraceRecord[]): TokenTotals {
  const t: TokenTotals = {
    records: records.length,
    promptTokens: 0,
    completionTokens: 0,
    reasoningTokens: 0,
    costUsd: 0,
    usageUnreported: 0,
    costUnreported: 0,
  };
  for (const r of records) {
    const u = r.usage;
    if (u.promptTokens === null && u.completionTokens === null) t.usageUnreported++;
    t.promptTokens += u.promptTokens ?? 0;
    t.completionTokens += u.completionTokens ?? 0;
    t.reasoningTokens += u.reasoningTokens ?? 0;
    if (u.costUsd === null) t.costUnreported++;
    else t.costUsd += u.costUsd;
  }
  t.costUsd = Math.round(t.costUsd * 1e6) / 1e6;
  return t;
}
