/** Versioned prompt templates rendered from validated ChainDay rows, and the prediction answer block. */
export {
  AnswerBlockSchema,
  answerBlockInstructions,
  DirectionSchema,
  directionOf,
  GrowthIntervalSchema,
  parseAnswerBlock,
  type AnswerBlock,
  type AnswerParse,
  type Direction,
  type GrowthInterval,
} from './answer';
export {
  displayUnit,
  formatAmount,
  formatCell,
  formatCount,
  formatPercent,
  formatValue,
  isFraction,
  meaning,
  metricLine,
  nullReason,
} from './format';
export { historyBefore, historySpine, rowsAsOf } from './history';
export {
  checkRow,
  renderPrompt,
  usersAvailable,
  type RenderedPrompt,
  type RenderRequest,
  type UserMessage,
} from './render';
export {
  CROSS_CHAIN,
  FLAT_BAND,
  HISTORY_DAYS,
  HORIZON_DAYS,
  PROMPT_VERSION,
  SAMPLING_DEFAULTS,
  TASKS,
  type Sampling,
  type SingleChainTask,
  type Task,
} from './version';
