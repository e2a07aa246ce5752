import { z } from 'zod';
import { RewardWeightsSchema } from '../../rewards';
import { GPU_NAMES } from '../gpus';

/**
 * The launch spec: everything a remote SFT or GRPO run is, as data. Every object is strict
 * (an unknown field is an error, not a silent default) and every number is a number (YAML's
 * "5e-6" read as a string by PyYAML was the earlier prototype's learning rate). TRL's GRPO
 * defaults moved between releases, so every GRPO field is set explicitly, and the TRL version
 * is pinned. Secrets are named by their environment variable, never given.
 */

const PositiveInt = z.number().int().positive();
const Fraction = z.number().gt(0).lt(1);
const EnvName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name (A-Z, 0-9, _)');

export const ArchitectureSchema = z
  .object({
    params: z.number().positive(),
    layers: PositiveInt,
    hidden: PositiveInt,
    intermediate: PositiveInt,
    heads: PositiveInt,
    kvHeads: PositiveInt,
    vocab: PositiveInt,
    tiedEmbeddings: z.boolean(),
  })
  .strict();

export const AdapterSchema = z
  .object({
    type: z.enum(['full', 'lora', 'qlora']),
    rank: PositiveInt.optional(),
    alpha: z.number().positive().optional(),
    dropout: z.number().min(0).lt(1).optional(),
    target_modules: z
      .array(z.enum(['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj']))
      .min(1)
      .optional(),
  })
  .strict();

export const LaunchSpecSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes (it names the job and its folders)'),
    stage: z.enum(['sft', 'grpo']),
    engine: z.enum(['trl', 'unsloth']),
    trl_version: z.string().regex(/^\d+\.\d+\.\d+$/, 'a pinned version such as 0.24.0'),
    model: z
      .object({ base: z.string().min(1), architecture: ArchitectureSchema.optional(), max_seq_length: PositiveInt })
      .strict(),
    adapter: AdapterSchema,
    distributed: z
      .object({
        strategy: z.enum(['deepspeed-zero3', 'fsdp', 'single']),
        gradient_checkpointing: z.boolean(),
        offload_activations: z.boolean(),
      })
      .strict(),
    resources: z
      .object({
        nodes: PositiveInt,
        gpus_per_node: PositiveInt,
        gpu: z.enum(GPU_NAMES),
        /** GPUs of the first node given to a vLLM server (vllm_mode "server"), not to training. */
        vllm_server_gpus: z.number().int().nonnegative(),
        cloud: z.string().min(1).nullable(),
      })
      .strict(),
    training: z
      .object({
        learning_rate: z.number().positive().lt(1),
        epochs: z.number().positive(),
        max_steps: PositiveInt.nullable(),
        per_device_train_batch_size: PositiveInt,
        gradient_accumulation_steps: PositiveInt,
        /** Prompts longer than this (in tokens, estimated) are left out of the bundle: TRL no longer truncates them. */
        max_prompt_length: PositiveInt,
        warmup_ratio: z.number().min(0).lt(1),
        lr_scheduler_type: z.enum(['cosine', 'linear', 'constant', 'constant_with_warmup']),
        weight_decay: z.number().min(0),
        max_grad_norm: z.number().positive(),
        logging_steps: PositiveInt,
        seed: z.number().int(),
        bf16: z.boolean(),
      })
      .strict(),
    grpo: z
      .object({
        num_generations: z.number().int().min(2),
        max_completion_length: PositiveInt,
        beta: z.number().min(0),
        loss_type: z.enum(['grpo', 'bnpo', 'dr_grpo', 'dapo']),
        scale_rewards: z.enum(['group', 'batch', 'none']),
        epsilon: Fraction,
        epsilon_high: Fraction,
        num_iterations: PositiveInt,
        temperature: z.number().positive().max(2),
        top_p: z.number().gt(0).max(1),
        use_vllm: z.boolean(),
        vllm_mode: z.enum(['colocate', 'server']),
        vllm_gpu_memory_utilization: Fraction,
        vllm_tensor_parallel_size: PositiveInt,
        mask_truncated_completions: z.boolean(),
      })
      .strict(),
    rewards: z.object({ weights: RewardWeightsSchema.nullable(), log_components: z.boolean() }).strict(),
    dataset: z.object({ path: z.string().min(1), traces: z.string().min(1).nullable() }).strict(),
    checkpoints: z
      .object({
        save_steps: PositiveInt,
        save_total_limit: PositiveInt,
        /** Inside the bundle's folder on the GPU box. */
        output_dir: z
          .string()
          .regex(/^(?!\/)(?!.*\.\.)[A-Za-z0-9_./-]+$/, 'a relative folder name (letters, digits, _ . / -, no ..)'),
        hub_model_id: z.string().min(1).nullable(),
      })
      .strict(),
    secrets: z.object({ hf_token_env: EnvName, wandb_api_key_env: EnvName.nullable() }).strict(),
    report_to: z.enum(['none', 'wandb', 'tensorboard']),
  })
  .strict();
export type LaunchSpec = z.infer<typeof LaunchSpecSchema>;

/** GPUs that run training processes (a vLLM server's GPUs excluded). */
export const trainingGpus = (s: LaunchSpec): number =>
  s.resources.nodes * s.resources.gpus_per_node - s.resources.vllm_server_gpus;
/** Sequences per optimiser step over all processes (TRL's generation batch). */
export const globalBatch = (s: LaunchSpec): number =>
  trainingGpus(s) * s.training.per_device_train_batch_size * s.training.gradient_accumulation_steps;
