import { Report, type PlotlyFigure } from '../report';
import { mean, round, std } from '../core';
import { rollingVaRExceptions } from './backtest';
import { drawdowns } from './drawdown';
import { RiskOptionsSchema, riskSummary, type RiskOptions, type RiskSummary } from './summary';
import { historicalVaR } from './var';

const pct = (x: number) => (Number.isFinite(x) ? `${round(100 * x, 2)}%` : String(x));
const num = (x: number) => (Number.isFinite(x) ? round(x, 3) : String(x));

/** The metrics table rows (one per figure), shared by the tearsheet and the notebooks. */
export function metricsRows(s: RiskSummary): { metric: string; value: string | number }[] {
  const cl = `${round(100 * s.confidence, 1)}%`;
  const d = s.drawdown;
  const rows: { metric: string; value: string | number }[] = [
    { metric: 'period', value: `${s.first} → ${s.last} (${s.periods} returns, ${s.periodsPerYear}/year)` },
    { metric: 'total return', value: pct(s.totalReturn) },
    { metric: 'CAGR', value: pct(s.cagr) },
    { metric: 'volatility (annualised)', value: pct(s.volatility) },
    { metric: 'Sharpe', value: num(s.sharpe) },
    { metric: 'Sortino', value: num(s.sortino) },
    { metric: 'Calmar', value: num(s.calmar) },
    { metric: 'Omega (0)', value: num(s.omega) },
    { metric: 'skew / excess kurtosis', value: `${num(s.skew)} / ${num(s.excessKurtosis)}` },
    {
      metric: `VaR ${cl} historical / normal / Cornish-Fisher`,
      value: `${pct(s.var.historical)} / ${pct(s.var.parametric)} / ${pct(s.var.cornishFisher)}`,
    },
    { metric: `CVaR ${cl} historical / normal`, value: `${pct(s.cvar.historical)} / ${pct(s.cvar.parametric)}` },
    {
      metric: 'max drawdown',
      value: `${pct(d.maxDrawdown)} (peak ${d.peakDate}, trough ${d.troughDate}, recovered ${d.recoveryDate ?? 'not yet'})`,
    },
    { metric: 'longest drawdown', value: `${d.longestDrawdownPeriods} periods` },
    { metric: 'ulcer index', value: num(d.ulcerIndex) },
    { metric: 'Kelly leverage (μ/σ²)', value: num(s.kelly) },
    { metric: 'vol-targeted position', value: num(s.volTargetPosition) },
  ];
  if (s.backtest) {
    const k = s.backtest.kupiec;
    const c = s.backtest.christoffersen;
    rows.push(
      {
        metric: `VaR backtest (historical, ${s.backtest.window}-period window)`,
        value: `${k.exceptions} exceptions in ${k.periods} (${pct(k.observedRate)} vs ${pct(k.expectedRate)})`,
      },
      { metric: 'Kupiec POF', value: `LR ${num(k.lr)}, p ${num(k.pValue)}` },
      {
        metric: 'Christoffersen independence / conditional coverage',
        value: `p ${num(c.pValueInd)} / p ${num(c.pValueCc)}`,
      },
    );
  }
  return rows;
}

function line(
  x: readonly string[],
  ys: { name: string; y: readonly number[] }[],
  title: string,
  yTitle: string,
  extra: Record<string, unknown> = {},
): PlotlyFigure {
  return {
    data: ys.map((s) => ({ type: 'scatter', mode: 'lines', name: s.name, x, y: s.y })),
    layout: { title: { text: title }, yaxis: { title: { text: yTitle }, ...extra }, height: 360 },
  };
}

/** Growth of 1 after each return. */
function wealthCurve(returns: readonly number[]): number[] {
  let w = 1;
  return returns.map((r) => {
    w *= 1 + r;
    return w;
  });
}

/** Rolling annualised volatility and Sharpe over `w` periods (null until the window is full). */
function rolling(
  returns: readonly number[],
  w: number,
  ppy: number,
): { vol: (number | null)[]; sharpe: (number | null)[] } {
  const vol: (number | null)[] = [];
  const sh: (number | null)[] = [];
  for (let i = 0; i < returns.length; i++) {
    if (i + 1 < w) {
      vol.push(null);
      sh.push(null);
      continue;
    }
    const win = returns.slice(i + 1 - w, i + 1);
    const s = std(win);
    vol.push(s * Math.sqrt(ppy));
    sh.push(s > 0 ? (mean(win) / s) * Math.sqrt(ppy) : null);
  }
  return { vol, sharpe: sh };
}

/** Monthly compounded returns as a year × month grid (null where a month has no data). */
function monthly(returns: readonly number[], dates: readonly string[]): { years: string[]; z: (number | null)[][] } {
  const byMonth = new Map<string, number>();
  returns.forEach((r, i) => {
    const key = (dates[i] ?? '').slice(0, 7);
    byMonth.set(key, (byMonth.get(key) ?? 1) * (1 + r));
  });
  const years = [...new Set([...byMonth.keys()].map((k) => k.slice(0, 4)))].sort();
  return {
    years,
    z: years.map((y) =>
      Array.from({ length: 12 }, (_, m) => {
        const g = byMonth.get(`${y}-${String(m + 1).padStart(2, '0')}`);
        return g === undefined ? null : g - 1;
      }),
    ),
  };
}

