import { std } from '../core';
import { chiSquare, jensenShannon, ksTwoSample, psi, wasserstein1 } from './drift-stats';

/**
 * Evidently's default drift rules (Evidently docs, "Data drift" preset and the stattest table,
 * docs.evidentlyai.com): with a reference of ≤ 1000 rows, a numeric column drifts when the
 * two-sample KS p-value < 0.05 and a categorical one when the chi-square p-value < 0.05; with
 * more rows, numeric columns drift when the Wasserstein distance divided by the reference's
 * standard deviation is ≥ 0.1 and categorical ones when the Jensen–Shannon distance is ≥ 0.1.
 * A numeric column with ≤ 5 distinct reference values counts as categorical. PSI ≥ 0.1 is
 * Evidently's threshold when PSI is chosen (the credit-risk bands: < 0.1 stable, 0.1–0.25
 * moderate, > 0.25 significant). The dataset drifts when ≥ half of its columns drift.
 * Evidently uses a Z-test for binary categorical columns; we use chi-square for every one.
 */
export const DRIFT_THRESHOLDS = {
  smallReferenceRows: 1000,
  ksPValue: 0.05,
  chiSquarePValue: 0.05,
  wassersteinNormed: 0.1,
  jensenShannon: 0.1,
  psi: 0.1,
  datasetShare: 0.5,
} as const;

export type DriftMethod = 'ks' | 'chisquare' | 'wasserstein' | 'jensenshannon';

export interface ColumnDrift {
  column: string;
  kind: 'numeric' | 'categorical';
  nReference: number;
  nCurrent: number;
  /** Missing values (null, NaN, absent) in current. */
  missingCurrent: number;
  psi: number;
  jensenShannon: number;
  ks: { statistic: number; pValue: number } | null;
  chiSquare: { statistic: number; pValue: number; df: number } | null;
  wassersteinNormed: number | null;
  method: DriftMethod;
  /** The value the method's threshold is compared with. */
  score: number;
  threshold: number;
  drift: boolean;
}

export interface DriftResult {
  columns: ColumnDrift[];
  drifted: number;
  share: number;
  datasetDrift: boolean;
}

type Value = string | number | boolean | null | undefined;

const isMissing = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v));

/** Histogram edges over both samples with Sturges' rule, as Evidently bins numeric columns. */
function sturgesEdges(all: readonly number[]): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of all) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const bins = Math.max(1, Math.ceil(Math.log2(all.length) + 1));
  if (hi === lo) return [lo - 0.5, hi + 0.5];
  return Array.from({ length: bins + 1 }, (_, i) => lo + ((hi - lo) * i) / bins);
}

function proportions(xs: readonly number[], edges: readonly number[]): number[] {
  const k = edges.length - 1;
  const counts = new Array<number>(k).fill(0);
  const lo = edges[0] as number;
  const width = ((edges[k] as number) - lo) / k;
  for (const x of xs) counts[Math.min(k - 1, Math.max(0, Math.floor((x - lo) / width)))]++;
  return counts.map((c) => c / xs.length);
}

/** Drift of one column between a reference and a current sample. */
/** Evidently floors empty bins at 1e-4 for Jensen–Shannon as well as PSI. */
function flooredJensenShannon(pr: readonly number[], pc: readonly number[]): number {
  const floor = (p: readonly number[]) => p.map((x) => Math.max(x, 1e-4));
  return jensenShannon(floor(pr), floor(pc));
}

