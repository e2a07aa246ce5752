import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../../core/tfjs';
import type { Batch } from './batch';
import { TYPE_COL, type Layout } from './layout';

type T2 = tfjs.Tensor2D;

/**
 * Copy prior (arch.copyPrior): each categorical logit gets β_c · (share of that id in column c
 * over the rows the query has seen), with one learned scalar β per column, shared by every id.
 *
 * Why: the feed runs in regimes (waves of sends, deposits into one pool, withdrawals) in which
 * the next action repeats what the window is full of. The trunk can learn that per id, but only
 * from enough examples of each: at demo size (14,000 train actions) it learned send and deposit
 * waves and not the one short withdrawal wave, so it never predicted a withdrawal (mean
 * p(withdraw) 0.07 in windows whose next action was a withdrawal half the time). One β per
 * column carries "more of the same" from the frequent regimes to the rare ones.
 */

/**
 * β is stored divided by this and starts at 1 (params.ts), i.e. at β = COPY_SCALE: a window half
 * full of one id lifts its logit by 2. Adam's ≈ lr-sized steps then move β by ≈ COPY_SCALE · lr,
 * enough to tune it per column within a demo-size run; from 0 (scale 10) it reached only 1.6
 * for the type in 350 steps, and p(withdraw) in withdrawal waves rose from 0.07 to 0.20 only.
 */
export const COPY_SCALE = 4;

/** Window shares of each id per query row: the type column [M, Vt] and the fused head groups [M, catTotal]. */
export interface CopyInputs {
  type?: T2;
  cat: T2;
}

/** Column of each fused logit (for gathering β per logit). */
export function copyColumnIndex(lay: Layout): Int32Array {
  const out = new Int32Array(lay.catTotal);
  for (const g of lay.headGroups)
    g.cols.forEach((c, k) => out.fill(c, g.start + k * g.vocab, g.start + (k + 1) * g.vocab));
  return out;
}

/**
 * Shares per query row: with `causalQueries` row (i, t) counts rows 0..t of window i (what
 * position t has seen; its target is row t + 1), else one row per window counting the whole
 * window. Padding rows (b.valid 0) are not counted.
 */
export function copyShares(lay: Layout, b: Batch, causalQueries: boolean): { type?: Float32Array; cat: Float32Array } {
  const { B, T } = b;
  const C = lay.catWidth;
  const Q = causalQueries ? T : 1;
  const W = lay.catTotal;
  const Vt = lay.vocab[TYPE_COL] as number;
  const cat = new Float32Array(B * Q * W);
  const type = lay.typeSeparate ? new Float32Array(B * Q * Vt) : undefined;
  const counts = new Float32Array(W);
  const typeCounts = new Float32Array(Vt);
  for (let i = 0; i < B; i++) {
    counts.fill(0);
    typeCounts.fill(0);
    let seen = 0;
    for (let t = 0; t < T; t++) {
      const r = i * T + t;
      if (!b.valid || b.valid[r]) {
        seen++;
        for (const g of lay.headGroups)
          g.cols.forEach((c, k) => {
            const id = b.cat[r * C + c] as number;
            if (id >= 0 && id < g.vocab) counts[g.start + k * g.vocab + id]++;
          });
        const ty = b.cat[r * C + TYPE_COL] as number;
        if (type && ty >= 0 && ty < Vt) typeCounts[ty]++;
      }
      if (causalQueries || t === T - 1) {
        const q = causalQueries ? i * T + t : i;
        const inv = seen > 0 ? 1 / seen : 0;
        for (let w = 0; w < W; w++) cat[q * W + w] = (counts[w] as number) * inv;
        if (type) for (let v = 0; v < Vt; v++) type[q * Vt + v] = (typeCounts[v] as number) * inv;
      }
    }
  }
  return { type, cat };
}

export function copyInputs(tf: Tf, lay: Layout, b: Batch, causalQueries: boolean): CopyInputs {
  const s = copyShares(lay, b, causalQueries);
  const M = s.cat.length / Math.max(lay.catTotal, 1);
  return {
    type: s.type ? tf.tensor2d(s.type, [M, lay.vocab[TYPE_COL] as number]) : undefined,
    cat: tf.tensor2d(s.cat, [M, lay.catTotal]),
  };
}

/**
 * Adds the copy terms to the head logits. `catLogits` has K rows per query row (type-conditioned
 * copies, row m·K + k), so the shares are repeated K times; `beta` is the [catWidth] parameter.
 */
export function addCopyPrior(
  tf: Tf,
  beta: tfjs.Tensor,
  colIndex: tfjs.Tensor1D,
  copy: CopyInputs,
  typeLogits: T2 | undefined,
  catLogits: T2,
): { typeLogits?: T2; catLogits: T2 } {
  const b = tf.mul(beta, COPY_SCALE);
  const M = copy.cat.shape[0];
  const K = catLogits.shape[0] / M;
  const W = copy.cat.shape[1];
  const shares =
    K === 1 ? copy.cat : (tf.reshape(tf.tile(tf.reshape(copy.cat, [M, 1, W]), [1, K, 1]), [M * K, W]) as T2);
  const cat = tf.add(catLogits, tf.mul(shares, tf.gather(b, colIndex))) as T2;
  const type =
    typeLogits && copy.type ? (tf.add(typeLogits, tf.mul(copy.type, tf.slice(b, [TYPE_COL], [1]))) as T2) : typeLogits;
  return { typeLogits: type, catLogits: cat };
}
