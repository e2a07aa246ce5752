import type * as tfjs from '@tensorflow/tfjs';
import { BUCKET_OFFSET, PAD } from '../features/fields';
import { priorMedian, type AmountPrior } from './amount-prior';
import type { Batch } from './batch';
import { headsInfer, type RawHeads } from './heads-infer';
import { TYPE_COL } from './layout';
import type { MayaModel } from './model';

/**
 * Head probabilities for the last position of each window of a batch, read back to JS. With
 * type-conditioned heads every window is evaluated under K types (all of them, or one given):
 * row i·K + k holds window i under type `types[k]`, weighted by `typeW[i·K + k]`.
 */
export interface WindowOutputs {
  n: number;
  K: number;
  /** Type probabilities [n, Vt] (from the type head, or the type column's group). */
  pType: Float32Array;
  /** Weight of each conditioned row [n·K]: p(type) for marginals, 1 for a given type. */
  typeW: Float32Array;
  /** Softmax per head group [n·K, k, V]. */
  groups: Float32Array[];
  num: Float32Array;
  /** Presence probabilities [n·K, J]; undefined without a presence head. */
  pres?: Float32Array;
  /** Pointer outcome probabilities [n·K·P, 2 + T·P]. */
  ptr?: Float32Array;
  /** The type every row is conditioned on when K = 1 (a given type). */
  type?: number;
}

/**
 * Runs the network on `b` ('last' position); `type` conditions on one type instead of marginalising.
 * The heads' logits are read back raw and their softmaxes and sigmoids taken here: a single
 * prediction is dominated by per-kernel overhead on wasm, and these are a few hundred values.
 */
export function windowOutputs(m: MayaModel, b: Batch, type?: number): WindowOutputs {
  const { tf, net, layout: lay } = m;
  const Vt = lay.vocab[TYPE_COL] as number;
  const J = lay.numWidth;
  const conditioned = m.config.arch.typeConditioned;
  const K = conditioned && type === undefined ? Vt : 1;
  const M = b.B * K;
  const inp = net.inputs(b, false, true);
  let raw: RawHeads | undefined;
  try {
    tf.tidy(() => {
      const h = m.split && b.B === 1 ? m.split.trunk(inp) : net.trunk(inp, undefined, net.lastOnlyTrunk);
      const z = net.lastOnlyTrunk ? h : net.last(h, b.B, b.T);
      raw = headsInfer(m, b, z, h, K, type);
    });
  } finally {
    tf.dispose(inp.owned as tfjs.Tensor[]);
  }
  const r = raw as NonNullable<typeof raw>;
  const groups = lay.headGroups.map((g) => {
    const w = g.cols.length * g.vocab;
    const out = new Float32Array(M * w);
    for (let i = 0; i < M; i++)
      out.set(r.cat.subarray(i * lay.catTotal + g.start, i * lay.catTotal + g.start + w), i * w);
    return softmaxRows(out, g.vocab);
  });
  let pType: Float32Array;
  if (r.type) pType = softmaxRows(r.type, Vt);
  else {
    const gi = lay.headGroups.findIndex((g) => g.cols.includes(TYPE_COL));
    pType = typeProbs(groups[gi] as Float32Array, lay.headGroups[gi]?.cols ?? [], lay.headGroups[gi]?.vocab ?? Vt, b.B);
  }
  const typeW = new Float32Array(M);
  for (let q = 0; q < M; q++) typeW[q] = K === 1 ? 1 : (pType[Math.floor(q / K) * Vt + (q % K)] as number);
  let num = r.num;
  let pres: Float32Array | undefined;
  if (m.config.arch.presenceHead) {
    // fused [M, 2J]: values, then presence logits
    num = new Float32Array(M * J);
    pres = new Float32Array(M * J);
    for (let q = 0; q < M; q++) {
      num.set(r.num.subarray(q * 2 * J, q * 2 * J + J), q * J);
      for (let j = 0; j < J; j++) pres[q * J + j] = 1 / (1 + Math.exp(-(r.num[q * 2 * J + J + j] as number)));
    }
  }
  const ptr = r.ptr ? softmaxRows(r.ptr, 2 + b.T * lay.pointerCols.length) : undefined;
  return { n: b.B, K, pType, typeW, groups, num, pres, ptr, type };
}

/** Softmax of each run of `width` values, in place (float64 sums; max subtracted as tfjs does). */
export function softmaxRows(x: Float32Array, width: number): Float32Array {
  for (let at = 0; at < x.length; at += width) {
    let max = Number.NEGATIVE_INFINITY;
    for (let v = at; v < at + width; v++) if ((x[v] as number) > max) max = x[v] as number;
    let sum = 0;
    for (let v = at; v < at + width; v++) {
      const e = Math.exp((x[v] as number) - max);
      x[v] = e;
      sum += e;
    }
    for (let v = at; v < at + width; v++) x[v] = (x[v] as number) / sum;
  }
  return x;
}

function typeProbs(g: Float32Array, cols: number[], V: number, n: number): Float32Array {
  const k = cols.length;
  const at = cols.indexOf(TYPE_COL);
  const out = new Float32Array(n * V);
  for (let i = 0; i < n; i++) out.set(g.subarray((i * k + at) * V, (i * k + at + 1) * V), i * V);
  return out;
}

