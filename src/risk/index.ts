// Risk analytics, written by hand (each formula tested against reference values in test/risk).
export {
  historicalVaR,
  parametricVaR,
  cornishFisherVaR,
  cornishFisherZ,
  historicalCVaR,
  parametricCVaR,
  moments,
} from './var';
export { annualisedVolatility, cagr, sharpe, sortino, omega, DEFAULT_PERIODS_PER_YEAR } from './ratios';
export { drawdowns } from './drawdown';
export type { DrawdownInfo } from './drawdown';
export { kellyBinary, kellyContinuous, volTargetSize } from './sizing';
export { kupiec, christoffersen, rollingVaRExceptions } from './backtest';
export type { KupiecResult, ChristoffersenResult } from './backtest';
export { normalQuantile, chiSquareSurvival } from './normal';
export { riskSummary, simpleReturns, RiskOptionsSchema } from './summary';
export type { RiskSummary, RiskOptions } from './summary';
export { tearsheet, metricsRows } from './tearsheet';
