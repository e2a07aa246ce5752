import { PAD } from '../features/fields';
import type { FeatureSet } from '../features';
import type { Layout } from './layout';

/** Input rows of B windows of T actions (row-major [B·T, ·]) and, for training, their targets. */
export interface Batch {
  B: number;
  T: number;
  cat: Int32Array;
  num: Float32Array;
  mask: Uint8Array;
  /** 1 for a real row, 0 for left padding (short live windows); undefined: all real. */
  valid?: Uint8Array;
  target?: Targets;
  /** Set on a shard of a batch split across workers: the index of its first window in the whole batch. */
  first?: number;
}

/** Targets per supervised position: Tq = T (every position) or 1 (last). */
export interface Targets {
  Tq: number;
  cat: Int32Array;
  num: Float32Array;
  mask: Uint8Array;
  /** Loss weight per supervised position [B·Tq] (0 where the target row is padding). */
  weight: Float32Array;
}

export type TargetMode = 'all' | 'last' | 'none';

/** Windows starting at `starts` (inputs rows s..s+T-1); targets rows s+1..s+T ('all') or s+T ('last'). */
export function windowBatch(set: FeatureSet, starts: ArrayLike<number>, T: number, mode: TargetMode): Batch {
  const { catWidth: C, numWidth: J } = set.artifacts;
  const B = starts.length;
  const b: Batch = {
    B,
    T,
    cat: new Int32Array(B * T * C),
    num: new Float32Array(B * T * J),
    mask: new Uint8Array(B * T * J),
  };
  const Tq = mode === 'all' ? T : 1;
  const t: Targets = {
    Tq,
    cat: new Int32Array(B * Tq * C),
    num: new Float32Array(B * Tq * J),
    mask: new Uint8Array(B * Tq * J),
    weight: new Float32Array(B * Tq).fill(1),
  };
  for (let i = 0; i < B; i++) {
    const s = starts[i] as number;
    if (s < 0 || s + T + (mode === 'none' ? 0 : 1) > set.count)
      throw new RangeError(`window at ${s} (length ${T}) runs past the ${set.count} actions`);
    b.cat.set(set.cat.subarray(s * C, (s + T) * C), i * T * C);
    b.num.set(set.num.subarray(s * J, (s + T) * J), i * T * J);
    b.mask.set(set.mask.subarray(s * J, (s + T) * J), i * T * J);
    if (mode === 'none') continue;
    const first = mode === 'all' ? s + 1 : s + T;
    t.cat.set(set.cat.subarray(first * C, (s + T + 1) * C), i * Tq * C);
    t.num.set(set.num.subarray(first * J, (s + T + 1) * J), i * Tq * J);
    t.mask.set(set.mask.subarray(first * J, (s + T + 1) * J), i * Tq * J);
  }
  if (mode !== 'none') b.target = t;
  return b;
}

/** One window of n ≤ L rows, left-padded to T rows with PAD rows marked invalid. */
export function singleWindow(
  rows: { cat: Int32Array; num: Float32Array; mask: Uint8Array },
  C: number,
  J: number,
  T: number,
): Batch {
  const n = rows.cat.length / C;
  const pad = T - n;
  const b: Batch = { B: 1, T, cat: new Int32Array(T * C), num: new Float32Array(T * J), mask: new Uint8Array(T * J) };
  b.cat.set(rows.cat, pad * C);
  b.num.set(rows.num, pad * J);
  b.mask.set(rows.mask, pad * J);
  if (pad > 0) {
    b.valid = new Uint8Array(T);
    b.valid.fill(1, pad);
  }
  return b;
}

export const NEG = -1e9;

/**
 * Pointer head masks. Slots are (row t', column a) over the window's rows, slot = t'·P + a; a slot
 * is usable when its address is not PAD, its row is real, and (causal queries) t' ≤ t.
 * Returns the additive slot mask [B, Q|1, T·P] with Q = Tq·P queries per window.
 */
export function pointerSlotMask(lay: Layout, b: Batch, causalQueries: boolean): Float32Array {
  const P = lay.pointerCols.length;
  const C = lay.catWidth;
  const S = b.T * P;
  const Q = causalQueries ? b.T * P : 1;
  const out = new Float32Array(b.B * Q * S).fill(NEG);
  for (let i = 0; i < b.B; i++) {
    for (let t2 = 0; t2 < b.T; t2++) {
      if (b.valid && !b.valid[t2]) continue;
      for (let a = 0; a < P; a++) {
        if (b.cat[(i * b.T + t2) * C + (lay.pointerCols[a] as number)] === PAD) continue;
        const slot = t2 * P + a;
        if (!causalQueries) out[i * S + slot] = 0;
        else for (let q = t2 * P; q < Q; q++) out[(i * Q + q) * S + slot] = 0;
      }
    }
  }
  return out;
}

/**
 * Which pointer outcomes explain each target [B·Tq·P, 2 + T·P], additive: 0 / -1e9, and
 * log(1/buckets) on "new" (a new address lands on any bucket). Outcome 0: absent (PAD target);
 * 1: new; 2 + slot: same bucket as that usable slot.
 */
export function pointerTargetMask(lay: Layout, b: Batch, slotMask: Float32Array, causalQueries: boolean): Float32Array {
  const t = b.target as Targets;
  const P = lay.pointerCols.length;
  const C = lay.catWidth;
  const S = b.T * P;
  const W = 2 + S;
  const Q = causalQueries ? b.T * P : 1;
  const logNew = -Math.log(lay.buckets);
  const out = new Float32Array(b.B * t.Tq * P * W).fill(NEG);
  for (let i = 0; i < b.B; i++) {
    for (let tq = 0; tq < t.Tq; tq++) {
      for (let c = 0; c < P; c++) {
        const col = lay.pointerCols[c] as number;
        const y = t.cat[(i * t.Tq + tq) * C + col] as number;
        const row = ((i * t.Tq + tq) * P + c) * W;
        if (y === PAD) {
          out[row] = 0;
          continue;
        }
        out[row + 1] = logNew;
        const q = causalQueries ? tq * P + c : 0;
        for (let s = 0; s < S; s++) {
          const usable = slotMask[(i * Q + q) * S + s] === 0;
          const t2 = Math.floor(s / P);
          if (usable && b.cat[(i * b.T + t2) * C + (lay.pointerCols[s % P] as number)] === y) out[row + 2 + s] = 0;
        }
      }
    }
  }
  return out;
}
