import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../../core/tfjs';
import { UNKNOWN } from '../features/fields';
import { NEG, pointerSlotMask, type Batch } from './batch';
import type { ModelConfig } from './config';
import { addCopyPrior, copyColumnIndex, copyInputs, type CopyInputs } from './copy-prior';
import type { Layout } from './layout';
import { inputRows } from './infer-input';
import { attention, dense, Dropout, lastRows, layerNorm, sinusoid, taping } from './ops';
import { attentionSingle, blockMasks } from './attention-single';
import type { Params } from './params';

type T2 = tfjs.Tensor2D;

/** Input tensors of one batch (built from a Batch; dispose after use). */
export interface Inputs {
  B: number;
  T: number;
  /** Per embedding group: ids shifted into its table [B·T·k] (empty when `rows` is given). */
  ids: tfjs.Tensor1D[];
  /** [B·T, 2J]: scaled numerics (0 where missing) then their presence mask (unless `rows`). */
  numIn?: T2;
  /** Inference: the input projection's whole input [B·T, inWidth], built in JS (infer-input.ts). */
  rows?: T2;
  /** Additive attention bias [B|1, 1, T, T]; undefined: no mask. */
  bias?: tfjs.Tensor;
  /** Pointer slot mask [B, Q|1, T·P] (pointer head only). */
  slotMask?: tfjs.Tensor3D;
  /** Window shares of each categorical id (arch.copyPrior). */
  copy?: CopyInputs;
  /** Tensors made for this batch only (the cached causal bias is not among them). */
  owned: tfjs.Tensor[];
  /** Index of the first window in the whole batch when this is a worker's shard of it (dropout masks). */
  first?: number;
}

/** Raw head outputs for M query rows (K type-conditioned copies of each when tiled). */
export interface HeadOutputs {
  /** Type logits [M, Vt] when the type head is separate (computed before tiling). */
  typeLogits?: T2;
  /** Fused logits of every head group [M·K, catTotal]. */
  catLogits: T2;
  /** Scaled numerics [M·K, J]. */
  num: T2;
  /** Presence logits [M·K, J]. */
  presence?: T2;
  /** Pointer logits [M·K·P, 2 + T·P] (slot mask applied). */
  pointer?: T2;
}

/** A layer's two sublayers computed by the caller (outputs with their biases; no dropout). */
export interface Sublayers {
  attention(layer: number, h: T2, lastQuery: boolean): T2;
  ffn(layer: number, h: T2): T2;
}

/** The transformer: embeddings → encoder → heads. Pure tensor code; callers own the tidy scope. */
export class Network {
  readonly pos: tfjs.Tensor2D;
  private readonly causalBias = new Map<number, tfjs.Tensor>();

  constructor(
    readonly tf: Tf,
    readonly cfg: ModelConfig,
    readonly lay: Layout,
    readonly params: Params,
  ) {
    this.pos = tf.keep(tf.tensor2d(sinusoid(lay.seqLen, cfg.arch.dModel), [lay.seqLen, cfg.arch.dModel]));
  }

  /** Queries per window in the trunk's output: every position ('all') or the last one. */
  get allPositions(): boolean {
    return this.cfg.arch.targets === 'all';
  }

  /** `infer`: no gradient will be taken, so the embedding lookups are done in JS (`rows`). */
  inputs(b: Batch, causalQueries = this.allPositions, infer = false): Inputs {
    const tf = this.tf;
    const bias = this.attnBias(b);
    const inp: Inputs = { B: b.B, T: b.T, ids: [], bias, owned: [], first: b.first };
    if (infer) {
      inp.rows = tf.tensor2d(inputRows(this.lay, this.params, b), [b.B * b.T, this.lay.inWidth]);
      inp.owned.push(inp.rows);
    } else this.idInputs(b, inp);
    if (bias && b.valid) inp.owned.push(bias);
    return infer ? inp : this.extras(b, causalQueries, inp); // inference heads (heads-infer.ts) need no extras
  }

  private idInputs(b: Batch, inp: Inputs): void {
    const tf = this.tf;
    const { catWidth: C, numWidth: J } = this.lay;
    const N = b.B * b.T;
    const ids = this.lay.embedGroups.map((g) => {
      const out = new Int32Array(N * g.cols.length);
      for (let r = 0; r < N; r++) {
        g.cols.forEach((c, k) => {
          const id = b.cat[r * C + c] as number;
          const v = this.lay.vocab[c] as number;
          out[r * g.cols.length + k] = (id >= 0 && id < v ? id : UNKNOWN) + (g.offsets[k] as number);
        });
      }
      return tf.tensor1d(out, 'int32');
    });
    const numIn = new Float32Array(N * 2 * J);
    for (let r = 0; r < N; r++) {
      for (let j = 0; j < J; j++) {
        const m = b.mask[r * J + j] as number;
        numIn[r * 2 * J + j] = m ? (b.num[r * J + j] as number) : 0;
        numIn[r * 2 * J + J + j] = m;
      }
    }
    inp.ids = ids;
    inp.numIn = tf.tensor2d(numIn, [N, 2 * J]);
    inp.owned.push(...ids, inp.numIn);
  }

