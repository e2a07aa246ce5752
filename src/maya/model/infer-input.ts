import type * as tfjs from '@tensorflow/tfjs';
import { UNKNOWN } from '../features/fields';
import type { Batch } from './batch';
import type { Layout } from './layout';
import type { Params } from './params';

/**
 * Values of a parameter as a JS array, read once per value: keyed on its dataId, which a Variable
 * replaces on every assign (optimizer step, checkpoint load), so a stale copy is never returned.
 */
const copies = new WeakMap<object, Float32Array>();
export function paramValues(v: tfjs.Tensor): Float32Array {
  let x = copies.get(v.dataId);
  if (!x) {
    x = Float32Array.from(v.dataSync() as Float32Array);
    copies.set(v.dataId, x);
  }
  return x;
}

/**
 * The input projection's input rows [B·T, inWidth] for inference, built in JS: each embedding
 * group's rows for the row's ids (as `gather` then `concat` would), then the scaled numerics
 * (0 where missing) and their mask. On wasm the gathers, reshapes and concat this replaces cost
 * more than the copy (GatherV2 alone ~0.07 ms a call for a single window).
 */
export function inputRows(lay: Layout, params: Params, b: Batch): Float32Array {
  const { catWidth: C, numWidth: J, inWidth: W } = lay;
  const N = b.B * b.T;
  const out = new Float32Array(N * W);
  const tables = lay.embedGroups.map((_, i) => paramValues(params.v(`embed/${i}`)));
  for (let r = 0; r < N; r++) {
    let at = r * W;
    lay.embedGroups.forEach((g, gi) => {
      const table = tables[gi] as Float32Array;
      g.cols.forEach((c, k) => {
        const id = b.cat[r * C + c] as number;
        const row = (id >= 0 && id < (lay.vocab[c] as number) ? id : UNKNOWN) + (g.offsets[k] as number);
        out.set(table.subarray(row * g.dim, (row + 1) * g.dim), at);
        at += g.dim;
      });
    });
    for (let j = 0; j < J; j++) {
      const m = b.mask[r * J + j] as number;
      out[at + j] = m ? (b.num[r * J + j] as number) : 0;
      out[at + J + j] = m;
    }
  }
  return out;
}
