/**
 * The research record: runs and artifacts, registered models with immutable versions and movable
 * aliases (DuckDB, loaded only when used), drift between datasets, paired model comparisons.
 */
import type { Registry as RegistryClass } from './store';

// DuckDB loads on first use: require() inside the functions keeps this index cheap to import
// (a dynamic import() would not resolve .ts files under tsx's CommonJS loader).

export type Registry = RegistryClass;
export { recordRun, type RecordOptions } from './record';
export { RunInputSchema, type RunInput, type RunSummary, type RunDetail, type ModelVersion, type ArtifactInput } from './schema';
export { DRIFT_THRESHOLDS, columnDrift, driftReport, type ColumnDrift, type DriftResult, type DriftMethod } from './drift';
export { chiSquare, jensenShannon, kolmogorovSf, ksTwoSample, psi, wasserstein1 } from './drift-stats';
export { comparePredictions, readPredictions, runPredictions, PredictionLineSchema, PREDICTIONS_ARTIFACT, type Comparison, type PredictionLine } from './compare';
export { registryReport, driftReportDoc, comparisonReportDoc } from './report';

/** Opens the registry (default: WORKBENCH_REGISTRY or data/registry.duckdb); close it when done. */
export async function openRegistry(path?: string): Promise<Registry> {
  const { Registry } = require('./store') as typeof import('./store');
  return Registry.open(path);
}

export async function defaultRegistryPath(): Promise<string> {
  return (require('./store') as typeof import('./store')).defaultRegistryPath();
}

/** Rows of a JSONL, CSV or Parquet file (through DuckDB). */
export async function readTable(path: string): Promise<Record<string, unknown>[]> {
  return (require('./table') as typeof import('./table')).readTable(path);
}

/** Registry page, drift and paired comparison as the CLI and notebooks run them (DuckDB loaded on call). */
export async function writeRegistryPage(...args: Parameters<typeof import('./workflow').writeRegistryPage>) {
  return (require('./workflow') as typeof import('./workflow')).writeRegistryPage(...args);
}
export async function runDrift(...args: Parameters<typeof import('./workflow').runDrift>) {
  return (require('./workflow') as typeof import('./workflow')).runDrift(...args);
}
export async function runCompare(...args: Parameters<typeof import('./workflow').runCompare>) {
  return (require('./workflow') as typeof import('./workflow')).runCompare(...args);
}
