import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { WorkbenchError } from '../../core/errors';
import { sha256 } from '../../core/hash';
import type { FeatureSet } from '../features';
import { CATEGORY_FIELDS, NUMERIC_FIELDS } from '../features/fields';
import { TYPE_COL } from './layout';
import { writeFileAtomic } from './weights-io';

/**
 * The amounts' predictive distribution (arch.amountPrior). An amount's log1p value is dominated
 * by the asset it is in (the same dollar value in BTC and in CACAO base units lies several log
 * units apart), so what the next amount will be is a mixture with one mode per likely asset.
 * A point head trained with L1 lands in the flat valley between the modes. Here the amount is
 * decoded the way the action is generated: p(type | window) · p(asset | type, window) from the
 * network, times p(amount | type, asset) counted on the train block; the median of that mixture
 * is the point MAE rewards. It knows the asset mix but not the window's own amounts, which the
 * network's L1 head reads, so the prediction is the plain average of the two (an equal-weight
 * forecast combination: no weight fitted). A learned window-conditioned bin head did worse at the
 * demo's size than either (docs/maya-amounts.md).
 */

export const AMOUNT_PRIOR_FILE = 'amount-prior.json';

/** Each decoded amount and the asset column it is denominated in. */
export const PRIOR_COLUMNS = [
  { amount: 'inAmount', asset: 'inAsset' },
  { amount: 'outAmount', asset: 'outAsset' },
] as const;

/** Equal bins of the scaled value (train-block standard deviations); outside values go to the edge bins. */
const BINS = 100;
const LO = -5;
const HI = 5;
/** Pseudo-counts pulling a sparse (type, asset) histogram to its asset's, and an asset's to the column's. */
const KAPPA = 20;

const PriorFileSchema = z
  .object({
    format: z.literal('maya-amount-prior/1'),
    bins: z.number().int().positive(),
    lo: z.number(),
    hi: z.number(),
    kappa: z.number().min(0),
    /** Per column: train-block counts as [type id, asset id, bin, count] (non-zero cells only). */
    columns: z.array(
      z.object({
        amount: z.string(),
        asset: z.string(),
        counts: z.array(z.tuple([z.number(), z.number(), z.number(), z.number()])),
      }),
    ),
  })
  .strict();
export type AmountPriorFile = z.infer<typeof PriorFileSchema>;

/** Smoothed tables ready for decoding: per column, p(bin | type, asset) as [types][assets][bins]. */
export interface AmountPrior {
  file: AmountPriorFile;
  /** Numeric and categorical column indexes of each PRIOR_COLUMNS entry. */
  cols: { num: number; asset: number }[];
  tables: Float64Array[];
  types: number;
  assets: number;
}

function columnIndexes(): { num: number; asset: number }[] {
  return PRIOR_COLUMNS.map((c) => ({
    num: NUMERIC_FIELDS.findIndex((f) => f.name === c.amount),
    asset: CATEGORY_FIELDS.findIndex((f) => f.name === c.asset),
  }));
}

function binOf(v: number, f: AmountPriorFile): number {
  const k = Math.floor(((v - f.lo) / (f.hi - f.lo)) * f.bins);
  return k < 0 ? 0 : k >= f.bins ? f.bins - 1 : k;
}

/** Counts every train-block row where the amount is present (the rows the network trains on). */
export function fitAmountPrior(set: FeatureSet, vocab: number[]): AmountPrior {
  const { catWidth: C, numWidth: J, split } = set.artifacts;
  const file: AmountPriorFile = {
    format: 'maya-amount-prior/1',
    bins: BINS,
    lo: LO,
    hi: HI,
    kappa: KAPPA,
    columns: [],
  };
  for (const [k, col] of columnIndexes().entries()) {
    const cells = new Map<string, number>();
    for (let r = split.blocks.train.start; r < split.blocks.train.end; r++) {
      if (!set.mask[r * J + col.num]) continue;
      const key = `${set.cat[r * C + TYPE_COL]},${set.cat[r * C + col.asset]},${binOf(set.num[r * J + col.num] as number, file)}`;
      cells.set(key, (cells.get(key) ?? 0) + 1);
    }
    const counts = [...cells].map(([key, n]) => [...key.split(',').map(Number), n] as [number, number, number, number]);
    counts.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
    file.columns.push({ ...(PRIOR_COLUMNS[k] as (typeof PRIOR_COLUMNS)[number]), counts });
  }
  return priorTables(file, vocab);
}

