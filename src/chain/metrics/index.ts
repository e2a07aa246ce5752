/** Derived chain metrics, regime labels and the ChainDay row (see definitions.ts for every metric). */
export { addDays, checkIsoDate, dateRange, daysBetween } from './dates';
export {
  definitionsMarkdown,
  METRIC_DEFINITIONS,
  metricDefinition,
  noteFor,
  unitFor,
  type MetricDefinition,
  type MetricName,
} from './definitions';
export { deriveChainDays, type DeriveOptions } from './derive';
export {
  classBalance,
  classifyRegime,
  REGIME_RULES,
  RegimeInputsSchema,
  RegimeLabelSchema,
  REGIMES,
  TREND_LOG,
  VOLATILE_SIGMA,
  type ClassBalance,
  type Regime,
  type RegimeInputs,
  type RegimeLabel,
  type RegimeRule,
} from './regimes';
export { ChainDayFieldsSchema, ChainDaySchema, DERIVED_FIELDS, RAW_FIELDS, type ChainDay } from './row';
export {
  growth,
  GROWTH_LAG_DAYS,
  logChange,
  logChangeVolatility,
  ratio,
  sampleStd,
  VOLATILITY_CHANGES,
} from './series';
export { REGIME_HISTORY_DAYS, WARMUP_DAYS, warmupStart } from './spine';
export { crossChainCorrelations, type CorrelationMatrix } from './correlation';
