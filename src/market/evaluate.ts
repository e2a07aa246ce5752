import { loadTfjs, mcnemarExact, median, type TfjsBackendInfo } from '../core';
import { EvaluateConfigSchema, type EvaluateConfig, type EvaluateConfigInput } from './config';
import { marketFeatures, type FeatureFn } from './features';
import { directionLabels } from './labels';
import { accuracy, directionMetrics, type DirectionMetrics, type Scored } from './metrics';
import { majorityModel, persistenceModel } from './models/baselines';
import { ensembleModel } from './models/ensemble';
import { logisticModel } from './models/logistic';
import { lstmModel } from './models/lstm';
import { transformerModel } from './models/transformer';
import { BASELINES, type DirectionModel, type ModelData, type ModelName } from './models/types';
import type { PriceReport, PriceSeries } from './prices';
import { makeFolds } from './splits';
import { strategyReturns, summarizeStrategy, type StrategyResult } from './strategy';

const MEMBERS = ['logistic', 'lstm', 'transformer'] as const;

export interface FoldResult {
  fold: number;
  trainSize: number;
  testFrom: string;
  testTo: string;
  metrics: DirectionMetrics;
}

export interface ModelResult {
  model: ModelName;
  baseline: boolean;
  metrics: DirectionMetrics;
  /** Exact McNemar against the best baseline on the same samples (every h-th); null for baselines. */
  mcnemar: { vs: string; b: number; c: number; n: number; pValue: number } | null;
  strategy: { longFlat: StrategyResult; longShort: StrategyResult };
  /** Median wall time of one prediction (one sample), after training. */
  latencyMsP50: number;
  folds: FoldResult[];
}

export interface CoinEvaluation {
  symbol: string;
  horizon: number;
  cv: string;
  samples: number;
  testFrom: string;
  testTo: string;
  /** Share of scored test samples that went up. */
  upRate: number;
  bestBaseline: string;
  buyHold: StrategyResult;
  models: ModelResult[];
  data: PriceReport;
}

/** Per-model probabilities over the pooled test samples, in time order. */
interface Pooled {
  at: number[];
  fold: number[];
  p: Map<ModelName, number[]>;
  latency: Map<ModelName, number>;
  trainSizes: number[];
}

function standardise(rows: (number[] | null)[], train: readonly number[], F: number): (number[] | null)[] {
  const mean = new Array<number>(F).fill(0);
  const sd = new Array<number>(F).fill(0);
  for (const t of train) {
    (rows[t] as number[]).forEach((v, j) => {
      mean[j] = (mean[j] as number) + v / train.length;
    });
  }
  for (const t of train) {
    (rows[t] as number[]).forEach((v, j) => {
      sd[j] = (sd[j] as number) + (v - (mean[j] as number)) ** 2 / train.length;
    });
  }
  return rows.map((r) => (r ? r.map((v, j) => (v - (mean[j] as number)) / (Math.sqrt(sd[j] as number) || 1)) : null));
}

function build(name: ModelName | (typeof MEMBERS)[number], c: EvaluateConfig): DirectionModel {
  switch (name) {
    case 'majority':
      return majorityModel();
    case 'persistence':
      return persistenceModel();
    case 'logistic':
      return logisticModel(c.l2);
    case 'lstm':
      return lstmModel(c.net);
    case 'transformer':
      return transformerModel(c.net);
    default:
      throw new Error(`no builder for ${name}`);
  }
}

