/** Traces → SFT/GRPO datasets (filter, de-duplicate, time split, outcomes, stats, card) and the cortex1 importer. */
export { buildDataset, type BuildOptions, type BuiltDataset, type DroppedRecord } from './build';
export { datasetCard } from './card';
export { dedupe, type DedupOptions, type DedupResult } from './dedup';
export {
  DEFAULT_MIN_REWARD,
  passThrough,
  RECORD_DROP_REASONS,
  recordDropReason,
  rewardFilter,
  traceRewardInput,
  type QualityFilter,
  type QualityVerdict,
  type RecordDropReason,
} from './filter';
export { importCortex1, importCortex1File, type Cortex1Import, type Cortex1Refusal } from './import-cortex1';
export {
  Cortex1MarketRecordSchema,
  Cortex1R1RecordSchema,
  type Cortex1MarketRecord,
  type Cortex1R1Record,
} from './cortex1-schema';
export { buildDatasetFiles, DATASET_FILES, joinOutcomesInDir, readTraces, writeDataset, type InvalidLine } from './io';
export { joinOutcomes, realisedOutcome, type JoinSummary } from './outcomes';
export {
  assistantContent,
  GrpoRecordSchema,
  OutcomeSchema,
  promptId,
  SftRecordSchema,
  toGrpo,
  toSft,
  type GrpoRecord,
  type Outcome,
  type SftRecord,
} from './records';
export {
  assertNoLeakage,
  checkSplitOptions,
  planTimeSplit,
  type SplitName,
  type SplitOptions,
  type SplitPlan,
  type StratumSplit,
} from './split';
export { DatasetStatsSchema, type DatasetStats, type TokenTotals } from './stats';
export { hash32, jaccard, minhash, normalizeText, shingles } from './text';
