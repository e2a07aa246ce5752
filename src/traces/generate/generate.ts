import { join } from 'node:path';
import { WorkbenchError } from '../../core/errors';
import { readInputText } from '../../core/files';
import { silentProgress, type Progress } from '../../core/progress';
import { createRng } from '../../core/rng';
import { ChainDaySchema, type ChainDay } from '../../chain';
import { chatComplete, isLlmError, type Completion, type LlmClient } from '../llm';
import type { ChatRequestInput } from '../llm/schema';
import { renderPrompt, TASKS, type RenderedPrompt, type Task } from '../prompts';
import { makeTraceRecord, traceId, type TraceRecord } from '../record';
import { AppendLog } from './append-log';
import { RequestCache } from './request-cache';
import { runJobs, type AttemptFailure, type Job, type RunSummary } from './runner';

export interface GenerateOptions {
  client: LlmClient;
  /** ChainDay rows (JSONL from `workbench chain collect`). */
  input: string;
  /** Trace records (JSONL, append-only; a rerun resumes). */
  out: string;
  model: string;
  tasks?: readonly Task[];
  /** At most this many input days (a seeded sample); default all. */
  n?: number;
  /** Completions per (day, task) (default 1): GRPO needs a group per prompt to check reward variance. Sample k > 0 sends seed k. */
  samples?: number;
  seed?: number;
  concurrency?: number;
  maxCostUsd?: number;
  /** Completion budget and reasoning budget (tokens). */
  maxTokens?: number;
  reasoningMaxTokens?: number;
  cacheDir?: string;
  /** Ask again with twice the budget when an answer was cut by the length limit (0 = keep it, marked truncated). */
  lengthRetries?: number;
  progress?: Progress;
  signal?: AbortSignal;
}

export interface GenerateSummary extends RunSummary {
  rowsRead: number;
  /** Days without data cannot be prompted. */
  missingRows: number;
  /** Lines of an earlier output that were not whole records, moved to the quarantine file on resume. */
  quarantined: { line: number; reason: string }[];
  quarantinePath: string;
}

/** Validated rows; a bad line is an error naming the file and the line. */
export function readChainDays(path: string): ChainDay[] {
  return readInputText(path, 'input', 'pass the JSONL that `workbench chain collect --out FILE` wrote')
    .split('\n')
    .flatMap((line, i) => {
      if (!line.trim()) return [];
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new WorkbenchError(
          `${path}:${i + 1} is not JSON`,
          'the input is the JSONL `workbench chain collect` writes',
        );
      }
      const r = ChainDaySchema.safeParse(json);
      if (!r.success)
        throw new WorkbenchError(
          `${path}:${i + 1}: invalid chain-day row at ${r.error.issues[0]?.path.join('.') || '(root)'}: ${r.error.issues[0]?.message}`,
        );
      return [r.data];
    });
}

