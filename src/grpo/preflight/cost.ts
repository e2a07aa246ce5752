import { GPUS } from '../gpus';
import type { Architecture } from '../models';
import { globalBatch, type LaunchSpec } from '../spec/schema';

/**
 * Time and cost of a run from a throughput model the user can override: rollouts generate at
 * `genTokensPerSecond` per GPU (default: a 70B model on vLLM, scaled inversely with the model's
 * size and linearly with the GPU's compute), completions fill `completionFill` of
 * max_completion_length on average, and training runs at `mfu` of the GPU's dense BF16 peak
 * with 6·P FLOPs per token for full fine-tuning, 4·P for adapters, plus 2·P for the reference
 * log-probabilities when β > 0 and 2·P for the old policy's when num_iterations > 1.
 */
export interface CostAssumptions {
  usdPerGpuHour?: number;
  genTokensPerSecond?: number;
  completionFill?: number;
  mfu?: number;
  /** Training prompts (after the length filter); the dataset's count when known. */
  prompts: number;
}

export interface CostEstimate {
  steps: number;
  promptsPerStep: number;
  secondsPerStep: { generation: number; training: number };
  hours: number;
  gpus: number;
  usdPerGpuHour: number;
  usd: number;
  assumptions: Record<string, number | string>;
}

/** Decode throughput of a 70B model on vLLM per H100-class GPU (tokens/s over a batch of rollouts). */
const GEN_70B_PER_H100 = 1500;

export function estimateCost(s: LaunchSpec, a: Architecture, o: CostAssumptions): CostEstimate {
  const gpu = GPUS[s.resources.gpu] as (typeof GPUS)[string];
  const gpus = s.resources.nodes * s.resources.gpus_per_node;
  const price = o.usdPerGpuHour ?? gpu.usdPerHour;
  const fill = o.completionFill ?? 0.6;
  const mfu = o.mfu ?? (s.adapter.type === 'full' ? 0.4 : 0.3);
  const grpo = s.stage === 'grpo';
  const batch = globalBatch(s);
  const promptsPerStep = grpo ? batch / s.grpo.num_generations : batch;
  const steps = s.training.max_steps ?? Math.max(1, Math.ceil((s.training.epochs * o.prompts) / promptsPerStep));
  const genTps = o.genTokensPerSecond ?? GEN_70B_PER_H100 * (70.55e9 / a.params) * (gpu.bf16Tflops / 989);
  const genGpus = grpo && s.grpo.use_vllm && s.grpo.vllm_mode === 'server' ? s.resources.vllm_server_gpus : gpus;
  const completionTokens = grpo ? batch * s.grpo.max_completion_length * fill : 0;
  const generation = grpo ? completionTokens / (genTps * genGpus) : 0;
  const seqTokens = grpo
    ? batch * (s.training.max_prompt_length * 0.7 + s.grpo.max_completion_length * fill)
    : batch * s.model.max_seq_length * 0.7;
  const flopsPerToken =
    a.params *
    ((s.adapter.type === 'full' ? 6 : 4) +
      (grpo && s.grpo.beta > 0 ? 2 : 0) +
      (grpo && s.grpo.num_iterations > 1 ? 2 : 0));
  const iterations = grpo ? s.grpo.num_iterations : 1;
  const trainGpus = gpus - s.resources.vllm_server_gpus;
  const training = (seqTokens * flopsPerToken * iterations) / (trainGpus * gpu.bf16Tflops * 1e12 * mfu);
  const hours = (steps * (generation + training)) / 3600;
  return {
    steps,
    promptsPerStep,
    secondsPerStep: { generation, training },
    hours,
    gpus,
    usdPerGpuHour: price,
    usd: hours * gpus * price,
    assumptions: {
      'generation tokens/s per GPU': Math.round(genTps),
      'completion fill': fill,
      'training MFU': mfu,
      'prompt fill': 0.7,
      'FLOPs per token': `${(flopsPerToken / a.params).toFixed(0)}·P`,
      prompts: o.prompts,
    },
  };
}
