import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { dieboldMariano, mcnemarExact, pairedBootstrap, sha256File, WorkbenchError } from '../core';
import type { RunDetail } from './schema';

/**
 * Paired comparison of two models on the same test block. Each run carries a predictions
 * artifact (JSONL, one line per test item: {id, loss?, correct?}); items are matched by id.
 * Losses get Diebold–Mariano with the Harvey–Leybourne–Newbold correction and a paired
 * bootstrap of the mean loss difference; right/wrong outcomes get the exact McNemar test.
 */
export const PredictionLineSchema = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String),
    loss: z.number().finite().optional(),
    correct: z.boolean().optional(),
  })
  .passthrough();
export type PredictionLine = z.output<typeof PredictionLineSchema>;

export const PREDICTIONS_ARTIFACT = /^predictions.*\.jsonl$/;

export interface Comparison {
  n: number;
  /** Items only one run has (they are left out of every test). */
  unmatched: { a: number; b: number };
  losses: {
    meanA: number;
    meanB: number;
    dieboldMariano: ReturnType<typeof dieboldMariano>;
    bootstrap: ReturnType<typeof pairedBootstrap>;
  } | null;
  classification: { accuracyA: number; accuracyB: number; mcnemar: ReturnType<typeof mcnemarExact> } | null;
  verdict: 'A better' | 'B better' | 'no significant difference';
  /** One sentence: which is better and how sure we are. */
  summary: string;
}

export function readPredictions(path: string): PredictionLine[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const out: PredictionLine[] = [];
  lines.forEach((l, i) => {
    if (!l.trim()) return;
    let v: unknown;
    try {
      v = JSON.parse(l);
    } catch {
      throw new WorkbenchError(
        `${path} line ${i + 1} is not JSON`,
        'predictions are JSONL: {"id", "loss"?, "correct"?} per line',
      );
    }
    const p = PredictionLineSchema.safeParse(v);
    if (!p.success)
      throw new WorkbenchError(
        `${path} line ${i + 1}: ${p.error.issues[0]?.path.join('.') || '(line)'}: ${p.error.issues[0]?.message}`,
        'predictions are JSONL: {"id", "loss"?, "correct"?} per line',
      );
    out.push(p.data);
  });
  return out;
}

const avg = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

export function comparePredictions(
  a: readonly PredictionLine[],
  b: readonly PredictionLine[],
  opts: { alpha?: number; seed?: number; samples?: number } = {},
): Comparison {
  const alpha = opts.alpha ?? 0.05;
  const byId = new Map(b.map((p) => [p.id, p]));
  const pairs = a.filter((p) => byId.has(p.id)).map((p) => [p, byId.get(p.id) as PredictionLine] as const);
  if (!pairs.length)
    throw new WorkbenchError('the two runs share no test item ids', 'compare runs evaluated on the same test block');
  const unmatched = { a: a.length - pairs.length, b: b.length - pairs.length };
  const withLoss = pairs.every(([x, y]) => x.loss !== undefined && y.loss !== undefined);
  const withCorrect = pairs.every(([x, y]) => x.correct !== undefined && y.correct !== undefined);
  if (!withLoss && !withCorrect)
    throw new WorkbenchError(
      'the predictions have neither a loss nor a correct flag on every shared item',
      'write "loss" (lower is better) and/or "correct" on every line',
    );
  const lossA = withLoss ? pairs.map(([x]) => x.loss as number) : [];
  const lossB = withLoss ? pairs.map(([, y]) => y.loss as number) : [];
  const losses = withLoss
    ? {
        meanA: avg(lossA),
        meanB: avg(lossB),
        dieboldMariano: dieboldMariano(lossA, lossB),
        bootstrap: pairedBootstrap(lossA, lossB, { seed: opts.seed ?? 1, samples: opts.samples ?? 2000 }),
      }
    : null;
  const ca = withCorrect ? pairs.map(([x]) => x.correct as boolean) : [];
  const cb = withCorrect ? pairs.map(([, y]) => y.correct as boolean) : [];
  const classification = withCorrect
    ? {
        accuracyA: ca.filter(Boolean).length / ca.length,
        accuracyB: cb.filter(Boolean).length / cb.length,
        mcnemar: mcnemarExact(ca, cb),
      }
    : null;
  // Losses decide when present (DM); otherwise McNemar on right/wrong.
  let verdict: Comparison['verdict'] = 'no significant difference';
  let summary: string;
  if (losses) {
    const dm = losses.dieboldMariano;
    if (dm.pValue < alpha) verdict = dm.meanDiff < 0 ? 'A better' : 'B better';
    summary = `${verdict === 'no significant difference' ? 'No significant difference' : `${verdict.slice(0, 1)} has the lower loss`} on ${pairs.length} paired items: mean loss A ${losses.meanA.toPrecision(4)} vs B ${losses.meanB.toPrecision(4)}, Diebold–Mariano (HLN) p = ${dm.pValue.toPrecision(3)}, bootstrap 95% interval of A − B [${losses.bootstrap.lo.toPrecision(3)}, ${losses.bootstrap.hi.toPrecision(3)}].`;
  } else {
    const c = classification as NonNullable<typeof classification>;
    if (c.mcnemar.pValue < alpha) verdict = c.mcnemar.b > c.mcnemar.c ? 'A better' : 'B better';
    summary = `${verdict === 'no significant difference' ? 'No significant difference' : `${verdict.slice(0, 1)} is more accurate`} on ${pairs.length} paired items: accuracy A ${c.accuracyA.toFixed(3)} vs B ${c.accuracyB.toFixed(3)}, exact McNemar p = ${c.mcnemar.pValue.toPrecision(3)} (${c.mcnemar.b} only A right, ${c.mcnemar.c} only B right).`;
  }
  return { n: pairs.length, unmatched, losses, classification, verdict, summary };
}

/** The run's predictions artifact, checked against the sha256 recorded with the run. */
export async function runPredictions(run: RunDetail): Promise<PredictionLine[]> {
  const art = run.artifacts.find((x) => PREDICTIONS_ARTIFACT.test(x.name));
  if (!art)
    throw new WorkbenchError(
      `run ${run.id.slice(0, 12)} has no predictions artifact`,
      'record the run with a predictions*.jsonl artifact ({"id", "loss"?, "correct"?} per test item)',
    );
  let digest: string;
  try {
    digest = await sha256File(art.path);
  } catch {
    throw new WorkbenchError(
      `the predictions of run ${run.id.slice(0, 12)} are gone from ${art.path}`,
      'evaluate the model again and record a new run',
    );
  }
  if (digest !== art.sha256)
    throw new WorkbenchError(
      `${art.path} changed since run ${run.id.slice(0, 12)} recorded it (sha256 differs)`,
      'evaluate the model again and record a new run',
    );
  return readPredictions(art.path);
}
