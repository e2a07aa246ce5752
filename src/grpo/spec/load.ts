import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ZodIssue } from 'zod';
import { WorkbenchError } from '../../core/errors';
import { GPUS } from '../gpus';
import { architectureOf, estimateMemory } from '../preflight/memory';
import { globalBatch, LaunchSpecSchema, trainingGpus, type LaunchSpec } from './schema';

/**
 * Reads and checks a launch spec: YAML (1.2: 5e-6 is a number) or JSON, the zod schema, then
 * the checks no schema can state — the batch must split into whole groups of generations, the
 * strategy must match the GPU count, Unsloth runs on one GPU, and the model must fit in memory.
 * Every problem names its field; all are reported at once.
 */
export interface SpecProblem {
  field: string;
  reason: string;
}

function describeIssue(i: ZodIssue, raw: unknown): SpecProblem {
  const field = i.path.join('.') || '(spec)';
  if (i.code === 'invalid_type' && i.expected === 'number' && i.received === 'string') {
    const value = i.path.reduce<unknown>((o, k) => (o as Record<string | number, unknown> | undefined)?.[k], raw);
    return { field, reason: `expected a number, got the string ${JSON.stringify(value)} (write it without quotes)` };
  }
  if (i.code === 'unrecognized_keys')
    return {
      field: i.path
        .concat(i.keys[0] ?? '')
        .filter((p) => p !== '')
        .join('.'),
      reason: `unknown field${i.keys.length > 1 ? `s ${i.keys.join(', ')}` : ''} (not part of the launch spec; check the spelling)`,
    };
  return { field, reason: i.message };
}

/** The problems of a parsed value as a launch spec (empty when it is one). */
export function checkSpec(
  raw: unknown,
  opts: { checkFit?: boolean } = {},
): { spec: LaunchSpec | null; problems: SpecProblem[] } {
  const p = LaunchSpecSchema.safeParse(raw);
  if (!p.success) return { spec: null, problems: p.error.issues.map((i) => describeIssue(i, raw)) };
  const s = p.data;
  const problems: SpecProblem[] = [];
  const bad = (field: string, reason: string) => problems.push({ field, reason });
  const gpus = trainingGpus(s);
  if (gpus < 1)
    bad(
      'resources.vllm_server_gpus',
      `leaves no GPU for training (${s.resources.nodes * s.resources.gpus_per_node} in all)`,
    );
  if (s.distributed.strategy === 'single' && gpus > 1)
    bad(
      'distributed.strategy',
      `single runs one training process, but ${gpus} GPUs would train: use deepspeed-zero3 or fsdp`,
    );
  if (s.engine === 'unsloth' && gpus > 1) bad('engine', 'Unsloth trains on one GPU; use engine trl for several');
  if (s.adapter.type === 'full' && (s.adapter.rank !== undefined || s.adapter.alpha !== undefined))
    bad('adapter.rank', 'rank and alpha are for lora and qlora, not full fine-tuning');
  if (s.adapter.type !== 'full' && (s.adapter.rank === undefined || s.adapter.alpha === undefined))
    bad('adapter.rank', `${s.adapter.type} needs adapter.rank and adapter.alpha`);
  if (s.stage === 'grpo') {
    const g = globalBatch(s);
    if (g % s.grpo.num_generations !== 0)
      bad(
        'grpo.num_generations',
        `${s.grpo.num_generations} does not divide the global batch ${g} (${gpus} GPUs × per_device_train_batch_size ${s.training.per_device_train_batch_size} × gradient_accumulation_steps ${s.training.gradient_accumulation_steps}): each prompt needs a whole group`,
      );
    if (s.grpo.epsilon_high < s.grpo.epsilon) bad('grpo.epsilon_high', `must be at least epsilon (${s.grpo.epsilon})`);
    if (s.grpo.use_vllm && s.grpo.vllm_mode === 'server' && s.resources.vllm_server_gpus < 1)
      bad('resources.vllm_server_gpus', 'vllm_mode server needs at least one GPU for the vLLM server');
    if (
      s.grpo.use_vllm &&
      s.grpo.vllm_mode === 'server' &&
      s.resources.nodes > 1 &&
      s.resources.vllm_server_gpus !== s.resources.gpus_per_node
    )
      bad(
        'resources.vllm_server_gpus',
        `with ${s.resources.nodes} nodes the vLLM server takes all of node 0 (${s.resources.gpus_per_node} GPUs) and the other nodes train`,
      );
    if (
      s.grpo.use_vllm &&
      s.grpo.vllm_mode === 'server' &&
      s.grpo.vllm_tensor_parallel_size > s.resources.vllm_server_gpus
    )
      bad('grpo.vllm_tensor_parallel_size', `larger than the ${s.resources.vllm_server_gpus} vLLM server GPUs`);
    if (s.grpo.use_vllm && s.grpo.vllm_mode === 'colocate' && s.resources.vllm_server_gpus > 0)
      bad('resources.vllm_server_gpus', 'vllm_mode colocate shares the training GPUs; set it to 0');
    if (s.grpo.vllm_mode === 'colocate' && s.grpo.vllm_tensor_parallel_size > gpus)
      bad('grpo.vllm_tensor_parallel_size', `larger than the ${gpus} training GPUs`);
    if (s.training.max_prompt_length + s.grpo.max_completion_length > s.model.max_seq_length)
      bad(
        'grpo.max_completion_length',
        `max_prompt_length ${s.training.max_prompt_length} + max_completion_length ${s.grpo.max_completion_length} exceed model.max_seq_length ${s.model.max_seq_length}`,
      );
  }
  const arch = architectureOf(s);
  if (!arch)
    bad(
      'model.architecture',
      `${s.model.base} is not in the model table: give model.architecture (params, layers, hidden, …) so memory can be estimated`,
    );
  if (arch && (opts.checkFit ?? true)) {
    const m = estimateMemory(s, arch);
    if (m.verdict === 'does-not-fit') {
      const why = m.problems.length
        ? m.problems.join('; ')
        : `needs ≈ ${m.totalGB.toFixed(0)} GB per GPU, ${(GPUS[s.resources.gpu] as { memoryGB: number }).memoryGB} GB available`;
      bad(
        'resources.gpu',
        `${s.model.base} (${s.adapter.type}, ${s.distributed.strategy}) does not fit on ${gpus} × ${s.resources.gpu}: ${why} (run \`workbench grpo preflight\` for the breakdown)`,
      );
    }
  }
  return { spec: problems.length ? null : s, problems };
}

export function parseSpecText(text: string, where: string): unknown {
  try {
    return extname(where).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new WorkbenchError(
      `${where} is not valid ${extname(where).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${e instanceof Error ? e.message : String(e)}`,
      'fix the syntax (a launch spec is YAML or JSON)',
    );
  }
}

/** Reads a spec file; throws one WorkbenchError listing every problem with its field. */
export function loadSpec(path: string, opts: { checkFit?: boolean } = {}): LaunchSpec {
  if (!existsSync(path))
    throw new WorkbenchError(
      `no launch spec at ${path}`,
      'pass --spec FILE (YAML or JSON; examples in examples/grpo/)',
    );
  const raw = parseSpecText(readFileSync(path, 'utf8'), path);
  const { spec, problems } = checkSpec(raw, opts);
  if (!spec)
    throw new WorkbenchError(
      `${path}: ${problems.length} problem(s) in the launch spec:\n${problems.map((p) => `  ${p.field}: ${p.reason}`).join('\n')}`,
      'fix the fields named above',
    );
  return spec;
}