/** Marginal distribution of categorical column c for window i (not a pointer column). */
export function catMarginal(m: MayaModel, o: WindowOutputs, c: number, i: number): Float32Array {
  const lay = m.layout;
  if (c === TYPE_COL && lay.typeSeparate)
    return o.pType.slice(i * (lay.vocab[TYPE_COL] as number), (i + 1) * (lay.vocab[TYPE_COL] as number));
  const gi = lay.headGroups.findIndex((g) => g.cols.includes(c));
  const g = lay.headGroups[gi];
  if (!g) throw new Error(`column ${c} has no softmax head`);
  const k = g.cols.length;
  const at = g.cols.indexOf(c);
  const src = o.groups[gi] as Float32Array;
  const out = new Float32Array(g.vocab);
  for (let kk = 0; kk < o.K; kk++) {
    const r = i * o.K + kk;
    const w = o.typeW[r] as number;
    if (w === 0) continue; // byType's one-hot weights: the other types' rows add nothing
    const base = (r * k + at) * g.vocab;
    for (let v = 0; v < g.vocab; v++) out[v] += w * (src[base + v] as number);
  }
  return out;
}

/** Sparse marginal of pointer column a for window i: PAD mass, mass per bucket id seen in the window, and the "new address" mass. */
export function pointerMarginal(
  m: MayaModel,
  o: WindowOutputs,
  b: Batch,
  a: number,
  i: number,
): { pad: number; fresh: number; ids: Map<number, number> } {
  const lay = m.layout;
  const P = lay.pointerCols.length;
  const S = b.T * P;
  const W = 2 + S;
  const C = lay.catWidth;
  const res = { pad: 0, fresh: 0, ids: new Map<number, number>() };
  const p = o.ptr as Float32Array;
  for (let kk = 0; kk < o.K; kk++) {
    const r = i * o.K + kk;
    const w = o.typeW[r] as number;
    if (w === 0) continue;
    const row = (r * P + a) * W;
    res.pad += w * (p[row] as number);
    res.fresh += w * (p[row + 1] as number);
    for (let s = 0; s < S; s++) {
      const mass = w * (p[row + 2 + s] as number);
      if (mass <= 0) continue;
      const id = b.cat[(i * b.T + Math.floor(s / P)) * C + (lay.pointerCols[s % P] as number)] as number;
      if (id === PAD) continue; // masked slot (probability ≈ 0)
      res.ids.set(id, (res.ids.get(id) ?? 0) + mass);
    }
  }
  return res;
}

/** Dense version over every id (PAD, UNKNOWN, buckets): new-address mass spread evenly over the buckets. */
export function pointerDense(m: MayaModel, sp: ReturnType<typeof pointerMarginal>): Float32Array {
  const nb = m.layout.buckets;
  const out = new Float32Array(nb + BUCKET_OFFSET).fill(sp.fresh / nb);
  out[PAD] = sp.pad;
  out[1] = 0;
  for (const [id, mass] of sp.ids) out[id] = (out[id] as number) + mass;
  return out;
}

/** Most likely id of a pointer column (a bucket seen in the window, or PAD; a fresh bucket only when the window has none). */
export function pointerArgmax(m: MayaModel, sp: ReturnType<typeof pointerMarginal>): number {
  const per = sp.fresh / m.layout.buckets;
  let best = PAD;
  let bestP = sp.pad;
  for (const [id, mass] of sp.ids) if (mass + per > bestP) [best, bestP] = [id, mass + per];
  if (per > bestP) best = BUCKET_OFFSET;
  return best;
}

/**
 * Presence probability and E[value | present] of each numeric for window i, marginalised over the
 * conditioned types; with an amount prior each amount's value is the mean of that and the
 * median of its decoded mixture (amountMedian).
 */
export function numMarginal(m: MayaModel, o: WindowOutputs, i: number): { num: Float32Array; present: Float32Array } {
  const J = m.layout.numWidth;
  const num = new Float32Array(J);
  const present = new Float32Array(J);
  for (let j = 0; j < J; j++) {
    let pw = 0;
    let vw = 0;
    let plain = 0;
    for (let kk = 0; kk < o.K; kk++) {
      const r = i * o.K + kk;
      const w = o.typeW[r] as number;
      const pr = o.pres ? (o.pres[r * J + j] as number) : 1;
      const v = o.num[r * J + j] as number;
      pw += w * pr;
      vw += w * pr * v;
      plain += w * v;
    }
    present[j] = o.pres ? pw : 1;
    num[j] = pw > 1e-12 ? vw / pw : plain;
  }
  // Equal-weight combination of the two decoders (amount-prior.ts): no weight is fitted.
  m.amountPrior?.cols.forEach((c, k) => (num[c.num] = ((num[c.num] as number) + amountMedian(m, o, i, k)) / 2));
  return { num, present };
}

/**
 * Median of amount k of the prior (scaled units) for window i, given that it is present:
 * Σ over the conditioned rows of p(type)·p(present | type)·p(asset | type)·p(amount | type, asset).
 */
export function amountMedian(m: MayaModel, o: WindowOutputs, i: number, k: number): number {
  const prior = m.amountPrior as AmountPrior;
  const c = prior.cols[k] as AmountPrior['cols'][number];
  const J = m.layout.numWidth;
  const gi = m.layout.headGroups.findIndex((g) => g.cols.includes(c.asset));
  const g = m.layout.headGroups[gi] as (typeof m.layout.headGroups)[number];
  const src = o.groups[gi] as Float32Array;
  const at = g.cols.indexOf(c.asset);
  const rowOf = new Map<number, number>();
  for (let kk = 0; kk < o.K; kk++) rowOf.set(o.K === 1 ? (o.type ?? 0) : kk, i * o.K + kk);
  return priorMedian(prior, k, (t, a) => {
    const r = rowOf.get(t);
    if (r === undefined || a >= g.vocab) return 0;
    const w = (o.typeW[r] as number) * (o.pres ? (o.pres[r * J + c.num] as number) : 1);
    return w === 0 ? 0 : w * (src[(r * g.cols.length + at) * g.vocab + a] as number);
  });
}
