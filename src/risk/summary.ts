import { z } from 'zod';
import { mean } from '../core';
import { christoffersen, kupiec, rollingVaRExceptions, type ChristoffersenResult, type KupiecResult } from './backtest';
import { drawdowns, type DrawdownInfo } from './drawdown';
import { annualisedVolatility, cagr, DEFAULT_PERIODS_PER_YEAR, omega, sharpe, sortino } from './ratios';
import { kellyContinuous, volTargetSize } from './sizing';
import { cornishFisherVaR, historicalCVaR, historicalVaR, moments, parametricCVaR, parametricVaR } from './var';

export const RiskOptionsSchema = z.object({
  confidence: z.number().gt(0.5).lt(1).default(0.95),
  periodsPerYear: z.number().positive().default(DEFAULT_PERIODS_PER_YEAR),
  /** Per-period risk-free rate for Sharpe. */
  riskFree: z.number().default(0),
  /** Returns before each VaR forecast in the backtest. */
  backtestWindow: z.number().int().min(20).default(250),
  /** Annualised volatility the position sizer aims at. */
  targetVol: z.number().positive().default(0.2),
  rollingWindow: z.number().int().min(5).default(30),
});
export type RiskOptions = z.input<typeof RiskOptionsSchema>;

export interface RiskSummary {
  periods: number;
  first: string | null;
  last: string | null;
  confidence: number;
  periodsPerYear: number;
  totalReturn: number;
  cagr: number;
  meanReturn: number;
  volatility: number;
  skew: number;
  excessKurtosis: number;
  sharpe: number;
  sortino: number;
  calmar: number;
  omega: number;
  var: { historical: number; parametric: number; cornishFisher: number };
  cvar: { historical: number; parametric: number };
  drawdown: Omit<DrawdownInfo, 'series'>;
  kelly: number;
  volTargetPosition: number;
  backtest: {
    window: number;
    kupiec: KupiecResult;
    christoffersen: ChristoffersenResult;
    exceptionDates: string[];
  } | null;
}

/** Every risk figure of one return series (simple returns, one per period ending on dates[i]). */
export function riskSummary(
  returns: readonly number[],
  dates: readonly string[],
  options: RiskOptions = {},
): RiskSummary {
  const o = RiskOptionsSchema.parse(options);
  const c = o.confidence;
  const dd = drawdowns(returns, dates);
  const { series: _series, ...ddInfo } = dd;
  void _series;
  const g = cagr(returns, o.periodsPerYear);
  const vol = annualisedVolatility(returns, o.periodsPerYear);
  const m = moments(returns);
  const variance = (vol * vol) / o.periodsPerYear;
  let backtest: RiskSummary['backtest'] = null;
  if (returns.length > o.backtestWindow + 10) {
    const ex = rollingVaRExceptions(returns, o.backtestWindow, c, historicalVaR);
    const flags = ex.map((e) => e.exception);
    backtest = {
      window: o.backtestWindow,
      kupiec: kupiec(flags, 1 - c),
      christoffersen: christoffersen(flags, 1 - c),
      exceptionDates: ex.filter((e) => e.exception).map((e) => dates[e.index] ?? String(e.index)),
    };
  }
  return {
    periods: returns.length,
    first: dates[0] ?? null,
    last: dates[dates.length - 1] ?? null,
    confidence: c,
    periodsPerYear: o.periodsPerYear,
    totalReturn: returns.reduce((w, r) => w * (1 + r), 1) - 1,
    cagr: g,
    meanReturn: mean(returns),
    volatility: vol,
    skew: m.skew,
    excessKurtosis: m.excessKurtosis,
    sharpe: sharpe(returns, o.riskFree, o.periodsPerYear),
    sortino: sortino(returns, 0, o.periodsPerYear),
    calmar: dd.maxDrawdown < 0 ? g / -dd.maxDrawdown : Number.NaN,
    omega: omega(returns, 0),
    var: {
      historical: historicalVaR(returns, c),
      parametric: parametricVaR(returns, c),
      cornishFisher: cornishFisherVaR(returns, c),
    },
    cvar: { historical: historicalCVaR(returns, c), parametric: parametricCVaR(returns, c) },
    drawdown: ddInfo,
    kelly: kellyContinuous(mean(returns) - o.riskFree, variance),
    volTargetPosition: volTargetSize(o.targetVol, vol, 1),
    backtest,
  };
}

/** Simple returns of a price series: r_i = p_i / p_{i−1} − 1, dated at the later price. */
export function simpleReturns(
  prices: readonly number[],
  dates: readonly string[],
): { returns: number[]; dates: string[] } {
  const returns: number[] = [];
  const out: string[] = [];
  for (let i = 1; i < prices.length; i++) {
    returns.push((prices[i] as number) / (prices[i - 1] as number) - 1);
    out.push(dates[i] ?? String(i));
  }
  return { returns, dates: out };
}
