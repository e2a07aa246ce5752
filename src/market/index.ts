// Market stage: price loaders, indicators (trading-signals), causal features, splits, direction
// models and their honest evaluation. tfjs loads only when a neural model trains.
export {
  BarSchema,
  ColumnMapSchema,
  DateFormatSchema,
  LoadOptionsSchema,
  loadPriceCsv,
  orderBars,
  parsePriceCsv,
} from './prices';
export type { Bar, ColumnMap, DateFormat, LoadOptions, PriceReport, PriceSeries } from './prices';
export { poolPriceBars } from './pool-prices';
export type { PoolPriceOptions } from './pool-prices';
export { computeIndicators, indicatorTable, IndicatorConfigSchema } from './indicators';
export type { IndicatorColumns, IndicatorConfig } from './indicators';
export { marketFeatures, FEATURE_NAMES } from './features';
export type { FeatureFn, FeatureMatrix } from './features';
export { checkNoLookahead } from './leakage';
export type { LeakageViolation } from './leakage';
export { directionLabels } from './labels';
export type { Labels } from './labels';
export { makeFolds, purgedKFold, walkForward, SplitConfigSchema } from './splits';
export type { Fold, SplitConfig } from './splits';
export {
  accuracy,
  balancedAccuracy,
  brier,
  directionMetrics,
  logLoss,
  mostConfidentDecile,
  topDecileAccuracy,
} from './metrics';
export type { DirectionMetrics, Interval, Scored } from './metrics';
export { strategyReturns, summarizeStrategy } from './strategy';
export type { StrategyResult } from './strategy';
export { EvaluateConfigSchema, QUICK } from './config';
export type { EvaluateConfig, EvaluateConfigInput } from './config';
export { evaluateSeries } from './evaluate';
export type { CoinEvaluation, FoldResult, ModelResult } from './evaluate';
export { CLAIMED_ACCURACY, claimVerdict, evaluateMany, flatMetrics } from './run';
export type { ClaimVerdict, EvaluationRun } from './run';
export { evaluationReport, modelTable, writeEvaluation } from './report';
export { MODEL_NAMES, BASELINES } from './models/types';
export type { DirectionModel, ModelData, ModelName } from './models/types';
export { fitLogistic, logisticProbability } from './models/logistic';
export { benchMarket } from './bench';
