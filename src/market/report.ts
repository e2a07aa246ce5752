import { round } from '../core';
import { Report, writeReport, type PlotlyFigure } from '../report';
import type { CoinEvaluation } from './evaluate';
import type { Interval } from './metrics';
import type { EvaluationRun } from './run';

const ci = (x: Interval, pct = true) =>
  pct
    ? `${round(100 * x.estimate, 1)}% [${round(100 * x.lo, 1)}, ${round(100 * x.hi, 1)}]`
    : `${round(x.estimate, 4)} [${round(x.lo, 4)}, ${round(x.hi, 4)}]`;
const p3 = (p: number) => (p < 0.001 ? '<0.001' : String(round(p, 3)));
const pc = (x: number) => `${round(100 * x, 1)}%`;

export function modelTable(c: CoinEvaluation): Record<string, string | number>[] {
  return c.models.map((m) => ({
    model: m.baseline ? `${m.model} (baseline)` : m.model,
    n: m.metrics.n,
    accuracy: ci(m.metrics.accuracy),
    'balanced acc.': ci(m.metrics.balancedAccuracy),
    'log loss': ci(m.metrics.logLoss, false),
    Brier: ci(m.metrics.brier, false),
    'top-decile acc.': `${ci(m.metrics.topDecileAccuracy)} (n ${m.metrics.topDecileAccuracy.n})`,
    'binomial p (vs 50%)': p3(m.metrics.binomial.pValue),
    [`McNemar p (vs ${c.bestBaseline})`]: m.mcnemar ? `${p3(m.mcnemar.pValue)} (${m.mcnemar.b}/${m.mcnemar.c})` : '—',
    'long/flat': pc(m.strategy.longFlat.totalReturn),
    'long/short': pc(m.strategy.longShort.totalReturn),
    'long/flat − B&H per day': m.strategy.longFlat.vsBuyHold
      ? `${round(1e4 * m.strategy.longFlat.vsBuyHold.meanDiff, 1)} bp [${round(1e4 * m.strategy.longFlat.vsBuyHold.lo, 1)}, ${round(1e4 * m.strategy.longFlat.vsBuyHold.hi, 1)}]`
      : '—',
    'latency p50 (ms)': round(m.latencyMsP50, 3),
  }));
}

function accuracyFigure(coins: readonly CoinEvaluation[], horizon: number): PlotlyFigure {
  const cs = coins.filter((c) => c.horizon === horizon);
  const models = [...new Set(cs.flatMap((c) => c.models.map((m) => m.model)))];
  return {
    data: models.map((name) => {
      const ms = cs.map((c) => c.models.find((m) => m.model === name));
      return {
        type: 'bar',
        name,
        x: cs.map((c) => c.symbol),
        y: ms.map((m) => m?.metrics.accuracy.estimate ?? null),
        error_y: {
          type: 'data',
          symmetric: false,
          array: ms.map((m) => (m ? m.metrics.accuracy.hi - m.metrics.accuracy.estimate : 0)),
          arrayminus: ms.map((m) => (m ? m.metrics.accuracy.estimate - m.metrics.accuracy.lo : 0)),
        },
      };
    }),
    layout: {
      title: { text: `Out-of-sample directional accuracy, ${horizon}-day horizon (95% bootstrap intervals)` },
      barmode: 'group',
      yaxis: { range: [0.3, 0.8], tickformat: '.0%' },
      shapes: [
        { type: 'line', xref: 'paper', x0: 0, x1: 1, y0: 0.5, y1: 0.5, line: { dash: 'dot', color: '#555' } },
        { type: 'line', xref: 'paper', x0: 0, x1: 1, y0: 0.75, y1: 0.75, line: { dash: 'dash', color: '#d62728' } },
      ],
      annotations: [
        { xref: 'paper', x: 1, y: 0.75, text: 'claimed 75%', showarrow: false, xanchor: 'right', yanchor: 'bottom' },
      ],
      height: 420,
    },
  };
}

