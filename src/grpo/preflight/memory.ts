import { GPUS } from '../gpus';
import { MODELS, projectionShapes, type Architecture } from '../models';
import { trainingGpus, type LaunchSpec } from '../spec/schema';

/**
 * Memory per training GPU, from first principles, with every term shown:
 * - weights: bf16 (2 B/param), or NF4 with double quantisation for QLoRA (≈ 4.13 bits/param)
 *   with embeddings and LM head kept in bf16; sharded over the GPUs by ZeRO-3 and FSDP;
 * - trainable parameters (all for full fine-tuning; r·(d_in + d_out) per targeted projection
 *   and layer for LoRA): weights (fp32 for QLoRA), gradients and AdamW state (m, v in fp32, plus
 *   fp32 master weights for bf16 parameters), sharded likewise;
 * - activations of one micro-batch (not sharded): one layer's working set (≈ 34 B per token and
 *   hidden unit with flash attention), the per-layer checkpoints when gradient checkpointing
 *   (unless offloaded), else every layer's working set, and fp32 logits of the scored tokens;
 * - the reference model of full fine-tuning with β > 0 (PEFT disables the adapter instead);
 * - vLLM colocated: TRL's engine loads its own bf16 copy of the weights (split by tensor
 *   parallelism) inside vllm_gpu_memory_utilization of the GPU; Unsloth shares the training
 *   weights and needs only the KV cache of the sequences it generates at once;
 * - CUDA context and allocator slack (2 GB + 8% of the activations).
 * Verdict: fits up to 80% of the GPU's memory, marginal up to 100%, else does not fit.
 */
export type Verdict = 'fits' | 'marginal' | 'does-not-fit';

export interface MemoryTerm {
  name: string;
  gb: number;
  note: string;
}

export interface MemoryEstimate {
  gpu: string;
  capacityGB: number;
  totalGB: number;
  share: number;
  verdict: Verdict;
  terms: MemoryTerm[];
  trainableParams: number;
  /** Why a configuration cannot work regardless of the total (vLLM not fitting its budget…). */
  problems: string[];
  advice: string[];
}

const GB = 1e9;

export function architectureOf(s: LaunchSpec): Architecture | null {
  return s.model.architecture ?? MODELS[s.model.base] ?? null;
}

export function trainableParams(s: LaunchSpec, a: Architecture): number {
  if (s.adapter.type === 'full') return a.params;
  const shapes = projectionShapes(a);
  const rank = s.adapter.rank ?? 16;
  const modules = s.adapter.target_modules ?? [
    'q_proj',
    'k_proj',
    'v_proj',
    'o_proj',
    'gate_proj',
    'up_proj',
    'down_proj',
  ];
  return (
    a.layers *
    modules.reduce((t, m) => t + rank * ((shapes[m] as [number, number])[0] + (shapes[m] as [number, number])[1]), 0)
  );
}

