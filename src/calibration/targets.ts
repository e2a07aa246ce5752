import type { CalibrationCase } from './cases';
import type { LearnSummary } from './learn';

/**
 * The robustness targets of issue 16 §2, each with what was measured and whether it is met:
 * every held-out gaming attempt below the median mediocre analysis of its task (per set, and
 * split into tasks with and without an outcome); no gaming edit (text appended to an honest
 * analysis) raising its reward; the adjacent honest tiers fully separated (AUC 1); the poor
 * tier above the gaming attempts of the tuned set (AUC ≥ 0.8); the shaping bound.
 */
export interface TargetRow {
  target: string;
  measured: string;
  met: boolean;
}

interface Inputs {
  learn: LearnSummary;
  adjacent: readonly { pair: string; auc: number | null }[];
  heldoutSets: readonly { set: string; cases: readonly { c: CalibrationCase; s: { composite: number } }[] }[];
}

const r3 = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));

export function robustnessTargets({ learn, adjacent, heldoutSets }: Inputs): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const { set, cases } of heldoutSets) {
    if (!cases.length) continue;
    const above = (outcome: boolean) =>
      cases.filter(
        (x) => (x.c.task === 'predict7d') === outcome && x.s.composite > (learn.medianMediocreByTask[x.c.task] ?? 0),
      ).length;
    const n = (outcome: boolean) => cases.filter((x) => (x.c.task === 'predict7d') === outcome).length;
    for (const outcome of [false, true])
      rows.push({
        target: `${set}: every attempt below the median mediocre analysis of its task (${outcome ? 'predict7d, outcome known' : 'tasks without an outcome'})`,
        measured: `${above(outcome)} of ${n(outcome)} above`,
        met: above(outcome) === 0,
      });
  }
  let raised = 0;
  let tries = 0;
  let maxDelta = Number.NEGATIVE_INFINITY;
  for (const f of learn.families)
    for (const e of [f.onMediocre, f.onExcellent]) {
      raised += e.raised;
      tries += e.n;
      if (e.n) maxDelta = Math.max(maxDelta, e.maxDelta);
    }
  rows.push({
    target: 'appending any gaming text to an honest analysis never raises its reward',
    measured: `${raised} of ${tries} edits raised it; largest change ${r3(tries ? maxDelta : null)}`,
    met: raised === 0,
  });
  for (const a of adjacent) {
    const poor = a.pair.startsWith('poor');
    rows.push({
      target: `AUC ${a.pair} ${poor ? '≥ 0.8' : '= 1'}`,
      measured: r3(a.auc),
      met: a.auc !== null && (poor ? a.auc >= 0.8 : a.auc >= 1),
    });
  }
  rows.push({
    target: 'shaping bound: β below what a one-σ forecast bias costs, on average',
    measured: `β = ${learn.bound.shaping} vs ${r3(learn.bound.weightedGap)}`,
    met: learn.bound.holds,
  });
  return rows;
}