/** The evaluation report: the verdict on the 75% claim, then per coin and horizon every model beside the baselines. */
export function evaluationReport(run: EvaluationRun): Report {
  const rep = new Report(
    'Market direction models: honest evaluation',
    `${run.params.cv.kind}, horizons ${run.params.horizons.join(', ')}, cost ${run.params.costBps} bp`,
  );
  const v = run.verdict;
  rep.markdown(
    [
      `**The claim:** ">75% directional accuracy". **What this data says:** the best out-of-sample accuracy of any model on any coin and horizon is ${v.best ? `${pc(v.best.accuracy)} (${v.best.model}, ${v.best.symbol}, ${v.best.horizon}-day; 95% interval ${pc(v.best.lo)}–${pc(v.best.hi)})` : 'n/a'}. ` +
        `${v.reachesClaim.length ? `${v.reachesClaim.length} interval(s) reach 75%.` : 'No 95% interval comes near 75%.'} ` +
        `${v.beats50.length} model/coin/horizon result(s) beat 50% at p < 0.05 (binomial, before any correction for the ${run.coins.reduce((s, c) => s + c.models.filter((m) => !m.baseline).length, 0)} comparisons); ${v.beatsBaseline.length} beat the best baseline (McNemar p < 0.05).`,
      '',
      "Features at a decision day use only bars up to that day (tested by perturbing later bars); labels are the sign of the close h days later; models are refitted per fold and scored only on the fold they never saw. Strategies trade at the close on the model's call and pay the cost on every change of position. Intervals are percentile bootstraps (blocks of h days); for h > 1 the binomial and McNemar tests use every h-th day (non-overlapping outcomes).",
    ].join('\n'),
  );
  for (const h of run.params.horizons)
    rep.figure(
      accuracyFigure(run.coins, h),
      `Accuracy per coin, ${h}-day horizon; dotted: 50%, dashed: the claimed 75%`,
    );
  for (const c of run.coins) {
    rep.heading(`${c.symbol}, ${c.horizon}-day direction`, 2);
    rep.kv({
      'test period': `${c.testFrom} → ${c.testTo}`,
      'scored samples': c.samples,
      'share up': pc(c.upRate),
      'buy-and-hold return': pc(c.buyHold.totalReturn),
      'buy-and-hold max drawdown': pc(c.buyHold.maxDrawdown),
      'best baseline': c.bestBaseline,
      data: `${c.data.rows} rows, order ${c.data.order}, ${c.data.gaps.length} gap(s), ${c.data.duplicates.length} duplicate(s), ${c.data.inconsistent.length} inconsistent bar(s)`,
    });
    rep.table(modelTable(c), { caption: `${c.symbol} h=${c.horizon}: ${c.cv}` });
    rep.table(
      c.models.flatMap((m) =>
        m.folds.map((f) => ({
          model: m.model,
          fold: f.fold,
          train: f.trainSize,
          test: `${f.testFrom} → ${f.testTo}`,
          n: f.metrics.n,
          accuracy: ci(f.metrics.accuracy),
          'log loss': round(f.metrics.logLoss.estimate, 4),
          Brier: round(f.metrics.brier.estimate, 4),
        })),
      ),
      { caption: 'Per fold', maxRows: 200 },
    );
  }
  return rep;
}

/** Writes metrics.json (the run record) and the HTML report into `dir`. */
export async function writeEvaluation(dir: string, run: EvaluationRun): Promise<EvaluationRun> {
  const recorded: EvaluationRun = { ...run, artifacts: { metrics: 'metrics.json', report: 'index.html' } };
  const rep = evaluationReport(recorded);
  await writeReport(
    dir,
    { title: rep.title, subtitle: rep.subtitle, blocks: rep.blocks },
    {
      kind: 'cli',
      provenance: {
        inputs: run.params.inputs,
        params: { ...run.params, seed: run.params.seed },
        tfjsBackend: run.backend,
        startedAt: new Date(run.startedAt),
      },
      extraFiles: { 'metrics.json': `${JSON.stringify(recorded, null, 2)}\n` },
    },
  );
  return recorded;
}