export function columnDrift(column: string, reference: readonly Value[], current: readonly Value[]): ColumnDrift {
  const ref = reference.filter((v) => !isMissing(v)) as (string | number | boolean)[];
  const cur = current.filter((v) => !isMissing(v)) as (string | number | boolean)[];
  const missingCurrent = current.length - cur.length;
  const small = reference.length <= DRIFT_THRESHOLDS.smallReferenceRows;
  const numeric =
    ref.length > 0 &&
    ref.every((v) => typeof v === 'number') &&
    cur.every((v) => typeof v === 'number') &&
    new Set(ref).size > 5;
  const base = { column, nReference: ref.length, nCurrent: cur.length, missingCurrent };
  if (numeric) {
    const r = ref as number[];
    const c = cur as number[];
    const edges = sturgesEdges([...r, ...c]);
    const pr = proportions(r, edges);
    const pc = c.length ? proportions(c, edges) : pr.map(() => 0);
    const js = flooredJensenShannon(pr, pc);
    const ks = c.length ? ksTwoSample(r, c) : { statistic: NaN, pValue: NaN };
    const wn = c.length ? wasserstein1(r, c) / Math.max(r.length > 1 ? std(r) : 0, 0.001) : NaN;
    const method: DriftMethod = small ? 'ks' : 'wasserstein';
    const score = small ? ks.pValue : wn;
    const threshold = small ? DRIFT_THRESHOLDS.ksPValue : DRIFT_THRESHOLDS.wassersteinNormed;
    return {
      ...base,
      kind: 'numeric',
      psi: psi(pr, pc),
      jensenShannon: js,
      ks,
      chiSquare: null,
      wassersteinNormed: wn,
      method,
      score,
      threshold,
      drift: small ? score < threshold : score >= threshold,
    };
  }
  const cats = [...new Set([...ref, ...cur].map(String))].sort();
  const count = (xs: readonly (string | number | boolean)[]) => {
    const m = new Map<string, number>();
    for (const x of xs) m.set(String(x), (m.get(String(x)) ?? 0) + 1);
    return cats.map((k) => m.get(k) ?? 0);
  };
  const cr = count(ref);
  const cc = count(cur);
  const pr = cr.map((x) => x / Math.max(1, ref.length));
  const pc = cc.map((x) => x / Math.max(1, cur.length));
  // Expected current counts from the reference proportions (Evidently's chi-square stattest); a
  // category the reference never saw gets the 1e-4 floor so it still counts against it.
  const expected = pr.map((p) => Math.max(p, 1e-4) * cur.length);
  const chi = cats.length > 1 && cur.length ? chiSquare(cc, expected) : { statistic: 0, pValue: 1, df: 0 };
  const js = flooredJensenShannon(pr, pc);
  const method: DriftMethod = small ? 'chisquare' : 'jensenshannon';
  const score = small ? chi.pValue : js;
  const threshold = small ? DRIFT_THRESHOLDS.chiSquarePValue : DRIFT_THRESHOLDS.jensenShannon;
  return {
    ...base,
    kind: 'categorical',
    psi: psi(pr, pc),
    jensenShannon: js,
    ks: null,
    chiSquare: chi,
    wassersteinNormed: null,
    method,
    score,
    threshold,
    drift: small ? score < threshold : score >= threshold,
  };
}

/**
 * One level of columns from a row: nested objects become dotted columns (`regime.label`), dates
 * ISO strings, bigints numbers; arrays are left out.
 */
export function flattenRow(
  row: Record<string, unknown>,
  prefix = '',
  out: Record<string, Value> = {},
): Record<string, Value> {
  for (const [k, v] of Object.entries(row)) {
    const name = prefix ? `${prefix}.${k}` : k;
    if (v instanceof Date) out[name] = v.toISOString();
    else if (typeof v === 'bigint') out[name] = Number(v);
    else if (Array.isArray(v)) continue;
    else if (v !== null && typeof v === 'object') flattenRow(v as Record<string, unknown>, name, out);
    else out[name] = v as Value;
  }
  return out;
}

/** Drift of every shared column (or the named ones) between two tables of rows (nested objects flattened). */
export function driftReport(
  reference: readonly Record<string, unknown>[],
  current: readonly Record<string, unknown>[],
  opts: { columns?: readonly string[] } = {},
): DriftResult {
  const ref = reference.map((r) => flattenRow(r));
  const cur = current.map((r) => flattenRow(r));
  const names =
    opts.columns ?? [...new Set(ref.flatMap((r) => Object.keys(r)))].filter((k) => cur.some((r) => k in r)).sort();
  // A column with no value on either side (e.g. `regime` where it is null and its fields are flattened) says nothing.
  const columns = names
    .map((k) =>
      columnDrift(
        k,
        ref.map((r) => r[k]),
        cur.map((r) => r[k]),
      ),
    )
    .filter((c) => c.nReference > 0 || c.nCurrent > 0);
  const drifted = columns.filter((c) => c.drift).length;
  const share = columns.length ? drifted / columns.length : 0;
  return { columns, drifted, share, datasetDrift: columns.length > 0 && share >= DRIFT_THRESHOLDS.datasetShare };
}