  private extras(b: Batch, causalQueries: boolean, inp: Inputs): Inputs {
    const tf = this.tf;
    if (this.cfg.arch.copyPrior) {
      inp.copy = copyInputs(tf, this.lay, b, causalQueries);
      inp.owned.push(inp.copy.cat, ...(inp.copy.type ? [inp.copy.type] : []));
    }
    if (this.lay.pointerCols.length) {
      const S = b.T * this.lay.pointerCols.length;
      const m = pointerSlotMask(this.lay, b, causalQueries);
      inp.slotMask = tf.tensor3d(m, [b.B, m.length / b.B / S, S]);
      inp.owned.push(inp.slotMask);
    }
    return inp;
  }

  private attnBias(b: Batch): tfjs.Tensor | undefined {
    const tf = this.tf;
    const T = b.T;
    const causal = this.cfg.arch.causal;
    if (!b.valid) {
      if (!causal) return undefined;
      let c = this.causalBias.get(T);
      if (!c) {
        const v = new Float32Array(T * T);
        for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) v[i * T + j] = NEG;
        c = tf.keep(tf.tensor4d(v, [1, 1, T, T]));
        this.causalBias.set(T, c);
      }
      return c;
    }
    const v = new Float32Array(b.B * T * T);
    for (let i = 0; i < b.B; i++) {
      for (let q = 0; q < T; q++) {
        for (let k = 0; k < T; k++) {
          // Padding keys are masked; a padding query attends to itself so its row stays finite.
          const pad = !b.valid[k] && k !== q;
          if (pad || (causal && k > q)) v[(i * T + q) * T + k] = NEG;
        }
      }
    }
    return tf.tensor4d(v, [b.B, 1, T, T]);
  }

  /**
   * Encoder output [B·T, d]; dropSeed given = training (dropout on). `sub`: each layer's attention
   * and feed-forward computed elsewhere (split-infer.ts), the residuals and norms here. `lastOnly`: the last layer
   * runs its queries, residuals and feed-forward on the last position only and the output is
   * [B, d], equal to last(trunk(inp)) (same dropout masks): for callers that read nothing else.
   */
  trunk(inp: Inputs, dropSeed?: number, lastOnly = false, sub?: Sublayers): T2 {
    const tf = this.tf;
    const a = this.cfg.arch;
    const p = (n: string) => this.params.v(n);
    const { B, T } = inp;
    const N = B * T;
    const drop = new Dropout(tf, a.dropout, dropSeed, inp.first ? { first: inp.first, B } : undefined);
    const embedded = () =>
      this.lay.embedGroups.map(
        (g, i) => tf.reshape(tf.gather(p(`embed/${i}`), inp.ids[i] as tfjs.Tensor1D), [N, g.dim * g.cols.length]) as T2,
      );
    const x0 = dense(tf, inp.rows ?? (tf.concat([...embedded(), inp.numIn as T2], 1) as T2), p('in/w'), p('in/b'));
    const pos = T === this.lay.seqLen ? this.pos : tf.slice(this.pos, [0, 0], [T, a.dModel]);
    let x = drop.apply(tf.reshape(tf.add(tf.reshape(x0, [B, T, a.dModel]), pos), [N, a.dModel]) as T2);
    // One window at inference with few heads: attention-single.ts (measured faster at 4 heads, slower at 8).
    const single = B === 1 && a.heads <= 4 && !drop.active && !taping(tf);
    for (let l = 0; l < a.layers; l++) {
      const w = (n: string) => p(`l${l}/${n}`);
      const last = lastOnly && l === a.layers - 1;
      // On the last layer with lastOnly, rows are [B, ·] slices of [B·T, ·] tensors: masks as such.
      const full = (width: number) =>
        last ? { shape: [N, width], take: (m: tfjs.Tensor) => lastRows(tf, m, B, T) } : undefined;
      const aw = { qkvW: w('qkv/w'), qkvB: w('qkv/b'), outW: w('out/w'), outB: w('out/b') };
      const att = (h: T2) =>
        sub
          ? sub.attention(l, h, last)
          : single
            ? attentionSingle(tf, h, aw, this.masks(), inp.bias, last)
            : drop.apply(attention(tf, h, aw, { B, T, heads: a.heads }, inp.bias, drop, last), full(a.dModel));
      const ffn = (h: T2) =>
        sub?.ffn(l, h) ??
        drop.apply(
          dense(tf, drop.apply(dense(tf, h, w('ff1/w'), w('ff1/b'), 'relu'), full(a.ffn)), w('ff2/w'), w('ff2/b')),
          full(a.dModel),
        );
      const res = (h: T2) => (last ? lastRows(tf, h, B, T) : h);
      if (a.norm === 'pre') {
        x = tf.add(res(x), att(layerNorm(tf, x, w('ln1/g'), w('ln1/b'))));
        x = tf.add(x, ffn(layerNorm(tf, x, w('ln2/g'), w('ln2/b'))));
      } else {
        x = layerNorm(tf, tf.add(res(x), att(x)), w('ln1/g'), w('ln1/b'));
        x = layerNorm(tf, tf.add(x, ffn(x)), w('ln2/g'), w('ln2/b'));
      }
    }
    return a.norm === 'pre' ? layerNorm(tf, x, p('final/ln/g'), p('final/ln/b')) : x;
  }

  /** Whether trunk(…, lastOnly) serves a last-position caller: the pointer head reads every position. */
  get lastOnlyTrunk(): boolean {
    return this.lay.pointerCols.length === 0;
  }

  /** The trunk's last position per window [B, d]. */
  last(h: T2, B: number, T: number): T2 {
    const d = this.cfg.arch.dModel;
    return this.tf.reshape(this.tf.slice(this.tf.reshape(h, [B, T, d]), [0, T - 1, 0], [B, 1, d]), [B, d]);
  }

  /**
   * Heads for M = B·Tq query rows z. Type-conditioned heads get `cond` [M·K] type ids, with each
   * row of z repeated K times (K = cond.size / M: 1 in training, every type for marginals).
   * `h` (the full trunk output) supplies the pointer keys. Inference uses heads-infer.ts.
   */
  heads(z: T2, h: T2, inp: Inputs, cond?: tfjs.Tensor1D): HeadOutputs {
    const tf = this.tf;
    const a = this.cfg.arch;
    const p = (n: string) => this.params.v(n);
    const M = z.shape[0];
    const out: Partial<HeadOutputs> = {};
    let zc = z;
    if (this.lay.typeSeparate) out.typeLogits = dense(tf, z, p('head/type/w'), p('head/type/b'));
    if (a.typeConditioned) {
      if (!cond) throw new Error('type-conditioned heads need the target type');
      const K = cond.shape[0] / M;
      const zt =
        K === 1 ? z : (tf.reshape(tf.tile(tf.reshape(z, [M, 1, a.dModel]), [1, K, 1]), [M * K, a.dModel]) as T2);
      zc = tf.add(zt, tf.gather(p('head/cond'), cond));
    }
    out.catLogits = dense(tf, zc, p('head/cat/w'), p('head/cat/b'));
    const J = this.lay.numWidth;
    const numOut = dense(tf, zc, p('head/num/w'), p('head/num/b'));
    if (a.presenceHead) {
      out.num = tf.slice(numOut, [0, 0], [-1, J]);
      out.presence = tf.slice(numOut, [0, J], [-1, J]);
    } else out.num = numOut;
    if (this.lay.pointerCols.length) out.pointer = this.pointer(zc, h, inp);
    if (inp.copy)
      Object.assign(out, addCopyPrior(tf, p('head/copy'), this.copyCols(), inp.copy, out.typeLogits, out.catLogits));
    return out as HeadOutputs;
  }

  /** Pointer logits: [specials (absent, new) | query · key of each window slot + slot mask]. */
  private pointer(zc: T2, h: T2, inp: Inputs): T2 {
    const tf = this.tf;
    const P = this.lay.pointerCols.length;
    const dp = this.cfg.arch.pointerDim;
    const { B, T } = inp;
    const Q = (zc.shape[0] / B) * P; // queries per window
    const q = tf.reshape(dense(tf, zc, this.params.v('ptr/q/w')), [B, Q, dp]) as tfjs.Tensor3D;
    const k = tf.reshape(dense(tf, h, this.params.v('ptr/k/w')), [B, T * P, dp]) as tfjs.Tensor3D;
    const scores = tf.add(tf.matMul(tf.mul(q, 1 / Math.sqrt(dp)), k, false, true), inp.slotMask as tfjs.Tensor3D);
    const special = tf.reshape(dense(tf, zc, this.params.v('ptr/sp/w'), this.params.v('ptr/sp/b')), [B, Q, 2]);
    return tf.reshape(tf.concat([special, scores], 2), [B * Q, 2 + T * P]) as T2;
  }

  private blockMask?: { k: tfjs.Tensor3D; v: tfjs.Tensor3D };
  private masks(): { k: tfjs.Tensor3D; v: tfjs.Tensor3D } {
    if (!this.blockMask) {
      const m = blockMasks(this.tf, this.cfg.arch.heads, this.cfg.arch.dModel);
      this.blockMask = { k: this.tf.keep(m.k), v: this.tf.keep(m.v) };
    }
    return this.blockMask;
  }

  private copyIndex?: tfjs.Tensor1D;
  private copyCols(): tfjs.Tensor1D {
    this.copyIndex ??= this.tf.keep(this.tf.tensor1d(copyColumnIndex(this.lay), 'int32'));
    return this.copyIndex;
  }

  dispose(): void {
    this.pos.dispose();
    this.copyIndex?.dispose();
    if (this.blockMask) this.tf.dispose([this.blockMask.k, this.blockMask.v]);
    for (const t of this.causalBias.values()) t.dispose();
    this.causalBias.clear();
  }
}
