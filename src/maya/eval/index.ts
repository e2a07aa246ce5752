export { evaluate, nsToIso, type EvaluateOptions } from './evaluate';
export { writeEvaluation, evaluationReport, METRICS_FILE, type WriteEvaluationOptions } from './report';
export {
  EvaluationResultSchema,
  parseEvaluationResult,
  EVALUATION_VERSION,
  type EvaluationResult,
  type ModelMetrics,
  type CategoricalMetrics,
  type NumericMetrics,
} from './result';
export { copyLastBaseline, majorityBaseline, markovBaseline, baselinePredictions, BASELINES } from './baselines';
export { classScores, confusionMatrix, OTHER_LABEL, type ClassScores, type Confusion } from './categorical';
export { numericScores, presenceAccuracy, madFromMedian, toReal, type NumericScores } from './numeric';
export { calibration, LOG_LOSS_FLOOR, type Calibration, type ReliabilityBin } from './calibration';
export { weightedScore, numericSkill, EXCLUDED_CONSTANT, type WeightedScore, type WeightedFeature } from './weighted';
export { OLD_FEATURE_WEIGHTS, OLD_FEATURE_MAP, OLD_FEATURES_WITHOUT_COUNTERPART, oldWeight } from './weights';
export { blockTruth, constantColumns, type BlockTruth } from './truth';
export {
  pairedComparisons,
  PairedComparisonSchema,
  PAIRED_CATEGORICAL,
  PAIRED_NUMERIC,
  type PairedComparison,
} from './paired';
export { itemPredictionLines, itemPredictionsJsonl, ITEM_PREDICTIONS_FILE } from './item-predictions';
