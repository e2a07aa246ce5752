import { WorkbenchError } from '../../core/errors';
import { runCommand, which } from '../../core/process';
import { verifyBundle } from '../bundle/build';
import type { JobRecord, JobRegistry, JobState } from '../jobs/registry';
import { followLog, isTerminal, smokeEnv, type Launcher, type LogsOptions, type StatusReport } from './types';

/**
 * SkyPilot managed jobs through its CLI, each command shown before it runs:
 *   sky jobs launch -n NAME sky.yaml --yes --detach-run [--secret NAME …]   (in the bundle folder)
 *   sky jobs queue · sky jobs logs --no-follow ID · sky jobs cancel --yes ID
 * Secrets are passed as `--secret NAME`, which SkyPilot reads from the launching environment:
 * never on the command line or in the task file. A job already in the queue under the job's
 * name is found again instead of being launched twice. Every ManagedJobStatus of SkyPilot's
 * sky/jobs/state.py has a state here (test/fixtures/conformance/skypilot.json).
 */
export const SKY_STATES: Readonly<Record<string, JobState>> = {
  PENDING: 'submitted',
  // Kept by SkyPilot for old job tables (no longer set); same meaning as PENDING.
  SUBMITTED: 'submitted',
  STARTING: 'running',
  WINDING_DOWN: 'running',
  RUNNING: 'running',
  RECOVERING: 'running',
  CANCELLING: 'running',
  CANCELLED: 'cancelled',
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  FAILED_SETUP: 'failed',
  FAILED_PRECHECKS: 'failed',
  FAILED_NO_RESOURCE: 'failed',
  FAILED_CONTROLLER: 'failed',
};

export interface QueueRow {
  id: number;
  name: string;
  status: string;
}

/** Rows of `sky jobs queue`: the table's ID, NAME and STATUS columns, read by header position. */
export function parseQueue(text: string): QueueRow[] {
  const lines = text.split('\n');
  const h = lines.findIndex((l) => /^\s*ID\s/.test(l) && /\bNAME\b/.test(l) && /\bSTATUS\b/.test(l));
  if (h < 0) return [];
  const header = (lines[h] as string).trim().split(/\s+/);
  const nameAt = header.indexOf('NAME');
  const rows: QueueRow[] = [];
  for (const line of lines.slice(h + 1)) {
    const cells = line.trim().split(/\s+/);
    const id = Number(cells[0]);
    const status = cells.find((c) => c in SKY_STATES);
    if (!Number.isInteger(id) || !status) continue;
    rows.push({ id, name: cells[nameAt] ?? '', status });
  }
  return rows;
}

export class SkyPilotLauncher implements Launcher {
  readonly kind = 'skypilot' as const;
  constructor(
    private readonly registry: JobRegistry,
    private readonly opts: { sky?: string; say?: (line: string) => void; env?: NodeJS.ProcessEnv } = {},
  ) {}

  private async sky(args: string[], cwd?: string): Promise<string> {
    const bin = this.opts.sky ?? 'sky';
    if (!bin.includes('/') && !which(bin, (this.opts.env ?? process.env).PATH))
      throw new WorkbenchError(
        'the SkyPilot CLI (sky) is not on PATH',
        'pip install "skypilot[aws,gcp,kubernetes,…]" and run `sky check`',
      );
    this.opts.say?.(`$ sky ${args.join(' ')}`);
    const r = await runCommand(bin, args, { cwd, env: this.opts.env ?? process.env });
    if (r.code !== 0)
      throw new WorkbenchError(
        `sky ${args.slice(0, 2).join(' ')} failed (exit ${r.code}): ${(r.stderr || r.stdout).trim().slice(-800)}`,
        "see `sky jobs queue` and SkyPilot's own logs",
      );
    return r.stdout;
  }

  private async find(job: JobRecord): Promise<QueueRow | null> {
    const rows = parseQueue(await this.sky(['jobs', 'queue']));
    const known = job.remote.skyJobId;
    return rows.find((r) => (typeof known === 'number' ? r.id === known : r.name === job.id)) ?? null;
  }

  async submit(job: JobRecord, say: (line: string) => void): Promise<JobRecord> {
    const manifest = verifyBundle(job.bundle.dir);
    const existing = await this.find(job);
    if (existing) {
      say(
        `SkyPilot job ${existing.id} (${existing.name}) is already in the queue (${existing.status}): not launching again`,
      );
      return this.registry.transition(job, SKY_STATES[existing.status] ?? 'submitted', 'found in sky jobs queue', {
        remote: { skyJobId: existing.id },
      });
    }
    const env = this.opts.env ?? process.env;
    const secrets = job.smoke ? [] : manifest.secrets.filter((n) => env[n]).flatMap((n) => ['--secret', n]);
    const smoke = job.smoke ? Object.entries(smokeEnv(env)).flatMap(([k, v]) => ['--env', `${k}=${v}`]) : [];
    const out = await this.sky(
      ['jobs', 'launch', '-n', job.id, 'sky.yaml', '--yes', '--detach-run', ...smoke, ...secrets],
      job.bundle.dir,
    );
    let id = Number(/(?:job\s+)?ID:\s*(\d+)/i.exec(out)?.[1]);
    if (!Number.isInteger(id)) id = (await this.find(job))?.id ?? NaN;
    if (!Number.isInteger(id))
      throw new WorkbenchError(
        `sky jobs launch gave no job id and ${job.id} is not in sky jobs queue`,
        'check `sky jobs queue`',
      );
    say(`SkyPilot managed job ${id} launched`);
    return this.registry.transition(job, 'submitted', `sky jobs launch → job ${id}`, { remote: { skyJobId: id } });
  }

  async status(job: JobRecord): Promise<StatusReport> {
    const row = await this.find(job);
    if (!row) return { state: 'lost', exitCode: null, detail: 'not in sky jobs queue' };
    return {
      state: SKY_STATES[row.status] ?? 'running',
      exitCode: null,
      detail: `SkyPilot job ${row.id}: ${row.status}`,
    };
  }

  logs(job: JobRecord, o: LogsOptions): Promise<number> {
    const read = async (offset: number) =>
      Buffer.from(await this.sky(['jobs', 'logs', '--no-follow', String(job.remote.skyJobId)]), 'utf8').subarray(
        offset,
      );
    return followLog(read, async () => isTerminal((await this.status(job)).state), { ...o, pollMs: o.pollMs ?? 2000 });
  }

  async cancel(job: JobRecord): Promise<void> {
    await this.sky(['jobs', 'cancel', '--yes', String(job.remote.skyJobId)]);
  }

  async fetch(): Promise<string[]> {
    // Managed jobs write to the bucket or volume the task mounts; SkyPilot has no copy-back.
    throw new WorkbenchError(
      'SkyPilot managed jobs keep their outputs where the task writes them',
      'mount a bucket at the output folder in sky.yaml (file_mounts), or read metrics from the job logs',
    );
  }
}