/** A quantstats-style tearsheet of one return series (optionally against a benchmark). */
export function tearsheet(
  name: string,
  returns: readonly number[],
  dates: readonly string[],
  options: RiskOptions = {},
  benchmark?: { name: string; returns: readonly number[] },
): { report: Report; summary: RiskSummary } {
  const o = RiskOptionsSchema.parse(options);
  const s = riskSummary(returns, dates, o);
  const rep = new Report(`Risk tearsheet: ${name}`, `${s.first} → ${s.last}`);
  rep.markdown(
    `Daily simple returns; annualised with ${o.periodsPerYear} periods a year (crypto trades every day). VaR and CVaR are one-period losses at ${round(100 * o.confidence, 1)}% confidence, shown as positive numbers. Each reference formula is tested against textbook or hand-derived values (test/risk).`,
  );
  rep.table(metricsRows(s), { caption: 'Metrics' });
  if (benchmark)
    rep.table(metricsRows(riskSummary(benchmark.returns, dates, o)), { caption: `Benchmark: ${benchmark.name}` });
  const series = [{ name, y: wealthCurve(returns) }];
  if (benchmark) series.push({ name: benchmark.name, y: wealthCurve(benchmark.returns) });
  rep.figure(line(dates, series, 'Cumulative return (growth of 1)', 'wealth'), 'Cumulative returns');
  rep.figure(line(dates, series, 'Cumulative return, log scale', 'wealth (log)', { type: 'log' }), 'Log-scale returns');
  rep.figure(
    line(dates, [{ name: 'drawdown', y: drawdowns(returns, dates).series }], 'Underwater plot', 'drawdown', {
      tickformat: '.0%',
    }),
    'Drawdown from the running peak',
  );
  const m = monthly(returns, dates);
  rep.figure(
    {
      data: [
        {
          type: 'heatmap',
          x: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
          y: m.years,
          z: m.z,
          colorscale: 'RdBu',
          zmid: 0,
          texttemplate: '%{z:.1%}',
          hovertemplate: '%{y} %{x}: %{z:.2%}<extra></extra>',
        },
      ],
      layout: {
        title: { text: 'Monthly returns' },
        yaxis: { type: 'category', dtick: 1 },
        height: 80 + 40 * m.years.length,
      },
    },
    'Monthly returns heatmap',
  );
  const r = rolling(returns, o.rollingWindow, o.periodsPerYear);
  rep.figure(
    line(
      dates,
      [{ name: `vol ${o.rollingWindow}d`, y: r.vol as number[] }],
      `Rolling ${o.rollingWindow}-period volatility (annualised)`,
      'volatility',
    ),
    'Rolling volatility',
  );
  rep.figure(
    line(
      dates,
      [{ name: `Sharpe ${o.rollingWindow}d`, y: r.sharpe as number[] }],
      `Rolling ${o.rollingWindow}-period Sharpe (annualised)`,
      'Sharpe',
    ),
    'Rolling Sharpe',
  );
  rep.figure(
    {
      data: [{ type: 'histogram', x: returns, nbinsx: 80, name: 'returns' }],
      layout: {
        title: { text: 'Return distribution' },
        height: 360,
        shapes: [
          {
            type: 'line',
            x0: -s.var.historical,
            x1: -s.var.historical,
            yref: 'paper',
            y0: 0,
            y1: 1,
            line: { color: '#d62728', dash: 'dash' },
          },
          {
            type: 'line',
            x0: -s.cvar.historical,
            x1: -s.cvar.historical,
            yref: 'paper',
            y0: 0,
            y1: 1,
            line: { color: '#7f0000' },
          },
        ],
        annotations: [
          {
            x: -s.var.historical,
            yref: 'paper',
            y: 1,
            text: `VaR ${pct(s.var.historical)}`,
            showarrow: false,
            xanchor: 'left',
          },
          {
            x: -s.cvar.historical,
            yref: 'paper',
            y: 0.92,
            text: `CVaR ${pct(s.cvar.historical)}`,
            showarrow: false,
            xanchor: 'right',
          },
        ],
      },
    },
    'Return distribution with historical VaR (dashed) and CVaR (solid)',
  );
  if (returns.length > o.backtestWindow + 10) {
    const ex = rollingVaRExceptions(returns, o.backtestWindow, o.confidence, historicalVaR);
    const x = ex.map((e) => dates[e.index] as string);
    const hits = ex.filter((e) => e.exception);
    rep.figure(
      {
        data: [
          {
            type: 'scatter',
            mode: 'lines',
            name: 'return',
            x,
            y: ex.map((e) => returns[e.index]),
            line: { color: '#999', width: 1 },
          },
          {
            type: 'scatter',
            mode: 'lines',
            name: '−VaR forecast',
            x,
            y: ex.map((e) => -e.var),
            line: { color: '#d62728' },
          },
          {
            type: 'scatter',
            mode: 'markers',
            name: 'exception',
            x: hits.map((e) => dates[e.index]),
            y: hits.map((e) => returns[e.index]),
            marker: { color: '#d62728', size: 6 },
          },
        ],
        layout: { title: { text: `VaR exceedances (rolling ${o.backtestWindow}-period historical VaR)` }, height: 360 },
      },
      'VaR exceedances: each forecast uses only the returns before it',
    );
  }
  return { report: rep, summary: s };
}
