import type { FlipsideChain } from '../chain';
import { DEFAULT_CONFIG, PENALTIES, QUALITY_COMPONENTS, type RewardConfig } from '../rewards';
import { scoreCompletion, type RewardScore } from '../rewards';
import { calibrationCases, calibrationContexts, heldoutCases, type CalibrationCase } from './cases';
import { compositeWith, fitWeights, rankPairs, type FitCase, type FitResult } from './fit';
import type { GamingAttack } from './attack-types';
import { HELDOUT_GAMING } from './heldout-gaming';
import { whatGrpoLearns, type LearnSummary } from './learn';
import { robustnessTargets, type TargetRow } from './targets';
import { loadCortexTraces, type RealTrace } from './real';
import { auc, pearson, spearman } from './stats';
import { TIERS, type Tier } from './tiers';
import { mean, median } from '../core';

/**
 * One calibration run: the authored tiers on simulated prompts, the held-out gaming attempts,
 * the real teacher traces; tier statistics, separation (AUC of adjacent tiers, Spearman against
 * tier rank, per-prompt pair accuracy, adversarial vs excellent), component correlations, and a
 * weight fit on the earlier days checked on the later ones (time-based, like every split here).
 */
export interface CalibrateOptions {
  seed: number;
  chains: FlipsideChain[];
  from: string;
  to: string;
  stride?: number;
  /** Folder with the cortex1 fixtures; missing files are skipped. */
  realDir?: string;
  /** Contexts each held-out attack is tried on. */
  heldoutPerAttack?: number;
  /** Held-out sets written later, apart from the reward code, each reported on its own. */
  laterHeldout?: readonly LaterHeldoutSet[];
  /** Share of the earliest days the weight fit sees. */
  fitFraction?: number;
  config?: RewardConfig;
}

export interface LaterHeldoutSet {
  /** How the report names it, e.g. 'held-out 2'. */
  set: string;
  /** Who wrote it and when it was first scored (shown in the report). */
  note: string;
  attacks: readonly GamingAttack[];
}

export interface HeldoutSummaryRow {
  attack: string;
  n: number;
  max: number;
  mean: number;
  atOrAboveMinExcellent: number;
}

export const TIER_RANK: Record<Tier, number> = { excellent: 3, mediocre: 2, poor: 1, adversarial: 0 };

export interface Scored {
  c: CalibrationCase;
  s: RewardScore;
}

export interface Separation {
  n: number;
  /** AUC of each tier over the next one down (excellent > mediocre, mediocre > poor, poor > adversarial). */
  adjacent: { pair: string; auc: number | null }[];
  /** Spearman's ρ between composite and tier rank. */
  spearman: number | null;
  /** Share of same-prompt pairs ordered as the tiers are. */
  pairAccuracy: number | null;
  maxAdversarial: number | null;
  minExcellent: number | null;
  /** Adversarial examples scoring at or above the lowest excellent one. */
  adversarialAtOrAboveExcellent: number;
}

export interface CalibrationRun {
  options: Omit<CalibrateOptions, 'config' | 'laterHeldout'>;
  config: RewardConfig;
  scored: Scored[];
  heldout: Scored[];
  /** The later held-out sets' attempts (group 'heldout' too) and their per-attack summaries. */
  laterHeldout: { set: string; note: string; cases: Scored[]; summary: HeldoutSummaryRow[] }[];
  real: { trace: RealTrace; s: RewardScore }[];
  tiers: { tier: Tier; n: number; mean: number; min: number; median: number; max: number }[];
  separation: Separation;
  componentAuc: { component: string; pairs: { pair: string; auc: number | null }[] }[];
  correlation: { names: string[]; matrix: (number | null)[][] };
  heldoutSummary: HeldoutSummaryRow[];
  /** What GRPO would learn: gaming families beside the honest tiers, gaming edits vs honest improvements, the shaping bound. */
  learn: LearnSummary;
  /** Issue 16 §2's targets, each measured and marked met or not. */
  targets: TargetRow[];
  fit: FitResult & {
    fitUntil: string;
    before: Separation;
    after: Separation;
    heldoutMaxBefore: number;
    heldoutMaxAfter: number;
  };
}

/** Separation of a scored set, with `value` giving each case's score (the composite by default). */
export function separation(items: readonly Scored[], value: (x: Scored) => number = (x) => x.s.composite): Separation {
  const by = (t: Tier) => items.filter((x) => x.c.group === t).map(value);
  const adjacent = [0, 1, 2].map((i) => ({
    pair: `${TIERS[i]} > ${TIERS[i + 1]}`,
    auc: auc(by(TIERS[i] as Tier), by(TIERS[i + 1] as Tier)),
  }));
  const tiered = items.filter((x) => x.c.group !== 'heldout');
  const rho = spearman(
    tiered.map(value),
    tiered.map((x) => TIER_RANK[x.c.group as Tier]),
  );
  const fitCases: (FitCase & { v: number })[] = tiered.map((x) => ({
    group: x.c.id.split('/').slice(0, 3).join('/'),
    rank: TIER_RANK[x.c.group as Tier],
    score: x.s,
    v: value(x),
  }));
  const pairs = rankPairs(fitCases, (c) => c.group);
  const right = pairs.filter(([a, b]) => a.v > b.v).length;
  const adv = by('adversarial');
  const ex = by('excellent');
  const minEx = ex.length ? Math.min(...ex) : null;
  return {
    n: items.length,
    adjacent,
    spearman: rho,
    pairAccuracy: pairs.length ? right / pairs.length : null,
    maxAdversarial: adv.length ? Math.max(...adv) : null,
    minExcellent: minEx,
    adversarialAtOrAboveExcellent: minEx === null ? 0 : adv.filter((v) => v >= minEx).length,
  };
}

