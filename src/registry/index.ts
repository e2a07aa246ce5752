/**
 * The research record: runs and artifacts, registered models with immutable versions and movable
 * aliases (DuckDB, loaded only when used), drift between datasets, paired model comparisons.
 */
export { Registry, defaultRegistryPath } from './store';
export { readTable } from './table';
export { writeRegistryPage, runDrift, runDriftRows, runCompare } from './workflow';
export { recordRun, type RecordOptions } from './record';
export {
  RunInputSchema,
  type RunInput,
  type RunSummary,
  type RunDetail,
  type ModelVersion,
  type ArtifactInput,
} from './schema';
export { DriftMonitor, type DriftAlert } from './monitor';
export {
  DRIFT_THRESHOLDS,
  columnDrift,
  driftReport,
  flattenRow,
  type ColumnDrift,
  type DriftResult,
  type DriftMethod,
} from './drift';
export { chiSquare, jensenShannon, kolmogorovSf, ksTwoSample, psi, wasserstein1 } from './drift-stats';
export {
  comparePredictions,
  readPredictions,
  runPredictions,
  PredictionLineSchema,
  PREDICTIONS_ARTIFACT,
  type Comparison,
  type PredictionLine,
} from './compare';
export { registryReport, driftReportDoc, comparisonReportDoc } from './report';
import { Registry } from './store';

/** Opens the registry (default: WORKBENCH_REGISTRY or data/registry.duckdb); close it when done. */
export function openRegistry(path?: string): Promise<Registry> {
  return Registry.open(path);
}
