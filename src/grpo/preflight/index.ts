import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../../core/errors';
import { configWithWeights, DEFAULT_CONFIG } from '../../rewards';
import type { LaunchSpec } from '../spec/schema';
import { estimateCost, type CostAssumptions, type CostEstimate } from './cost';
import { checkDataset, type DatasetCheck } from './dataset';
import { architectureOf, estimateMemory, type MemoryEstimate } from './memory';

export {
  estimateMemory,
  architectureOf,
  trainableParams,
  type MemoryEstimate,
  type MemoryTerm,
  type Verdict,
} from './memory';
export { estimateCost, type CostAssumptions, type CostEstimate } from './cost';
export {
  checkDataset,
  estimateTokens,
  readGrpoFile,
  rewardVariance,
  CHARS_PER_TOKEN,
  type DatasetCheck,
} from './dataset';

/**
 * TRL 0.24.0's max_prompt_length (default 512) left-truncates every longer prompt. The bundle
 * sets it from the spec and leaves longer prompts out, so a spec whose prompts exceed it is
 * refused here: raising the limit keeps them whole.
 */
export interface PromptLengthCheck {
  limit: number;
  longest: number;
  over: number;
  ok: boolean;
  note: string;
}

export interface Preflight {
  spec: string;
  memory: MemoryEstimate;
  cost: CostEstimate;
  dataset: DatasetCheck;
  promptLength: PromptLengthCheck;
  /** Reasons the spec should not be launched as it is (the CLI exits non-zero). */
  refusals: string[];
}

export function promptLengthCheck(d: DatasetCheck, limit: number): PromptLengthCheck {
  const { max, overLimit } = d.promptTokens;
  const ok = overLimit === 0;
  const note = ok
    ? `the longest prompt is ≈ ${max} tokens, within max_prompt_length ${limit}: TRL cuts none`
    : `${overLimit} prompt(s) exceed max_prompt_length ${limit} (the longest ≈ ${max} tokens): TRL would cut their start and the bundle leaves them out; set training.max_prompt_length to at least ${max} (and model.max_seq_length to fit)`;
  return { limit, longest: max, over: overLimit, ok, note };
}

/** `workbench grpo preflight`: memory per GPU with a verdict, time and cost, dataset checks. */
export function preflight(
  spec: LaunchSpec,
  o: Partial<Omit<CostAssumptions, 'prompts'>> & { prompts?: number } = {},
): Preflight {
  const arch = architectureOf(spec);
  if (!arch) throw new WorkbenchError(`no architecture for ${spec.model.base}`, 'give model.architecture in the spec');
  const config = spec.rewards.weights ? configWithWeights(spec.rewards.weights) : DEFAULT_CONFIG;
  const dataset = checkDataset(spec.dataset.path, {
    maxPromptTokens: spec.training.max_prompt_length,
    traces: spec.dataset.traces,
    config,
  });
  if (dataset.invalid.length)
    throw new WorkbenchError(
      `${dataset.invalid.length} invalid GRPO record(s) in ${spec.dataset.path}: ${dataset.invalid
        .slice(0, 3)
        .map((i) => `${i.file}:${i.line} ${i.error}`)
        .join('; ')}`,
      'rebuild the dataset with `workbench traces build`',
    );
  if (!dataset.train)
    throw new WorkbenchError(
      `no GRPO training prompts in ${join(spec.dataset.path, 'grpo', 'train.jsonl')}: the preflight cannot judge prompt lengths, reward variance or the number of steps`,
      'build the dataset with `workbench traces build --in TRACES --out DIR` and point dataset.path in the spec at it',
    );
  if (spec.dataset.traces && !existsSync(spec.dataset.traces))
    throw new WorkbenchError(
      `dataset.traces ${spec.dataset.traces} does not exist: the reward variance within groups cannot be checked`,
      'point dataset.traces at the trace records (`workbench traces generate --samples K` writes them), or set it to null',
    );
  const promptLength = promptLengthCheck(dataset, spec.training.max_prompt_length);
  const memory = estimateMemory(spec, arch);
  const refusals = [
    ...(memory.verdict === 'does-not-fit' ? [`does not fit in ${memory.gpu} memory`] : []),
    ...(promptLength.ok ? [] : [promptLength.note]),
  ];
  // Over-limit prompts are left out of the bundle (counted over train and eval: an upper bound for train).
  const kept = dataset.train - Math.min(dataset.train, dataset.promptTokens.overLimit);
  const prompts = o.prompts ?? Math.max(1, kept);
  return {
    spec: spec.name,
    memory,
    cost: estimateCost(spec, arch, { ...o, prompts }),
    dataset,
    promptLength,
    refusals,
  };
}

const gb = (x: number) => `${x.toFixed(1)} GB`;

export function formatPreflight(p: Preflight): string {
  const m = p.memory;
  const lines = [
    `memory per GPU on ${m.gpu} (${m.capacityGB} GB): ${gb(m.totalGB)} = ${(m.share * 100).toFixed(0)}% → ${m.verdict.toUpperCase()}`,
    ...m.terms.map((t) => `  ${t.name.padEnd(34)} ${gb(t.gb).padStart(9)}  ${t.note}`),
    ...m.problems.map((x) => `  problem: ${x}`),
    ...m.advice.map((x) => `  to fit: ${x}`),
    `time and cost: ${p.cost.steps} steps (${p.cost.promptsPerStep} prompts each), ${p.cost.secondsPerStep.generation.toFixed(0)} s generating + ${p.cost.secondsPerStep.training.toFixed(0)} s training per step → ${p.cost.hours.toFixed(1)} h on ${p.cost.gpus} GPUs × $${p.cost.usdPerGpuHour.toFixed(2)}/h = $${p.cost.usd.toFixed(0)}`,
    `  assumptions: ${Object.entries(p.cost.assumptions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')} (override with --gen-tokens-per-second, --mfu, --completion-fill, --price-per-gpu-hour)`,
    `dataset ${p.dataset.path}: ${p.dataset.train} train / ${p.dataset.eval} eval prompts, ${p.dataset.invalid.length} invalid lines, prompts ≈ ${p.dataset.promptTokens.mean.toFixed(0)} tokens (max ${p.dataset.promptTokens.max}, ${p.dataset.promptTokens.overLimit} over the limit)`,
    p.dataset.rewardVariance
      ? `  reward variance: ${p.dataset.rewardVariance.groups} groups, mean std ${p.dataset.rewardVariance.meanStd?.toFixed(3) ?? 'n/a'}; ${p.dataset.rewardVariance.note}`
      : '  reward variance: no traces given (spec dataset.traces)',
    ...p.dataset.warnings.map((w) => `  warning: ${w}`),
    `prompt length: ${p.promptLength.ok ? 'OK' : 'REFUSED'}: ${p.promptLength.note}`,
    ...(p.refusals.length ? [`refused: ${p.refusals.length} reason(s) above; fix the spec before launching`] : []),
  ];
  return lines.join('\n');
}
