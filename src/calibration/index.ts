/**
 * Reward calibration (authored tiers, held-out gaming attempts, real traces, weight fit,
 * report). Its own room: it renders prompts (traces) and simulates rows (chain),
 * while the reward functions themselves depend on neither.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeReport, type Provenance } from '../report';
import { calibrationReport } from './report';
import type { CalibrationRun } from './run';

export {
  runCalibration,
  separation,
  TIER_RANK,
  type CalibrateOptions,
  type CalibrationRun,
  type LaterHeldoutSet,
  type HeldoutSummaryRow,
  type Scored,
  type Separation,
} from './run';
export { calibrationReport } from './report';
export { calibrationCases, calibrationContexts, heldoutCases, CALIBRATION_TASKS, type CalibrationCase } from './cases';
export { TIERS, ATTACK_NAMES, writeTier, type Tier } from './tiers';
export { HELDOUT_GAMING } from './heldout-gaming';
export { HELDOUT_GAMING_2 } from './heldout-gaming-2';
export { HELDOUT_GAMING_3 } from './heldout-gaming-3';
export { LATER_HELDOUT_SETS } from './later-heldout';
export { loadCortexTraces, type RealTrace } from './real';
export { auc, pearson, ranks, spearman } from './stats';
export { compositeWith, fitWeights, rankPairs } from './fit';
export { appendGaming, shiftForecast, whatGrpoLearns, withoutAnswerBlocks, type LearnSummary } from './learn';
export type { GamingAttack, AttackContext } from './attack-types';

/** The numbers of a run, without the cases (calibration.json beside the report). */
export function calibrationSummary(run: CalibrationRun) {
  return {
    options: run.options,
    weights: run.config.weights,
    tiers: run.tiers,
    separation: run.separation,
    componentAuc: run.componentAuc,
    heldout: run.heldoutSummary,
    laterHeldout: run.laterHeldout.map((h) => ({ set: h.set, attacks: h.summary })),
    learn: run.learn,
    targets: run.targets,
    fit: { ...run.fit },
    real: run.real.map((x) => ({ id: x.trace.id, composite: x.s.composite })),
  };
}

export async function writeCalibrationReport(
  dir: string,
  run: CalibrationRun,
  opts: { startedAt: Date; kind?: 'cli' | 'notebook' },
): Promise<{ dir: string; provenance: Provenance }> {
  const rep = calibrationReport(run);
  const real = run.options.realDir
    ? ['r1-traces-raw.jsonl', 'ethereum-market-reasoning.jsonl', 'near-market-reasoning.jsonl']
        .map((f) => join(run.options.realDir as string, f))
        .filter((f) => existsSync(f))
    : [];
  return writeReport(
    dir,
    { title: rep.title, subtitle: rep.subtitle, blocks: rep.blocks },
    {
      kind: opts.kind ?? 'cli',
      provenance: {
        inputs: real,
        params: { ...run.options, weights: run.config.weights },
        seeds: { seed: run.options.seed },
        tfjsBackend: null,
        startedAt: opts.startedAt,
      },
      extraFiles: {
        'calibration.json': `${JSON.stringify(calibrationSummary(run), null, 2)}\n`,
        'proposed-weights.json': `${JSON.stringify({ shaping: run.config.weights.shaping, components: run.fit.weights, penalties: run.config.weights.penalties }, null, 2)}\n`,
      },
    },
  );
}
export { benchRewards } from './bench';
