import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../core/errors';
import { scoreCompletion, type RewardScore } from '../rewards';
import { DEFAULT_CONFIG, QUALITY_COMPONENTS, type RewardConfig } from '../rewards';
import { Report } from '../report';
import { chatComplete, type LlmClient } from '../traces';
import { traceRewardInput } from '../traces';
import { promptId } from '../traces';
import { TraceRecordSchema, type TraceRecord } from '../traces';
import { readGrpoFile } from './preflight/dataset';
import { mean as meanOf } from '../core';

/**
 * A served model (vLLM or any OpenAI-compatible endpoint, through the traces client) on the
 * held-out eval prompts: every answer scored with the reward module, predictions against the
 * realised outcome, side by side with the teacher's traces for the same prompts. Nothing here
 * saw those prompts in training: they are the time-split eval split.
 */
export interface EvalRow {
  id: string;
  task: string;
  chain: string;
  date: string;
  model: RewardScore | null;
  teacher: RewardScore | null;
  error: string | null;
}

export interface EvaluateOptions {
  dataset: string;
  client: LlmClient;
  model: string;
  teacherTraces?: string | null;
  limit?: number;
  maxTokens?: number;
  concurrency?: number;
  config?: RewardConfig;
}

export async function evaluateServed(o: EvaluateOptions): Promise<EvalRow[]> {
  const cfg = o.config ?? DEFAULT_CONFIG;
  const evalPath = join(o.dataset, 'grpo', 'eval.jsonl');
  const read = readGrpoFile(evalPath);
  if (read.invalid.length)
    throw new WorkbenchError(
      `${read.invalid.length} invalid GRPO record(s): ${read.invalid
        .slice(0, 3)
        .map((i) => `${i.file}:${i.line} ${i.error}`)
        .join('; ')}`,
      'rebuild the dataset with `workbench traces build`',
    );
  if (!read.records.length)
    throw new WorkbenchError(
      `no held-out eval prompts in ${evalPath}`,
      'give --dataset a folder built by `workbench traces build` (it holds grpo/eval.jsonl)',
    );
  const prompts = read.records.slice(0, o.limit ?? Infinity);
  const teacher = new Map<string, TraceRecord>();
  if (o.teacherTraces && !existsSync(o.teacherTraces))
    throw new WorkbenchError(
      `no teacher traces at ${o.teacherTraces}`,
      'give --teacher the trace records (JSONL) of the teacher, or leave it out',
    );
  if (o.teacherTraces) {
    const lines = readFileSync(o.teacherTraces, 'utf8').split('\n');
    for (const [i, l] of lines.entries()) {
      if (!l.trim()) continue;
      let raw: unknown;
      try {
        raw = JSON.parse(l);
      } catch {
        throw new WorkbenchError(
          `${o.teacherTraces}:${i + 1} is not JSON`,
          'give --teacher a JSONL file of trace records (`workbench traces generate` writes one)',
        );
      }
      const t = TraceRecordSchema.safeParse(raw);
      if (t.success && t.data.prompt.length === 1 && !t.data.error)
        teacher.set(
          promptId(t.data.promptVersion, t.data.task, (t.data.prompt[0] as { content: string }).content),
          t.data,
        );
    }
  }
  const rows: EvalRow[] = new Array(prompts.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < prompts.length; i = next++) {
      const p = prompts[i] as (typeof prompts)[number];
      const content = (p.prompt[0] as { content: string }).content;
      const base = { task: p.task, rows: [p.input_row], outcome: p.outcome, prompt: content };
      const t = teacher.get(promptId(p.prompt_version, p.task, content)) ?? null;
      const teacherScore = t ? scoreCompletion(traceRewardInput(t, p.outcome), cfg) : null;
      try {
        const c = await chatComplete(o.client, {
          model: o.model,
          messages: p.prompt,
          temperature: 0.6,
          topP: 0.95,
          maxTokens: o.maxTokens ?? 8192,
        });
        rows[i] = {
          id: p.id,
          task: p.task,
          chain: p.chain,
          date: p.date,
          model: scoreCompletion({ ...base, reasoning: c.reasoning, answer: c.answer, truncated: c.truncated }, cfg),
          teacher: teacherScore,
          error: null,
        };
      } catch (e) {
        rows[i] = {
          id: p.id,
          task: p.task,
          chain: p.chain,
          date: p.date,
          model: null,
          teacher: teacherScore,
          error: e instanceof Error ? e.message : String(e),
        };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency ?? 4) }, worker));
  return rows;
}

const mean = (xs: number[]): number | null => (xs.length ? meanOf(xs) : null);
const r3 = (x: number | null): number | null => (x === null ? null : Math.round(x * 1000) / 1000);

export function evaluationReport(rows: readonly EvalRow[], model: string, endpoint: string): Report {
  const rep = new Report(
    'Served model on the held-out eval prompts',
    `${model} at ${endpoint}, against the teacher's traces on the same prompts`,
  );
  const both = rows.filter((r) => r.model && r.teacher);
  const m = (f: (s: RewardScore) => number | null, who: 'model' | 'teacher', set: readonly EvalRow[] = rows) =>
    r3(mean(set.map((r) => (r[who] ? f(r[who] as RewardScore) : null)).filter((x): x is number => x !== null)));
  const outcome = (s: RewardScore) => (s.components.outcome.applicable ? s.components.outcome.score : null);
  rep.kv(
    {
      'eval prompts': rows.length,
      answered: rows.filter((r) => r.model).length,
      failed: rows.filter((r) => r.error).length,
      'with a teacher trace': both.length,
      'model composite (mean)': m((s) => s.composite, 'model'),
      'teacher composite (same prompts)': m((s) => s.composite, 'teacher', both),
      'model outcome accuracy': m(outcome, 'model'),
      'teacher outcome accuracy': m(outcome, 'teacher', both),
    },
    'summary',
  );
  rep.table(
    [
      ...QUALITY_COMPONENTS.map((c) => ({
        part: c,
        model: m((s) => (s.components[c].applicable ? s.components[c].score : null), 'model'),
        teacher: m((s) => (s.components[c].applicable ? s.components[c].score : null), 'teacher', both),
      })),
      { part: 'composite', model: m((s) => s.composite, 'model'), teacher: m((s) => s.composite, 'teacher', both) },
    ],
    { caption: 'mean component scores (teacher: the prompts that have a teacher trace)' },
  );
  rep.figure({
    data: [
      { type: 'box', name: model, y: rows.filter((r) => r.model).map((r) => (r.model as RewardScore).composite) },
      { type: 'box', name: 'teacher', y: both.map((r) => (r.teacher as RewardScore).composite) },
    ],
    layout: { title: { text: 'Composite reward on the eval prompts' }, yaxis: { range: [0, 1.02] } },
  });
  rep.table(
    rows.map((r) => ({
      chain: r.chain,
      date: r.date,
      task: r.task,
      model: r3(r.model?.composite ?? null),
      teacher: r3(r.teacher?.composite ?? null),
      'model outcome': r3(r.model ? outcome(r.model) : null),
      'teacher outcome': r3(r.teacher ? outcome(r.teacher) : null),
      error: r.error,
    })),
    { caption: 'per prompt (model text is not shown; errors are escaped)', maxRows: 200 },
  );
  return rep;
}
