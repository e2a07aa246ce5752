/** Stage 5: reward functions (components, composite, TRL entry point), the Python twin, scoring and calibration. */
export {
  DEFAULT_CONFIG,
  DEFAULT_WEIGHTS,
  PENALTIES,
  QUALITY_COMPONENTS,
  SHAPING_COMPONENTS,
  type ShapingComponent,
  RewardConfigSchema,
  RewardWeightsSchema,
  configWithWeights,
  type Penalty,
  type QualityComponent,
  type RewardConfig,
  type RewardWeights,
} from './config';
export {
  prepare,
  splitCompletion,
  type ComponentResult,
  type OutcomeLike,
  type RewardInput,
  type RowLike,
} from './input';
export {
  combine,
  componentWeights,
  scoreCompletion,
  trlReward,
  messageText,
  type ComponentScore,
  type PenaltyScore,
  type RewardScore,
} from './composite';
export {
  directionScore,
  forecastCdf,
  intervalScore,
  outcomeScale,
  readPrediction,
  weightedIntervalScore,
} from './components/outcome';
export { exportPython, pythonModuleSource, PYTHON_MODULE } from './python/export';
export { benchPython, scoreWithPython, type PythonScore } from './python/run';
export { scoreFile, traceToInput, type ScoreFileResult, type ScoreLine } from './score-file';
