/**
 * Architectures the memory estimate needs. Llama 3.3 70B Instruct from its config.json
 * (80 layers, hidden 8192, MLP 28672, 64 heads with 8 KV heads, vocabulary 128,256, untied
 * embeddings); the 8B and 1B siblings for smaller runs and tests. A spec may name another
 * model and give its architecture itself.
 */
export interface Architecture {
  params: number;
  layers: number;
  hidden: number;
  intermediate: number;
  heads: number;
  kvHeads: number;
  vocab: number;
  tiedEmbeddings: boolean;
}

export const MODELS: Readonly<Record<string, Architecture>> = {
  'meta-llama/Llama-3.3-70B-Instruct': {
    params: 70.55e9,
    layers: 80,
    hidden: 8192,
    intermediate: 28672,
    heads: 64,
    kvHeads: 8,
    vocab: 128256,
    tiedEmbeddings: false,
  },
  'meta-llama/Llama-3.1-8B-Instruct': {
    params: 8.03e9,
    layers: 32,
    hidden: 4096,
    intermediate: 14336,
    heads: 32,
    kvHeads: 8,
    vocab: 128256,
    tiedEmbeddings: false,
  },
  'meta-llama/Llama-3.2-1B-Instruct': {
    params: 1.24e9,
    layers: 16,
    hidden: 2048,
    intermediate: 8192,
    heads: 32,
    kvHeads: 8,
    vocab: 128256,
    tiedEmbeddings: true,
  },
};

/** Input and output width of each projection LoRA can target, per layer. */
export function projectionShapes(a: Architecture): Record<string, [number, number]> {
  const headDim = a.hidden / a.heads;
  const kv = a.kvHeads * headDim;
  return {
    q_proj: [a.hidden, a.hidden],
    k_proj: [a.hidden, kv],
    v_proj: [a.hidden, kv],
    o_proj: [a.hidden, a.hidden],
    gate_proj: [a.hidden, a.intermediate],
    up_proj: [a.hidden, a.intermediate],
    down_proj: [a.intermediate, a.hidden],
  };
}