export function estimateMemory(s: LaunchSpec, a: Architecture): MemoryEstimate {
  const gpu = GPUS[s.resources.gpu] as (typeof GPUS)[string];
  const sharded = s.distributed.strategy === 'single' ? 1 : Math.max(1, trainingGpus(s));
  const shardNote = sharded > 1 ? `, sharded over ${sharded} GPUs (${s.distributed.strategy})` : '';
  const embed = a.vocab * a.hidden * (a.tiedEmbeddings ? 1 : 2);
  const qlora = s.adapter.type === 'qlora';
  const weights = qlora ? (a.params - embed) * (4.127 / 8) + embed * 2 : a.params * 2;
  const T = trainableParams(s, a);
  const terms: MemoryTerm[] = [];
  const add = (name: string, bytes: number, note: string) => terms.push({ name, gb: bytes / GB, note });
  add('weights', weights / sharded, `${qlora ? 'NF4 (embeddings and LM head in bf16)' : 'bf16'}${shardNote}`);
  if (s.adapter.type === 'full') {
    add('gradients', (T * 2) / sharded, `bf16${shardNote}`);
    add('optimizer', (T * 12) / sharded, `AdamW m, v and fp32 master weights${shardNote}`);
  } else {
    const wBytes = qlora ? 4 : 2;
    add(
      'adapter weights',
      (T * wBytes) / sharded,
      `${(T / 1e6).toFixed(0)} M LoRA parameters (rank ${s.adapter.rank ?? 16}) in ${qlora ? 'fp32' : 'bf16'}${shardNote}`,
    );
    add('adapter gradients', (T * wBytes) / sharded, shardNote ? shardNote.slice(2) : 'not sharded');
    add(
      'optimizer',
      (T * (qlora ? 8 : 12)) / sharded,
      `AdamW m, v${qlora ? '' : ' and fp32 master weights'}${shardNote}`,
    );
  }
  const grpo = s.stage === 'grpo';
  const seq = grpo ? s.training.max_prompt_length + s.grpo.max_completion_length : s.model.max_seq_length;
  const tokens = s.training.per_device_train_batch_size * seq;
  const layer = tokens * a.hidden * 34;
  add(
    'activations: one layer',
    layer,
    `${tokens.toLocaleString('en-US')} tokens per micro-batch (${s.training.per_device_train_batch_size} × ${seq})`,
  );
  if (!s.distributed.gradient_checkpointing)
    add(
      'activations: every layer',
      layer * (a.layers - 1),
      'no gradient checkpointing: every layer keeps its working set',
    );
  else if (!s.distributed.offload_activations)
    add(
      'activations: checkpoints',
      tokens * a.hidden * 2 * a.layers,
      'one bf16 hidden state per layer (offload_activations moves them to CPU)',
    );
  const scored = grpo ? s.training.per_device_train_batch_size * s.grpo.max_completion_length : tokens;
  add(
    'logits',
    scored * a.vocab * 4,
    `fp32 log-probabilities of ${scored.toLocaleString('en-US')} scored tokens over ${a.vocab.toLocaleString('en-US')} words`,
  );
  if (s.adapter.type === 'full' && grpo && s.grpo.beta > 0)
    add('reference model', (a.params * 2) / sharded, `bf16 copy for the KL term (β ${s.grpo.beta})${shardNote}`);

  const problems: string[] = [];
  const capacity = gpu.memoryGB * GB;
  const headDim = a.hidden / a.heads;
  const kvPerToken = 2 * a.layers * a.kvHeads * headDim * 2;
  const inFlight = s.training.per_device_train_batch_size * s.training.gradient_accumulation_steps;
  const kv = inFlight * seq * kvPerToken;
  if (grpo && s.grpo.use_vllm && s.grpo.vllm_mode === 'colocate') {
    if (s.engine === 'unsloth')
      add(
        'vLLM (shared weights)',
        kv + 1 * GB,
        `KV cache of ${inFlight} sequences × ${seq} tokens (${(kvPerToken / 1e6).toFixed(2)} MB/token) + 1 GB`,
      );
    else {
      const copy = (a.params * 2) / s.grpo.vllm_tensor_parallel_size;
      const budget = s.grpo.vllm_gpu_memory_utilization * capacity;
      add('vLLM (colocated)', budget, `vllm_gpu_memory_utilization ${s.grpo.vllm_gpu_memory_utilization} of the GPU`);
      if (copy + kv > budget)
        problems.push(
          `vLLM's bf16 copy of the weights (${(copy / GB).toFixed(1)} GB with tensor parallelism ${s.grpo.vllm_tensor_parallel_size}) and its KV cache (${(kv / GB).toFixed(1)} GB) exceed vllm_gpu_memory_utilization × ${gpu.memoryGB} GB = ${(budget / GB).toFixed(1)} GB`,
        );
    }
  }
  if (grpo && s.grpo.use_vllm && s.grpo.vllm_mode === 'server') {
    const perServerGpu = (a.params * 2) / Math.max(1, s.resources.vllm_server_gpus);
    if (perServerGpu + kv > s.grpo.vllm_gpu_memory_utilization * capacity)
      problems.push(
        `the vLLM server's ${s.resources.vllm_server_gpus} GPU(s) cannot hold the bf16 weights (${(perServerGpu / GB).toFixed(1)} GB each) and the KV cache within vllm_gpu_memory_utilization`,
      );
  }
  const activations = terms
    .filter((t) => t.name.startsWith('activations') || t.name === 'logits')
    .reduce((x, t) => x + t.gb * GB, 0);
  add('CUDA context and allocator slack', 2 * GB + 0.08 * activations, '2 GB + 8% of activations');

  const total = terms.reduce((x, t) => x + t.gb * GB, 0);
  const share = total / capacity;
  const verdict: Verdict = problems.length || share > 1 ? 'does-not-fit' : share > 0.8 ? 'marginal' : 'fits';
  const advice: string[] = [];
  if (verdict !== 'fits') {
    if (s.adapter.type === 'full')
      advice.push('use adapter qlora or lora, or shard over more GPUs with deepspeed-zero3');
    if (s.distributed.gradient_checkpointing && !s.distributed.offload_activations)
      advice.push('set distributed.offload_activations: true');
    if (s.training.per_device_train_batch_size > 1)
      advice.push('lower training.per_device_train_batch_size (and raise gradient_accumulation_steps)');
    if (grpo) advice.push('lower grpo.max_completion_length');
    advice.push(`use a GPU with more memory than ${s.resources.gpu}`);
  }
  return {
    gpu: s.resources.gpu,
    capacityGB: gpu.memoryGB,
    totalGB: total / GB,
    share,
    verdict,
    terms,
    trainableParams: T,
    problems,
    advice,
  };
}
