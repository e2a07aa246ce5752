import type { JobRecord, JobState } from '../jobs/registry';

/**
 * One interface for every way of running a bundle remotely. `submit` is idempotent: called
 * again for a job that was already (partly) submitted, it finishes what is missing and never
 * starts the run twice. `logs` reads from a byte offset, so a follower that lost its
 * connection continues where it stopped, with nothing repeated.
 */
export interface StatusReport {
  state: JobState;
  exitCode: number | null;
  detail: string;
}

export interface LogsOptions {
  /** Bytes of the log already shown. */
  offset: number;
  follow: boolean;
  onText: (text: string) => void;
  pollMs?: number;
  signal?: AbortSignal;
}

export interface Launcher {
  readonly kind: JobRecord['launcher'];
  submit(job: JobRecord, say: (line: string) => void): Promise<JobRecord>;
  status(job: JobRecord): Promise<StatusReport>;
  /** Prints the log from `offset`; returns the new offset. With `follow`, until the job ends. */
  logs(job: JobRecord, o: LogsOptions): Promise<number>;
  cancel(job: JobRecord): Promise<void>;
  /** Copies the run's output folder (metrics.jsonl, checkpoints) to `dest`; returns the files. */
  fetch(job: JobRecord, dest: string): Promise<string[]>;
}

export const isTerminal = (s: JobState): boolean => s === 'succeeded' || s === 'failed' || s === 'cancelled';

/**
 * What a smoke run is started with: WORKBENCH_SMOKE=1, and the pause between its steps when
 * WORKBENCH_SMOKE_STEP_SECONDS is set here (so a follower can watch it). Nothing else crosses.
 */
export function smokeEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = { WORKBENCH_SMOKE: '1' };
  const pause = env.WORKBENCH_SMOKE_STEP_SECONDS;
  if (pause !== undefined && /^\d+(\.\d+)?$/.test(pause)) out.WORKBENCH_SMOKE_STEP_SECONDS = pause;
  return out;
}
