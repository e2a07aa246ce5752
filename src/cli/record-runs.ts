import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { EvaluationResult, ModelManifest } from '../maya';
import { recordRun } from '../registry';

/**
 * What the training and calibration commands record in the registry after their work is done
 * (one line in each command). Recording is best effort: a locked or unwritable registry prints
 * a warning and never fails the command.
 */
const files = (dir: string, names: readonly string[]) =>
  names
    .map((n) => join(dir, n))
    .filter((p) => existsSync(p))
    .map((path) => ({ path }));

export async function recordMayaTraining(
  out: string,
  manifest: ModelManifest,
  params: Record<string, string | number | boolean | null>,
): Promise<void> {
  const epochs = manifest.metrics.epochs;
  await recordRun({
    experiment: 'maya-train',
    name: basename(out),
    startedAt: new Date(manifest.timings.startedAt),
    params: {
      preset: manifest.preset,
      seed: manifest.seed,
      parameters: manifest.parameters,
      backend: manifest.backend.backend,
      ...params,
    },
    metrics: {
      trainLoss: epochs.map((e) => ({ step: e.epoch, value: e.trainLoss })),
      valLoss: epochs.filter((e) => e.val).map((e) => ({ step: e.epoch, value: e.val?.total as number })),
      bestValLoss: manifest.metrics.bestValLoss ?? Number.NaN,
      trainSeconds: manifest.timings.trainSeconds,
    },
    tags: {
      model: out,
      resumedFromEpoch: String(manifest.timings.resumedFromEpoch),
      stoppedEarly: String(manifest.metrics.stoppedEarly),
    },
    dataSha256: manifest.features.dataSha256,
    artifacts: files(out, ['manifest.json', 'weights.bin', 'weights.json', 'spec.json']),
  });
}

/**
 * A `maya evaluate` run: the model's headline figures on the test block and its per-target
 * predictions.jsonl, so `workbench compare` can pair two evaluated models target by target.
 */
export async function recordMayaEvaluation(
  out: string,
  model: string,
  manifest: ModelManifest,
  result: EvaluationResult,
  startedAt: Date,
): Promise<string | null> {
  const name = `model:${manifest.preset}`;
  const h = result.models[name]?.headline;
  const metrics: Record<string, number> = {};
  for (const [k, v] of Object.entries(h ?? {})) metrics[k] = v ?? Number.NaN;
  const run = await recordRun({
    experiment: 'maya-evaluate',
    name: basename(model),
    startedAt,
    params: { model, preset: manifest.preset, seed: manifest.seed, block: result.block, targets: result.targets },
    metrics,
    tags: { report: out },
    dataSha256: result.dataSha256,
    artifacts: files(out, ['predictions.jsonl', 'metrics.json', 'index.html', 'provenance.json']),
  });
  return run?.id ?? null;
}

/** The parts of a calibration run that are recorded (structural, so this helper needs no import of the calibration room). */
interface CalibrationRunLike {
  options: { seed: number; chains: readonly string[]; from: string; to: string; stride?: number };
  separation: {
    adjacent: readonly { pair: string; auc: number | null }[];
    spearman: number | null;
    pairAccuracy: number | null;
    adversarialAtOrAboveExcellent: number;
  };
  fit: { heldoutMaxAfter: number };
}

export async function recordCalibration(out: string, run: CalibrationRunLike, startedAt: Date): Promise<void> {
  const s = run.separation;
  await recordRun({
    experiment: 'rewards-calibrate',
    startedAt,
    params: {
      seed: run.options.seed,
      chains: run.options.chains.join(','),
      from: run.options.from,
      to: run.options.to,
      stride: run.options.stride ?? null,
    },
    metrics: {
      ...Object.fromEntries(s.adjacent.map((a) => [`auc ${a.pair}`, a.auc ?? Number.NaN])),
      spearman: s.spearman ?? Number.NaN,
      pairAccuracy: s.pairAccuracy ?? Number.NaN,
      adversarialAtOrAboveExcellent: s.adversarialAtOrAboveExcellent,
      heldoutMaxAfterFit: run.fit.heldoutMaxAfter,
    },
    tags: { report: out },
    artifacts: files(out, ['calibration.json', 'proposed-weights.json', 'provenance.json']),
  });
}

/** The parts of a market evaluation that are recorded (structural, like the calibration's). */
interface MarketRunLike {
  params: {
    horizons: readonly number[];
    cv: { kind: string; folds: number };
    models: readonly string[];
    costBps: number;
    deadBand: number;
    window: number;
    seed: number;
    net: { epochs: number; hidden: number };
    inputs: readonly string[];
  };
  metrics: Record<string, number>;
  backend: { backend: string } | null;
  startedAt: string;
}

export async function recordMarketEvaluation(out: string, run: MarketRunLike): Promise<void> {
  const p = run.params;
  await recordRun({
    experiment: 'market-evaluate',
    name: basename(out),
    startedAt: new Date(run.startedAt),
    params: {
      horizons: p.horizons.join(','),
      cv: p.cv.kind,
      folds: p.cv.folds,
      models: p.models.join(','),
      costBps: p.costBps,
      deadBand: p.deadBand,
      window: p.window,
      seed: p.seed,
      epochs: p.net.epochs,
      hidden: p.net.hidden,
      inputs: p.inputs.join(','),
      backend: run.backend?.backend ?? null,
    },
    metrics: run.metrics,
    tags: { report: out },
    artifacts: files(out, ['metrics.json', 'index.html', 'provenance.json']),
  });
}
