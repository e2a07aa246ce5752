/** The stage's runs as single calls, shared by the CLI and the notebooks. */
export { modelFeatureSet, blockActions, blocksActions } from './model-data';
export { keyParitySummary, keyParityGaps, type KeyParitySummary } from './key-parity';
export { evaluateModel, type EvaluateModelOptions } from './evaluate-model';
export { simulateModel, type SimulateModelOptions, type SimulateModelResult } from './simulate-model';
export {
  compareFeeds,
  summarizeFeed,
  totalVariation,
  ksStatistic,
  quantile,
  type FeedComparison,
  type FeedSummary,
} from './compare-feed';
export { simulationReport, type SimulationInfo } from './simulation-report';
