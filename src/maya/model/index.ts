/** Stage 2: the TensorFlow.js next-action model, its training, checkpoints and prediction. */
export { initModelBackend, registerWasmForwards, type ModelBackendInfo } from './backend';
export {
  PRESETS,
  resolveConfig,
  parseConfig,
  ModelConfigSchema,
  type ModelConfig,
  type ConfigOverrides,
  type PresetName,
  type Arch,
  type TrainConfig,
} from './config';
export { createModel, trainStep, batchLoss, evaluateLoss, lossAndGrads, type MayaModel } from './model';
export { trainModel, trainFromFeatureDir, epochWindows, type TrainOptions, type TrainResult } from './train';
export { loadModel, predictBlock, predictNext, asNextActionPredictor, type ModelNextDistribution } from './predict';
export {
  readManifest,
  ModelManifestSchema,
  EpochRecordSchema,
  type ModelManifest,
  type EpochRecord,
  type LossValues,
} from './manifest';
export { latestCheckpoint, readCheckpoint, type Checkpoint, type CheckpointState } from './checkpoint';
export { windowBatch, singleWindow, type Batch, type Targets } from './batch';
export { learningRate, warmupOf, AdamW } from './optimizer';
export { benchModel, type ModelBenchResult } from './bench';
export { enableSplitInference, SplitInference } from './split-infer';