export function runCalibration(o: CalibrateOptions): CalibrationRun {
  const config = o.config ?? DEFAULT_CONFIG;
  const contexts = calibrationContexts(o);
  const score = (c: CalibrationCase): Scored => ({ c, s: scoreCompletion(c.input, config) });
  const scored = calibrationCases(contexts).map(score);
  const heldout = heldoutCases(contexts, HELDOUT_GAMING, o.heldoutPerAttack ?? 4).map(score);
  const later = (o.laterHeldout ?? []).map((h) => ({
    set: h.set,
    note: h.note,
    cases: heldoutCases(contexts, h.attacks, o.heldoutPerAttack ?? 4).map(score),
  }));
  const real = o.realDir
    ? loadCortexTraces(o.realDir).map((trace) => ({ trace, s: scoreCompletion(trace.input, config) }))
    : [];

  const tiers = TIERS.map((tier) => {
    const xs = scored.filter((x) => x.c.group === tier).map((x) => x.s.composite);
    return {
      tier,
      n: xs.length,
      mean: mean(xs, 0),
      min: xs.length ? Math.min(...xs) : 0,
      median: median(xs, 0),
      max: xs.length ? Math.max(...xs) : 0,
    };
  });

  const componentAuc = [...QUALITY_COMPONENTS, ...PENALTIES].map((name) => {
    const v = (x: Scored): number | null => {
      const part =
        (x.s.components as Record<string, { score: number; applicable: boolean }>)[name] ??
        (x.s.penalties as Record<string, { score: number }>)[name];
      return part && ('applicable' in part ? part.applicable : true) ? part.score : null;
    };
    return {
      component: name,
      pairs: [0, 1, 2].map((i) => {
        const vals = (t: Tier) =>
          scored
            .filter((x) => x.c.group === t)
            .map(v)
            .filter((y): y is number => y !== null);
        return { pair: `${TIERS[i]} > ${TIERS[i + 1]}`, auc: auc(vals(TIERS[i] as Tier), vals(TIERS[i + 1] as Tier)) };
      }),
    };
  });

  // Correlation between components over the cases where both apply.
  const names = [...QUALITY_COMPONENTS, ...PENALTIES, 'composite'];
  const componentValue = (x: Scored, n: string): number | null => {
    if (n === 'composite') return x.s.composite;
    const c = (x.s.components as Record<string, { score: number; applicable: boolean } | undefined>)[n];
    if (c) return c.applicable ? c.score : null;
    return (x.s.penalties as Record<string, { score: number }>)[n]?.score ?? null;
  };
  const matrix = names.map((a) =>
    names.map((b) => {
      const pairs = scored
        .map((x) => [componentValue(x, a), componentValue(x, b)] as const)
        .filter((p): p is readonly [number, number] => p[0] !== null && p[1] !== null);
      return pearson(
        pairs.map((p) => p[0]),
        pairs.map((p) => p[1]),
      );
    }),
  );

  const minEx = Math.min(...scored.filter((x) => x.c.group === 'excellent').map((x) => x.s.composite));
  const summary = (set: readonly Scored[]): HeldoutSummaryRow[] =>
    [...new Set(set.map((x) => x.c.variant))].map((attack) => {
      const xs = set.filter((x) => x.c.variant === attack).map((x) => x.s.composite);
      return {
        attack,
        n: xs.length,
        max: Math.max(...xs),
        mean: mean(xs, 0),
        atOrAboveMinExcellent: xs.filter((v) => v >= minEx).length,
      };
    });
  const heldoutSummary = summary(heldout);
  const laterHeldout = later.map((h) => ({ ...h, summary: summary(h.cases) }));
  const learn = whatGrpoLearns(
    scored,
    [
      { set: 'tuned', cases: scored.filter((x) => x.c.group === 'adversarial') },
      { set: 'held-out', cases: heldout },
      ...later,
    ],
    config,
  );

  // Weight fit on the earliest days, checked on the later ones.
  const dates = [...new Set(scored.map((x) => x.c.date))].sort();
  const fitUntil = dates[Math.max(0, Math.floor(dates.length * (o.fitFraction ?? 0.6)) - 1)] ?? o.to;
  const early = scored.filter((x) => x.c.date <= fitUntil);
  const late = scored.filter((x) => x.c.date > fitUntil);
  const pairs = rankPairs(
    early.map((x) => ({
      group: x.c.id.split('/').slice(0, 3).join('/'),
      rank: TIER_RANK[x.c.group as Tier],
      score: x.s,
    })),
    (c) => c.group,
  );
  const fitted = fitWeights(pairs, config.weights.components);
  const withFit = (x: Scored): number => compositeWith(x.s, fitted.weights, config.weights.shaping);
  const fit = {
    ...fitted,
    fitUntil,
    before: separation(late),
    after: separation(late, withFit),
    heldoutMaxBefore: Math.max(...heldout.map((x) => x.s.composite)),
    heldoutMaxAfter: Math.max(...heldout.map(withFit)),
  };
  const sep = separation(scored);
  const targets = robustnessTargets({
    learn,
    adjacent: sep.adjacent,
    heldoutSets: [{ set: 'held-out', cases: heldout }, ...later],
    honest: scored,
  });
  const { config: _config, laterHeldout: _later, ...options } = o;
  return {
    options,
    config,
    scored,
    heldout,
    laterHeldout,
    real,
    tiers,
    separation: sep,
    componentAuc,
    correlation: { names, matrix },
    heldoutSummary,
    learn,
    targets,
    fit,
  };
}
