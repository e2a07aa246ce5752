import { StringDecoder } from 'node:string_decoder';
import { sleep } from '../../core/sleep';
import type { JobRecord, JobState } from '../jobs/registry';
import type { LaunchSpec } from '../spec/schema';

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
  /** Refuses a spec this launcher cannot run correctly, before any job is recorded. */
  accepts?(spec: LaunchSpec, smoke: boolean): void;
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

/**
 * The follow loop every launcher shares: read the bytes after `offset`, print them, and, when
 * nothing new came and the job has ended, read once more (lines written between the last read
 * and the end) and stop. A multi-byte character split across reads is decoded whole.
 */
export async function followLog(
  read: (offset: number) => Promise<Buffer>,
  finished: () => Promise<boolean>,
  o: LogsOptions,
): Promise<number> {
  const decoder = new StringDecoder('utf8');
  let offset = o.offset;
  const take = (b: Buffer): void => {
    if (!b.length) return;
    offset += b.length;
    const text = decoder.write(b);
    if (text) o.onText(text);
  };
  for (;;) {
    const chunk = await read(offset);
    take(chunk);
    if (!o.follow || o.signal?.aborted) break;
    if (!chunk.length && (await finished())) {
      take(await read(offset));
      break;
    }
    await sleep(o.pollMs ?? 1000, o.signal).catch(() => undefined);
  }
  const rest = decoder.end();
  if (rest) o.onText(rest);
  return offset;
}