async function latencyP50(model: DirectionModel, data: ModelData, t: number, repeats: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await model.predict(data, [t]);
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Walk-forward (or purged) evaluation of every requested model on one price series. */
export async function evaluateSeries(
  series: PriceSeries,
  input: EvaluateConfigInput = {},
  featureFn: FeatureFn = marketFeatures(),
): Promise<CoinEvaluation> {
  const c = EvaluateConfigSchema.parse(input);
  const bars = series.bars;
  const fm = featureFn(bars);
  const F = fm.names.length;
  const labels = directionLabels(bars, c.horizon, c.deadBand);
  const pastRet = bars.map((b, t) =>
    t >= c.horizon ? b.close / (bars[t - c.horizon] as (typeof bars)[number]).close - 1 : null,
  );
  const L = c.window;
  const complete = (t: number) => {
    for (let k = 0; k < L; k++) if (!fm.rows[t - k]) return false;
    return true;
  };
  // Decision bars: a full feature window and a known outcome (labelled or inside the dead band).
  const decisions = bars.map((_, t) => t).filter((t) => t >= L - 1 && labels.ret[t] !== null && complete(t));
  const folds = makeFolds(decisions, c.horizon, c.cv);
  const wantEnsemble = c.models.includes('ensemble');
  // Baselines always run (cheap): McNemar compares every model with the best of them.
  const trained = [
    ...new Set<ModelName>([
      ...BASELINES,
      ...c.models.filter((m) => m !== 'ensemble'),
      ...(wantEnsemble ? MEMBERS : []),
    ]),
  ];
  const pooled: Pooled = { at: [], fold: [], p: new Map(), latency: new Map(), trainSizes: [] };
  for (const m of [...trained, 'ensemble' as const]) pooled.p.set(m, []);
  for (const fold of folds) {
    const train = fold.train.filter((t) => labels.y[t] !== null);
    pooled.trainSizes.push(train.length);
    const data: ModelData = { X: standardise(fm.rows, train, F), y: labels.y, pastRet, window: L, features: F };
    const models = new Map<ModelName, DirectionModel>();
    for (const name of trained) {
      const m = build(name, c);
      await m.fit(data, train);
      models.set(name, m);
      (pooled.p.get(name) as number[]).push(...(await m.predict(data, fold.test)));
    }
    if (wantEnsemble) {
      const parts = MEMBERS.map((m) => pooled.p.get(m) as number[]);
      const start = pooled.at.length;
      (pooled.p.get('ensemble') as number[]).push(
        ...fold.test.map((_, i) => parts.reduce((s, p) => s + (p[start + i] as number), 0) / parts.length),
      );
    }
    pooled.at.push(...fold.test);
    pooled.fold.push(...fold.test.map(() => fold.index));
    if (fold === folds[folds.length - 1]) {
      const probe = fold.test[0] as number;
      for (const [name, m] of models) pooled.latency.set(name, await latencyP50(m, data, probe, c.latencyRepeats));
      if (wantEnsemble)
        pooled.latency.set(
          'ensemble',
          await latencyP50(
            ensembleModel(MEMBERS.map((n) => models.get(n) as DirectionModel)),
            data,
            probe,
            c.latencyRepeats,
          ),
        );
    }
    for (const m of models.values()) m.dispose();
  }
  return score(series, c, pooled, labels.y);
}

function score(series: PriceSeries, c: EvaluateConfig, pooled: Pooled, y: (0 | 1 | null)[]): CoinEvaluation {
  const bars = series.bars;
  const dates = pooled.at.map((t) => (bars[t] as (typeof bars)[number]).date);
  const next = pooled.at.map(
    (t) => (bars[t + 1] as (typeof bars)[number]).close / (bars[t] as (typeof bars)[number]).close - 1,
  );
  const hold = strategyReturns(
    next.map(() => 1),
    next,
    c.costBps,
  );
  const labelled = pooled.at.map((t, i) => ({ t, i })).filter(({ t }) => y[t] !== null);
  const scored = (p: number[], which = labelled): Scored[] =>
    which.map(({ t, i }) => ({ p: p[i] as number, y: y[t] as 0 | 1 }));
  const opts = { samples: c.bootstrapSamples, seed: c.seed };
  const models = c.models.map((name): Omit<ModelResult, 'mcnemar'> => {
    const p = pooled.p.get(name) as number[];
    const foldIds = [...new Set(pooled.fold)];
    const lf = strategyReturns(
      p.map((x) => (x > 0.5 ? 1 : 0)),
      next,
      c.costBps,
    );
    const ls = strategyReturns(
      p.map((x) => (x > 0.5 ? 1 : -1)),
      next,
      c.costBps,
    );
    return {
      model: name,
      baseline: (BASELINES as readonly string[]).includes(name),
      metrics: directionMetrics(scored(p), c.horizon, opts),
      strategy: {
        longFlat: summarizeStrategy(
          lf,
          dates,
          p.map((x) => (x > 0.5 ? 1 : 0)),
          c.periodsPerYear,
          hold,
          c.seed,
        ),
        longShort: summarizeStrategy(
          ls,
          dates,
          p.map((x) => (x > 0.5 ? 1 : -1)),
          c.periodsPerYear,
          hold,
          c.seed,
        ),
      },
      latencyMsP50: pooled.latency.get(name) ?? Number.NaN,
      folds: foldIds.map((f, k) => {
        const which = labelled.filter(({ i }) => pooled.fold[i] === f);
        return {
          fold: f,
          trainSize: pooled.trainSizes[k] as number,
          testFrom: (bars[which[0]?.t ?? 0] as (typeof bars)[number]).date,
          testTo: (bars[which[which.length - 1]?.t ?? 0] as (typeof bars)[number]).date,
          metrics: directionMetrics(scored(p, which), c.horizon, opts),
        };
      }),
    };
  });
  const accOf = (name: ModelName) => accuracy(scored(pooled.p.get(name) as number[]));
  const best = [...BASELINES].map((b) => ({ model: b, acc: accOf(b) })).sort((a, b) => b.acc - a.acc)[0];
  const step = Math.max(1, c.horizon);
  const spaced = labelled.filter((_, k) => k % step === 0);
  const hits = (name: ModelName) => {
    const p = pooled.p.get(name) as number[];
    return spaced.map(({ t, i }) => ((p[i] as number) > 0.5 ? 1 : 0) === y[t]);
  };
  const ys = scored(pooled.p.get(c.models[0] as ModelName) as number[]);
  return {
    symbol: series.symbol,
    horizon: c.horizon,
    cv:
      c.cv.kind === 'walk-forward'
        ? `walk-forward (${c.cv.mode}, ${c.cv.folds} folds)`
        : `purged k-fold (${c.cv.folds} folds, embargo ${c.cv.embargo})`,
    samples: labelled.length,
    testFrom: dates[0] ?? '',
    testTo: dates[dates.length - 1] ?? '',
    upRate: ys.filter((s) => s.y === 1).length / Math.max(1, ys.length),
    bestBaseline: best?.model ?? 'none',
    buyHold: summarizeStrategy(
      hold,
      dates,
      next.map(() => 1),
      c.periodsPerYear,
    ),
    models: models.map((m) => ({
      ...m,
      mcnemar: best && !m.baseline ? { vs: best.model, ...mcnemarExact(hits(m.model), hits(best.model)) } : null,
    })),
    data: series.report,
  };
}

/** The tfjs backend the models ran on (for provenance). */
export async function modelBackend(): Promise<TfjsBackendInfo> {
  return (await loadTfjs()).info;
}
