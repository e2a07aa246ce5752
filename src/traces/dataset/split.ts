import { WorkbenchError } from '../../core/errors';
import type { IsoDate } from '../../chain';
import { addDays, daysBetween } from '../../chain';

/**
 * Time-based train/eval split, stratified by chain. A global eval start E is the date from
 * which about `evalFraction` of all items lie; each stratum (a chain, or "cross-chain") puts
 * its own last ⌈evalFraction · days⌉ days (rounded, at least 1) in eval, but never days before
 * E. One train cut-off serves every stratum: the earliest eval day of any stratum minus
 * `gapDays` minus 1. So
 *  - within a chain, at least `gapDays` whole days lie between the last train and first eval day;
 *  - across chains, every train day is earlier than every eval day;
 *  - a stratum whose data ends before E (or covers a few early days) has no eval days and
 *    cannot pull everyone's cut-off back.
 * Days between the cut-off and a stratum's eval start are left out (counted as "gap").
 */
export interface SplitOptions {
  evalFraction: number;
  gapDays: number;
}

export type SplitName = 'train' | 'eval';

export interface StratumSplit {
  stratum: string;
  days: number;
  trainDays: number;
  evalDays: number;
  gapDays: number;
  trainFrom: IsoDate | null;
  trainTo: IsoDate | null;
  evalFrom: IsoDate | null;
  evalTo: IsoDate | null;
}

export interface SplitPlan {
  /** Last train day of every stratum (null: no data). */
  trainCutoff: IsoDate | null;
  /** The date from which about `evalFraction` of all items lie; no stratum's eval starts earlier. */
  globalEvalStart: IsoDate | null;
  /** First eval day per stratum (absent: the stratum has no eval days). */
  evalFrom: ReadonlyMap<string, IsoDate>;
  strata: StratumSplit[];
  assign(stratum: string, date: IsoDate): SplitName | 'gap';
}

export function checkSplitOptions(o: SplitOptions): void {
  if (!(o.evalFraction >= 0 && o.evalFraction < 1))
    throw new WorkbenchError(
      `evalFraction must be in [0, 1), got ${o.evalFraction}`,
      'e.g. 0.2 puts each chain’s last 20% of days in eval',
    );
  if (!Number.isInteger(o.gapDays) || o.gapDays < 0)
    throw new WorkbenchError(
      `gapDays must be a whole number ≥ 0, got ${o.gapDays}`,
      'use at least the 7-day horizon so train outcomes never reach into eval',
    );
}

export function planTimeSplit(items: readonly { stratum: string; date: IsoDate }[], opts: SplitOptions): SplitPlan {
  checkSplitOptions(opts);
  const dates = new Map<string, Set<IsoDate>>();
  for (const it of items) {
    const s = dates.get(it.stratum) ?? new Set<IsoDate>();
    s.add(it.date);
    dates.set(it.stratum, s);
  }
  const sorted = new Map([...dates].map(([k, v]) => [k, [...v].sort()]));
  const all = items.map((i) => i.date).sort();
  const globalStart =
    opts.evalFraction > 0 && all.length
      ? all[Math.min(all.length - 1, Math.floor((1 - opts.evalFraction) * all.length))]
      : undefined;
  const evalFrom = new Map<string, IsoDate>();
  for (const [stratum, ds] of sorted) {
    const n = opts.evalFraction > 0 ? Math.min(ds.length, Math.max(1, Math.round(opts.evalFraction * ds.length))) : 0;
    if (n === 0 || globalStart === undefined) continue;
    const own = ds[ds.length - n] as IsoDate;
    const start = own > globalStart ? own : globalStart;
    if (ds.some((d) => d >= start)) evalFrom.set(stratum, start);
  }
  const earliestEval = [...evalFrom.values()].sort()[0];
  const trainCutoff =
    earliestEval === undefined ? (all[all.length - 1] ?? null) : addDays(earliestEval, -opts.gapDays - 1);
  const assign = (stratum: string, date: IsoDate): SplitName | 'gap' => {
    const ef = evalFrom.get(stratum);
    if (ef !== undefined && date >= ef) return 'eval';
    return trainCutoff !== null && date <= trainCutoff ? 'train' : 'gap';
  };
  const strata = [...sorted].map(([stratum, ds]): StratumSplit => {
    const train = ds.filter((d) => assign(stratum, d) === 'train');
    const ev = ds.filter((d) => assign(stratum, d) === 'eval');
    return {
      stratum,
      days: ds.length,
      trainDays: train.length,
      evalDays: ev.length,
      gapDays: ds.length - train.length - ev.length,
      trainFrom: train[0] ?? null,
      trainTo: train[train.length - 1] ?? null,
      evalFrom: ev[0] ?? null,
      evalTo: ev[ev.length - 1] ?? null,
    };
  });
  return {
    trainCutoff,
    globalEvalStart: globalStart ?? null,
    evalFrom,
    strata: strata.sort((a, b) => (a.stratum < b.stratum ? -1 : 1)),
    assign,
  };
}

/**
 * Throws unless no eval day is earlier than (or equal to) any train day across all strata, and
 * within each stratum at least `gapDays` days separate its last train and first eval day.
 */
export function assertNoLeakage(
  train: readonly { stratum: string; date: IsoDate }[],
  evalSet: readonly { stratum: string; date: IsoDate }[],
  gapDays: number,
): void {
  const maxTrain = train.reduce<IsoDate | null>((m, r) => (m === null || r.date > m ? r.date : m), null);
  const minEval = evalSet.reduce<IsoDate | null>((m, r) => (m === null || r.date < m ? r.date : m), null);
  if (maxTrain !== null && minEval !== null && !(maxTrain < minEval)) {
    throw new WorkbenchError(
      `split leak: eval day ${minEval} is not after train day ${maxTrain}`,
      'this is a bug in the split; report it',
    );
  }
  const lastTrain = new Map<string, IsoDate>();
  for (const r of train)
    if (!lastTrain.has(r.stratum) || r.date > (lastTrain.get(r.stratum) as IsoDate)) lastTrain.set(r.stratum, r.date);
  for (const r of evalSet) {
    const lt = lastTrain.get(r.stratum);
    if (lt !== undefined && daysBetween(lt, r.date) - 1 < gapDays) {
      throw new WorkbenchError(
        `split leak: ${r.stratum} eval day ${r.date} is within ${gapDays} days of train day ${lt}`,
        'this is a bug in the split; report it',
      );
    }
  }
}
