import type { FeatureArtifacts } from '../features';
import { CATEGORY_FIELDS, CODE_FIELDS, NUMERIC_FIELDS } from '../features/fields';
import type { ModelConfig } from './config';

/** Columns sharing one embedding table (same width); ids are shifted by `offsets` into it. */
export interface EmbedGroup {
  dim: number;
  cols: number[];
  offsets: number[];
  rows: number;
}

/** Columns with one vocabulary size, predicted by one slice of the fused output matrix. */
export interface HeadGroup {
  vocab: number;
  cols: number[];
  /** First logit of the group in the fused output [.., catTotal]. */
  start: number;
}

/** Everything about the data the network's shapes depend on, derived once from the feature spec. */
export interface Layout {
  seqLen: number;
  catWidth: number;
  numWidth: number;
  buckets: number;
  /** Vocabulary size per categorical column (PAD and UNKNOWN included). */
  vocab: number[];
  embedGroups: EmbedGroup[];
  /** Embeddings + numerics + their presence mask: the input projection's width. */
  inWidth: number;
  /** Type column predicted separately from the unconditioned state (typeConditioned). */
  typeSeparate: boolean;
  headGroups: HeadGroup[];
  catTotal: number;
  /** Bucket columns predicted by the pointer head (in order), else []. */
  pointerCols: number[];
  /** Categorical columns in the order the loss sees their cross-entropies. */
  lossCols: number[];
  /** Loss weights per lossCols entry and per numeric column (config, default 1). */
  catWeights: number[];
  numWeights: number[];
}

export const TYPE_COL = 0;

type Kind = 'small' | 'pool' | 'bucket';
function colKind(c: number): Kind {
  const cat = CATEGORY_FIELDS[c];
  if (cat) return cat.vocab === 'pool' || cat.vocab === 'asset' ? 'pool' : 'small';
  return CODE_FIELDS[c - CATEGORY_FIELDS.length]?.kind === 'bucket' ? 'bucket' : 'small';
}

export function colName(c: number): string {
  return (CATEGORY_FIELDS[c] ?? CODE_FIELDS[c - CATEGORY_FIELDS.length])?.name ?? `cat${c}`;
}

export function buildLayout(a: FeatureArtifacts, cfg: ModelConfig): Layout {
  const C = a.catWidth;
  const vocab = a.fields
    .filter((f) => f.matrix === 'cat')
    .sort((x, y) => x.column - y.column)
    .map((f) => f.vocabSize ?? 2);
  const arch = cfg.arch;

  const byDim = new Map<number, EmbedGroup>();
  for (let c = 0; c < C; c++) {
    const dim = arch.embed[colKind(c)];
    const g = byDim.get(dim) ?? { dim, cols: [], offsets: [], rows: 0 };
    g.cols.push(c);
    g.offsets.push(g.rows);
    g.rows += vocab[c] as number;
    byDim.set(dim, g);
  }
  const embedGroups = [...byDim.values()];
  const inWidth = embedGroups.reduce((s, g) => s + g.dim * g.cols.length, 0) + 2 * a.numWidth;

  const pointerCols = arch.addressHead === 'pointer' ? range(C).filter((c) => colKind(c) === 'bucket') : [];
  const typeSeparate = arch.typeConditioned;
  const byVocab = new Map<number, HeadGroup>();
  let catTotal = 0;
  for (let c = 0; c < C; c++) {
    if ((typeSeparate && c === TYPE_COL) || pointerCols.includes(c)) continue;
    const v = vocab[c] as number;
    const g = byVocab.get(v) ?? { vocab: v, cols: [], start: 0 };
    g.cols.push(c);
    byVocab.set(v, g);
  }
  const headGroups = [...byVocab.values()];
  for (const g of headGroups) {
    g.start = catTotal;
    catTotal += g.vocab * g.cols.length;
  }
  const lossCols = [...(typeSeparate ? [TYPE_COL] : []), ...headGroups.flatMap((g) => g.cols), ...pointerCols];
  // Constant columns keep their weight: they carry no signal as inputs, but must still be predicted (trivially).
  const weight = (name: string, table: Record<string, number>) => table[name] ?? 1;
  return {
    seqLen: a.seqLen,
    catWidth: C,
    numWidth: a.numWidth,
    buckets: a.buckets,
    vocab,
    embedGroups,
    inWidth,
    typeSeparate,
    headGroups,
    catTotal,
    pointerCols,
    lossCols,
    catWeights: lossCols.map((c) => weight(colName(c), cfg.loss.catWeights)),
    numWeights: NUMERIC_FIELDS.map((f) => weight(f.name, cfg.loss.numWeights)),
  };
}

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