/** One prompt per (day, task): seeded choice of days, cross-chain prompts per date with ≥ 2 chains. */
function prompts(rows: ChainDay[], tasks: readonly Task[], n: number | undefined, seed: number): RenderedPrompt[] {
  const usable = rows.filter((r) => !r.missing);
  const rng = createRng(seed);
  const order = usable
    .map((r) => ({ r, k: rng.next() }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.r);
  const chosen = (n === undefined ? order : order.slice(0, n)).sort((a, b) =>
    a.date === b.date ? (a.chain < b.chain ? -1 : 1) : a.date < b.date ? -1 : 1,
  );
  const out: RenderedPrompt[] = [];
  for (const task of tasks) {
    if (task === 'crossChain') {
      const dates = [...new Set(chosen.map((r) => r.date))];
      for (const d of dates) {
        const same = usable.filter((r) => r.date === d);
        if (same.length >= 2) out.push(renderPrompt({ task, rows: same, history: rows }));
      }
    } else for (const row of chosen) out.push(renderPrompt({ task, row, history: rows }));
  }
  return out;
}

function keyOf(p: RenderedPrompt, model: string, sample: number): string {
  const rows = Array.isArray(p.input) ? p.input : [p.input];
  return traceId({
    promptVersion: p.promptVersion,
    task: p.task,
    chain: p.chain,
    chains: rows.map((r) => r.chain),
    date: p.date,
    model,
    sampling: p.sampling,
    sample,
  });
}

function classify(e: unknown): AttemptFailure {
  if (isLlmError(e))
    return { retryable: e.retryable, rateLimited: e.status === 429, retryAfterMs: e.retryAfterMs, message: e.message };
  return { retryable: false, rateLimited: false, message: e instanceof Error ? e.message : String(e) };
}

/**
 * Reasoning traces for every (day, task): bounded adaptive concurrency, retries, a request cache,
 * an append-only output with idempotent ids (a killed run resumes with nothing lost or doubled)
 * and a cost ceiling. A request that finally fails writes no record; a rerun tries it again.
 */
export async function generateTraces(o: GenerateOptions): Promise<GenerateSummary> {
  const rows = readChainDays(o.input);
  const tasks = o.tasks ?? TASKS.filter((t) => t !== 'crossChain');
  const rendered = prompts(rows, tasks, o.n, o.seed ?? 1);
  const samples = o.samples ?? 1;
  if (!Number.isInteger(samples) || samples < 1)
    throw new WorkbenchError(`samples must be a whole number ≥ 1, got ${samples}`);
  const byId = new Map<string, { p: RenderedPrompt; sample: number }>();
  for (const p of rendered) for (let k = 0; k < samples; k++) byId.set(keyOf(p, o.model, k), { p, sample: k });
  const jobs: Job<ChatRequestInput>[] = [...byId].map(([id, { p, sample }]) => ({
    id,
    request: {
      model: o.model,
      messages: p.messages,
      temperature: p.sampling.temperature ?? undefined,
      topP: p.sampling.topP ?? undefined,
      maxTokens: o.maxTokens ?? 8192,
      reasoning: o.reasoningMaxTokens ? { maxTokens: o.reasoningMaxTokens } : undefined,
      provider: { requireParameters: true, dataCollection: 'deny', enforceDistillableText: true },
      // Distinct samples must be distinct requests (the cache is keyed by the request).
      ...(sample > 0 ? { seed: sample } : {}),
    },
  }));
  const log = new AppendLog(o.out, (v) => (v as { id?: string }).id);
  const endpoint = o.client.baseUrl;
  try {
    const summary = await runJobs<ChatRequestInput, Completion, TraceRecord>({
      jobs,
      log,
      concurrency: o.concurrency ?? 4,
      maxCostUsd: o.maxCostUsd,
      cache: o.cacheDir ? new RequestCache<Completion>(join(o.cacheDir)) : undefined,
      cacheKey: (req) => RequestCache.key({ endpoint, req }),
      call: (req, signal) =>
        chatComplete(o.client, req, {
          signal,
          lengthRetry: o.lengthRetries ? { maxRetries: o.lengthRetries } : undefined,
        }),
      classify,
      costOf: (c) => c.totalCostUsd ?? c.usage.costUsd ?? 0,
      toRecord: (job, c) => {
        const { p, sample } = byId.get(job.id) as { p: RenderedPrompt; sample: number };
        // The record's cost is what the request cost in all: length retries included.
        const rec = makeTraceRecord(
          p,
          { ...c, usage: { ...c.usage, costUsd: c.totalCostUsd ?? c.usage.costUsd }, error: null },
          { model: o.model, endpoint, createdAt: new Date().toISOString(), sample },
        );
        if (rec.id !== job.id) throw new WorkbenchError(`internal: record id ${rec.id} differs from job id ${job.id}`);
        return rec;
      },
      progress: o.progress ?? silentProgress,
      signal: o.signal,
    });
    return {
      ...summary,
      rowsRead: rows.length,
      missingRows: rows.filter((r) => r.missing).length,
      quarantined: log.quarantined.map(({ line, reason }) => ({ line, reason })),
      quarantinePath: log.quarantinePath,
    };
  } finally {
    log.close();
  }
}
