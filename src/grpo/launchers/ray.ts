import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../../core/errors';
import { HttpError, httpRequest } from '../../core/http';
import { sha256 } from '../../core/hash';
import { zip } from '../../core/zip';
import { verifyBundle } from '../bundle/build';
import type { JobRecord, JobRegistry, JobState } from '../jobs/registry';
import { followLog, isTerminal, smokeEnv, type Launcher, type LogsOptions, type StatusReport } from './types';

/**
 * Ray Jobs over its REST API (the job server on the head node, port 8265): the bundle goes up
 * as a working-directory package (`GET`/`PUT /api/packages/gcs/_ray_pkg_<sha>.zip`, uploaded only
 * when the cluster lacks it), then `POST /api/jobs/` with the job id as submission_id (a second
 * submit of the same job is recognised, not run twice), `GET /api/jobs/{id}`, `GET
 * /api/jobs/{id}/logs`, `POST /api/jobs/{id}/stop`. Secrets are not sent: Ray shows a job's
 * runtime_env to anyone with dashboard access, so they must be set on the cluster.
 */
const RAY_STATES: Record<string, JobState> = { PENDING: 'submitted', RUNNING: 'running', SUCCEEDED: 'succeeded', FAILED: 'failed', STOPPED: 'cancelled' };

export class RayLauncher implements Launcher {
  readonly kind = 'ray' as const;
  constructor(
    private readonly address: string,
    private readonly registry: JobRegistry,
    private readonly opts: { retries?: number } = {},
  ) {}

  private url(path: string): string {
    return `${this.address.replace(/\/+$/, '')}${path}`;
  }

  private json(path: string, method: 'GET' | 'POST' = 'GET', body?: unknown): Promise<unknown> {
    return httpRequest(this.url(path), { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'content-type': 'application/json' }, retries: this.opts.retries ?? 5, timeoutMs: 60_000 }).then((r) => JSON.parse(r.text) as unknown);
  }

  async submit(job: JobRecord, say: (line: string) => void): Promise<JobRecord> {
    const manifest = verifyBundle(job.bundle.dir);
    const files = [...manifest.files.map((f) => f.path), 'manifest.json'];
    const pkg = `_ray_pkg_${sha256(JSON.stringify(manifest.files.map((f) => [f.path, f.sha256]))).slice(0, 16)}.zip`;
    const exists = await httpRequest(this.url(`/api/packages/gcs/${pkg}`), { retries: this.opts.retries ?? 5, retryable: (s) => s >= 500 || s === 429 }).then(
      () => true,
      (e: unknown) => {
        if (e instanceof HttpError && e.status === 404) return false;
        throw e;
      },
    );
    if (!exists) {
      const body = zip(files.map((name) => ({ name, data: readFileSync(join(job.bundle.dir, name)) })));
      say(`uploading the bundle as ${pkg} (${(body.length / 1e6).toFixed(1)} MB) to ${this.address}`);
      await httpRequest(this.url(`/api/packages/gcs/${pkg}`), { method: 'PUT', body, headers: { 'content-type': 'application/zip' }, retries: this.opts.retries ?? 5, timeoutMs: 600_000 });
    } else say(`package ${pkg} is already on the cluster`);
    const entrypoint = job.smoke ? `${Object.entries(smokeEnv()).map(([k, v]) => `${k}=${v}`).join(' ')} bash run.sh` : 'bash run.sh';
    try {
      const r = (await this.json('/api/jobs/', 'POST', { entrypoint, submission_id: job.id, runtime_env: { working_dir: `gcs://${pkg}` }, metadata: { workbench_bundle: manifest.id, workbench_job: job.id } })) as { submission_id?: string };
      say(`Ray job ${r.submission_id ?? job.id} submitted: ${entrypoint}`);
    } catch (e) {
      // A submission id is unique: the job was submitted before (the earlier reply was lost).
      if (!(e instanceof HttpError && (e.status === 400 || e.status === 409) && /already exists/i.test(e.body))) throw e;
      say(`Ray job ${job.id} was already submitted: not submitting again`);
    }
    return this.registry.transition(job, 'submitted', `ray job ${job.id}`, { remote: { submissionId: job.id, package: pkg } });
  }

  async status(job: JobRecord): Promise<StatusReport> {
    const r = (await this.json(`/api/jobs/${job.id}`)) as { status?: string; message?: string; driver_exit_code?: number | null };
    const state = RAY_STATES[r.status ?? ''];
    if (!state) throw new WorkbenchError(`Ray answered an unknown job status ${JSON.stringify(r.status)}`);
    return { state, exitCode: typeof r.driver_exit_code === 'number' ? r.driver_exit_code : null, detail: `Ray ${r.status}${r.message ? `: ${r.message}` : ''}` };
  }

  logs(job: JobRecord, o: LogsOptions): Promise<number> {
    const read = async (offset: number) => Buffer.from(((await this.json(`/api/jobs/${job.id}/logs`)) as { logs?: string }).logs ?? '', 'utf8').subarray(offset);
    return followLog(read, async () => isTerminal((await this.status(job)).state), o);
  }

  async cancel(job: JobRecord): Promise<void> {
    await this.json(`/api/jobs/${job.id}/stop`, 'POST');
  }

  async fetch(): Promise<string[]> {
    throw new WorkbenchError('Ray Jobs has no endpoint to download a job\'s files', 'write the output folder to shared storage (a bucket or NFS) from the cluster');
  }
}
