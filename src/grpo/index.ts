/** Stage 6: remote GRPO launches — spec, preflight, bundle, launchers (SSH, SkyPilot, Ray Jobs), job registry, reports. */
export { LaunchSpecSchema, globalBatch, trainingGpus, type LaunchSpec } from './spec/schema';
export { checkSpec, loadSpec, parseSpecText, type SpecProblem } from './spec/load';
export { MODELS, type Architecture } from './models';
export { GPUS, GPU_NAMES, type GpuType } from './gpus';
export * from './preflight';
export { writeBundle, verifyBundle, BUNDLE_SCHEMA, type BundleManifest } from './bundle/build';
export { PINS, requirements, requirementPins } from './bundle/files';
export {
  JobRegistry,
  JobRecordSchema,
  JOB_STATES,
  TERMINAL_STATES,
  type JobRecord,
  type JobState,
} from './jobs/registry';
export { launch, jobIdOf, refreshStatus, outputsDir, type LaunchOptions } from './jobs/launch';
export * from './launchers';
export { metricsReport, readMetrics, type MetricsRow } from './report';
export { evaluateServed, evaluationReport, type EvalRow, type EvaluateOptions } from './evaluate';