/** p(bin | type, asset) = (n(type, asset, bin) + κ·p(bin | asset)) / (n(type, asset) + κ), p(bin | asset) likewise from the column's histogram. */
export function priorTables(file: AmountPriorFile, vocab: number[]): AmountPrior {
  const cols = columnIndexes();
  const types = vocab[TYPE_COL] as number;
  const assets = vocab[cols[0]?.asset as number] as number;
  const V = file.bins;
  const tables = file.columns.map((c) => {
    const n = new Float64Array(types * assets * V);
    for (const [t, a, b, x] of c.counts) if (t < types && a < assets && b < V) n[(t * assets + a) * V + b] = x;
    const all = new Float64Array(V);
    const byAsset = new Float64Array(assets * V);
    for (let t = 0; t < types; t++)
      for (let a = 0; a < assets; a++)
        for (let b = 0; b < V; b++) {
          const x = n[(t * assets + a) * V + b] as number;
          all[b] = (all[b] as number) + x;
          byAsset[a * V + b] = (byAsset[a * V + b] as number) + x;
        }
    const total = all.reduce((s, x) => s + x, 0);
    const out = new Float64Array(types * assets * V);
    for (let a = 0; a < assets; a++) {
      const na = byAsset.subarray(a * V, (a + 1) * V).reduce((s, x) => s + x, 0);
      for (let t = 0; t < types; t++) {
        const at = (t * assets + a) * V;
        const nt = n.subarray(at, at + V).reduce((s, x) => s + x, 0);
        for (let b = 0; b < V; b++) {
          const pAsset =
            ((byAsset[a * V + b] as number) + (file.kappa * (all[b] as number)) / Math.max(total, 1)) /
            (na + file.kappa);
          out[at + b] = ((n[at + b] as number) + file.kappa * pAsset) / (nt + file.kappa);
        }
      }
    }
    return out;
  });
  return { file, cols, tables, types, assets };
}

/**
 * Median (scaled units) of Σ weight(t, a) · p(bin | t, a) for column k, the mass spread evenly
 * inside each bin. `weight` gives p(type, asset, present) of the row being decoded.
 */
export function priorMedian(p: AmountPrior, k: number, weight: (t: number, a: number) => number): number {
  const { bins: V, lo, hi } = p.file;
  const table = p.tables[k] as Float64Array;
  const mix = new Float64Array(V);
  for (let t = 0; t < p.types; t++)
    for (let a = 0; a < p.assets; a++) {
      const w = weight(t, a);
      if (!(w > 0)) continue;
      const at = (t * p.assets + a) * V;
      for (let b = 0; b < V; b++) mix[b] = (mix[b] as number) + w * (table[at + b] as number);
    }
  const total = mix.reduce((s, x) => s + x, 0);
  if (!(total > 0)) return (lo + hi) / 2;
  let cum = 0;
  for (let b = 0; b < V; b++) {
    const q = mix[b] as number;
    if (q > 0 && cum + q >= total / 2) return lo + ((hi - lo) / V) * (b + (total / 2 - cum) / q);
    cum += q;
  }
  return hi;
}

/** A draw (scaled units) of amount k given the type and asset: a bin by its probability, then uniform inside it. */
export function priorDraw(p: AmountPrior, k: number, t: number, a: number, u: () => number): number {
  const { bins: V, lo, hi } = p.file;
  if (t < 0 || t >= p.types || a < 0 || a >= p.assets) return (lo + hi) / 2;
  const table = p.tables[k] as Float64Array;
  const at = (t * p.assets + a) * V;
  let left = u();
  for (let b = 0; b < V; b++) {
    left -= table[at + b] as number;
    if (left <= 0) return lo + ((hi - lo) / V) * (b + u());
  }
  return lo + ((hi - lo) / V) * (V - 1 + u());
}

/** Writes the prior beside the weights; returns what the manifest records. */
export function saveAmountPrior(dir: string, p: AmountPrior): { file: typeof AMOUNT_PRIOR_FILE; sha256: string } {
  const text = `${JSON.stringify(p.file)}\n`;
  writeFileAtomic(join(dir, AMOUNT_PRIOR_FILE), text);
  return { file: AMOUNT_PRIOR_FILE, sha256: sha256(text) };
}

export function loadAmountPrior(dir: string, expectSha256: string, vocab: number[]): AmountPrior {
  const path = join(dir, AMOUNT_PRIOR_FILE);
  const text = readFileSync(path, 'utf8');
  if (sha256(text) !== expectSha256)
    throw new WorkbenchError(
      `${path} is not the file the manifest was written with (sha256 differs)`,
      'the folder mixes two runs: train again into an empty folder',
    );
  const r = PriorFileSchema.safeParse(JSON.parse(text));
  if (!r.success)
    throw new WorkbenchError(`${path}: invalid amount prior: ${r.error.issues[0]?.message}`, 'train again');
  return priorTables(r.data, vocab);
}
