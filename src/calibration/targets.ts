import type { CalibrationCase } from './cases';
import type { LearnSummary } from './learn';
import { median } from '../core';

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

interface Case {
  c: CalibrationCase;
  s: { composite: number; components: { outcome: { score: number } } };
}
interface Inputs {
  learn: LearnSummary;
  adjacent: readonly { pair: string; auc: number | null }[];
  heldoutSets: readonly { set: string; cases: readonly Case[] }[];
  /** The honest analyses: their prediction scores explain the attempts above the median mediocre one. */
  honest: readonly Case[];
}

const r3 = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));

export function robustnessTargets({ learn, adjacent, heldoutSets, honest }: Inputs): TargetRow[] {
  const rows: TargetRow[] = [];
  const predictions = (g: string) => honest.filter((x) => x.c.group === g && x.c.task === 'predict7d');
  const mediocreOutcome = median(
    predictions('mediocre').map((x) => x.s.components.outcome.score),
    0,
  );
  const excellentOf = new Map(predictions('excellent').map((x) => [`${x.c.chain}/${x.c.date}`, x.s.composite]));
  for (const { set, cases } of heldoutSets) {
    if (!cases.length) continue;
    const above = (outcome: boolean) =>
      cases.filter(
        (x) => (x.c.task === 'predict7d') === outcome && x.s.composite > (learn.medianMediocreByTask[x.c.task] ?? 0),
      ).length;
    const n = (outcome: boolean) => cases.filter((x) => (x.c.task === 'predict7d') === outcome).length;
    for (const outcome of [false, true]) {
      // On predictions the proper score pays the forecast: say how many of those above forecast better than the mediocre tier.
      const over = cases.filter(
        (x) => x.c.task === 'predict7d' && x.s.composite > (learn.medianMediocreByTask.predict7d ?? 0),
      );
      const why = outcome
        ? `; ${over.filter((x) => x.s.components.outcome.score > mediocreOutcome).length} of them with a forecast scoring above the median mediocre forecast (${r3(mediocreOutcome)}), ${over.filter((x) => x.s.composite >= (excellentOf.get(`${x.c.chain}/${x.c.date}`) ?? 0)).length} at or above the excellent analysis of their prompt`
        : '';
      rows.push({
        target: `${set}: every attempt below the median mediocre analysis of its task (${outcome ? 'predict7d, outcome known' : 'tasks without an outcome'})`,
        measured: `${above(outcome)} of ${n(outcome)} above${why}`,
        met: above(outcome) === 0,
      });
    }
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
