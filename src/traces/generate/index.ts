export { AppendLog } from './append-log';
export { RequestCache } from './request-cache';
export { AdaptiveGate } from './adaptive-gate';
export { runJobs, type Job, type AttemptFailure, type RunOptions, type RunSummary } from './runner';
export { generateTraces, readChainDays, type GenerateOptions, type GenerateSummary } from './generate';
export { benchTraces, type TracesBenchResult } from './bench';
