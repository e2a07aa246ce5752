import { z } from 'zod';

/**
 * The research record's records, MLflow's concepts (experiments, runs with params, metrics by
 * step, tags and artifacts; registered models with immutable versions and movable aliases) in
 * our own DuckDB tables, not MLflow's file layout.
 */
export const ArtifactInputSchema = z.object({
  /** File on disk; its sha256 and size are taken when the run is recorded. */
  path: z.string().min(1),
  /** Name inside the run (default: the file's base name). */
  name: z.string().min(1).optional(),
});
export type ArtifactInput = z.infer<typeof ArtifactInputSchema>;

// NaN and ±Infinity are accepted and dropped when stored (a metric a run could not compute).
const Num = z.union([z.number(), z.nan()]);
const MetricValue = z.union([Num, z.array(z.object({ step: z.number().int().nonnegative(), value: Num }))]);

export const RunInputSchema = z.object({
  experiment: z.string().min(1).max(200),
  name: z.string().max(200).optional(),
  status: z.enum(['finished', 'failed']).default('finished'),
  startedAt: z.date().optional(),
  params: z.record(z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
  /** A number (step 0) or its value by step (epochs, folds). Non-finite values are dropped. */
  metrics: z.record(MetricValue).default({}),
  tags: z.record(z.string()).default({}),
  artifacts: z.array(ArtifactInputSchema).default([]),
  /** sha256 of the data the run read (e.g. a features spec's dataSha256). */
  dataSha256: z.string().nullable().optional(),
});
export type RunInput = z.input<typeof RunInputSchema>;

export interface RunSummary {
  id: string;
  experiment: string;
  name: string | null;
  status: string;
  startedAt: string;
  finishedAt: string;
  gitCommit: string | null;
  gitDirty: boolean | null;
  dataSha256: string | null;
}

export interface RunDetail extends RunSummary {
  params: Record<string, string>;
  /** Latest value of each metric and its full history. */
  metrics: Record<string, { step: number; value: number }[]>;
  tags: Record<string, string>;
  artifacts: { name: string; path: string; sha256: string; sizeBytes: number }[];
}

export interface ModelVersion {
  name: string;
  version: number;
  runId: string;
  createdAt: string;
  description: string | null;
  aliases: string[];
}

export const ALIAS_PATTERN = /^[a-z][a-z0-9_-]{0,39}$/;
export const MODEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,119}$/;

export const REGISTRY_SQL = `
CREATE TABLE IF NOT EXISTS experiments (name VARCHAR PRIMARY KEY, created_at TIMESTAMP NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  id VARCHAR PRIMARY KEY, experiment VARCHAR NOT NULL, name VARCHAR, status VARCHAR NOT NULL,
  started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP NOT NULL,
  git_commit VARCHAR, git_dirty BOOLEAN, data_sha256 VARCHAR
);
CREATE TABLE IF NOT EXISTS params (run_id VARCHAR NOT NULL, key VARCHAR NOT NULL, value VARCHAR, PRIMARY KEY (run_id, key));
CREATE TABLE IF NOT EXISTS metrics (run_id VARCHAR NOT NULL, key VARCHAR NOT NULL, step BIGINT NOT NULL, value DOUBLE NOT NULL, PRIMARY KEY (run_id, key, step));
CREATE TABLE IF NOT EXISTS tags (run_id VARCHAR NOT NULL, key VARCHAR NOT NULL, value VARCHAR NOT NULL, PRIMARY KEY (run_id, key));
CREATE TABLE IF NOT EXISTS artifacts (run_id VARCHAR NOT NULL, name VARCHAR NOT NULL, path VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, size_bytes BIGINT NOT NULL, PRIMARY KEY (run_id, name));
CREATE TABLE IF NOT EXISTS models (name VARCHAR PRIMARY KEY, created_at TIMESTAMP NOT NULL);
CREATE TABLE IF NOT EXISTS model_versions (
  name VARCHAR NOT NULL, version INTEGER NOT NULL, run_id VARCHAR NOT NULL, description VARCHAR,
  created_at TIMESTAMP NOT NULL, PRIMARY KEY (name, version)
);
CREATE TABLE IF NOT EXISTS aliases (name VARCHAR NOT NULL, alias VARCHAR NOT NULL, version INTEGER NOT NULL, updated_at TIMESTAMP NOT NULL, PRIMARY KEY (name, alias));
CREATE TABLE IF NOT EXISTS alias_history (name VARCHAR NOT NULL, alias VARCHAR NOT NULL, version INTEGER NOT NULL, previous INTEGER, moved_at TIMESTAMP NOT NULL);
`;
