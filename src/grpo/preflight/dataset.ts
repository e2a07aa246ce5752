import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scoreCompletion } from '../../rewards';
import { DEFAULT_CONFIG, type RewardConfig } from '../../rewards';
import { traceRewardInput } from '../../traces';
import { GrpoRecordSchema, promptId, type GrpoRecord } from '../../traces';
import { TraceRecordSchema, type TraceRecord } from '../../traces';

/**
 * Dataset checks before a launch: the GRPO records parse and carry the columns the rewards read
 * (task, input_row, outcome), prompt lengths against max_prompt_length, and whether the rewards
 * vary within groups of completions of one prompt (a group whose completions all score the same
 * has zero advantage in GRPO: it teaches nothing). Token counts are an estimate, ≈ 3.2
 * characters per Llama-3 token on these number-dense prompts (a slight overestimate: long
 * prompts are dropped rather than truncated by the trainer).
 */
export const CHARS_PER_TOKEN = 3.2;
export const estimateTokens = (text: string): number => Math.ceil(text.length / CHARS_PER_TOKEN);

export interface DatasetCheck {
  path: string;
  train: number;
  eval: number;
  invalid: { file: string; line: number; error: string }[];
  missingColumns: Record<string, number>;
  outcomeKnown: number;
  promptTokens: { mean: number; max: number; overLimit: number };
  rewardVariance: { groups: number; flat: number; meanStd: number | null; note: string } | null;
  warnings: string[];
}

export function readGrpoFile(path: string): { records: GrpoRecord[]; invalid: DatasetCheck['invalid'] } {
  const records: GrpoRecord[] = [];
  const invalid: DatasetCheck['invalid'] = [];
  if (!existsSync(path)) return { records, invalid };
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const p = GrpoRecordSchema.safeParse(JSON.parse(line));
        if (p.success) records.push(p.data);
        else
          invalid.push({
            file: path,
            line: i + 1,
            error: p.error.issues
              .slice(0, 2)
              .map((x) => `${x.path.join('.')}: ${x.message}`)
              .join('; '),
          });
      } catch (e) {
        invalid.push({ file: path, line: i + 1, error: `not JSON: ${e instanceof Error ? e.message : String(e)}` });
      }
    });
  return { records, invalid };
}

/** Reward spread within groups of completions of one prompt, from trace records with several samples. */
export function rewardVariance(
  traces: readonly TraceRecord[],
  cfg: RewardConfig = DEFAULT_CONFIG,
): DatasetCheck['rewardVariance'] {
  const groups = new Map<string, number[]>();
  for (const t of traces) {
    if (t.error || t.prompt.length !== 1) continue;
    const key = promptId(t.promptVersion, t.task, (t.prompt[0] as { content: string }).content);
    const s = scoreCompletion(traceRewardInput(t), cfg).composite;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const multi = [...groups.values()].filter((g) => g.length >= 2);
  if (!multi.length)
    return {
      groups: 0,
      flat: 0,
      meanStd: null,
      note: 'one completion per prompt: generate groups with `workbench traces generate --samples K` to check',
    };
  const std = (xs: number[]) => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length);
  };
  const stds = multi.map(std);
  const flat = stds.filter((s) => s < 1e-6).length;
  return {
    groups: multi.length,
    flat,
    meanStd: stds.reduce((a, b) => a + b, 0) / stds.length,
    note: `${flat} of ${multi.length} groups score every completion the same (zero advantage: nothing to learn)`,
  };
}

export function checkDataset(
  dir: string,
  o: { maxPromptTokens: number; traces?: string | null; config?: RewardConfig },
): DatasetCheck {
  const train = readGrpoFile(join(dir, 'grpo', 'train.jsonl'));
  const ev = readGrpoFile(join(dir, 'grpo', 'eval.jsonl'));
  const all = [...train.records, ...ev.records];
  const warnings: string[] = [];
  if (!existsSync(join(dir, 'grpo', 'train.jsonl')))
    warnings.push(`no ${join(dir, 'grpo', 'train.jsonl')}: build the dataset with \`workbench traces build\``);
  const missingColumns: Record<string, number> = {};
  for (const r of all)
    for (const c of ['task', 'input_row', 'horizon_days'] as const)
      if ((r as Record<string, unknown>)[c] === undefined) missingColumns[c] = (missingColumns[c] ?? 0) + 1;
  const predictions = all.filter((r) => r.task === 'predict7d');
  const outcomeKnown = predictions.filter((r) => r.outcome !== null).length;
  if (predictions.length && outcomeKnown < predictions.length)
    warnings.push(
      `${predictions.length - outcomeKnown} of ${predictions.length} prediction prompts have no realised outcome: outcome accuracy cannot reward them (join with \`traces build --outcomes\`)`,
    );
  const lengths = all.map((r) => estimateTokens((r.prompt[0] as { content: string }).content));
  const overLimit = lengths.filter((n) => n > o.maxPromptTokens).length;
  let traces: TraceRecord[] = [];
  if (o.traces && existsSync(o.traces)) {
    traces = readFileSync(o.traces, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .flatMap((l) => {
        const p = TraceRecordSchema.safeParse(JSON.parse(l));
        return p.success ? [p.data] : [];
      });
  }
  const variance = o.traces ? rewardVariance(traces, o.config) : null;
  if (variance && variance.groups && variance.flat / variance.groups > 0.5)
    warnings.push(`most groups have no reward variance (${variance.note})`);
  return {
    path: dir,
    train: train.records.length,
    eval: ev.records.length,
    invalid: [...train.invalid, ...ev.invalid],
    missingColumns,
    outcomeKnown,
    promptTokens: {
      mean: lengths.length ? lengths.reduce((a, b) => a + b, 0) / lengths.length : 0,
      max: lengths.length ? Math.max(...lengths) : 0,
      overLimit,
    },
    rewardVariance: variance,
    warnings,
  };
}
