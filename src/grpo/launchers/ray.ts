import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../../core/errors';
import { HttpError, httpRequest } from '../../core/http';
import { sha256 } from '../../core/hash';
import { withRetries } from '../../core/retry';
import { zip } from '../../core/zip';
import { verifyBundle } from '../bundle/build';
import type { JobRecord, JobRegistry, JobState } from '../jobs/registry';
import type { LaunchSpec } from '../spec/schema';
import { followLog, isTerminal, smokeEnv, type Launcher, type LogsOptions, type StatusReport } from './types';

/**
 * Ray Jobs over its REST API (the job server on the head node, port 8265; the facts relied on
 * are in test/fixtures/conformance/ray-jobs.json): the bundle goes up as a working-directory package (`GET`/`PUT /api/packages/gcs/_ray_pkg_<sha>.zip`, uploaded only
 * when the cluster lacks it), then `POST /api/jobs/` with the job id as submission_id (a second
 * submit of the same job is recognised, not run twice), `GET /api/jobs/{id}`, `GET
 * /api/jobs/{id}/logs`, `POST /api/jobs/{id}/stop`. Secrets are not sent: Ray shows a job's
 * runtime_env to anyone with dashboard access, so they must be set on the cluster.
 *
 * A real head answers a duplicate submission_id with HTTP 500 (its agent's 400 wrapped in a
 * traceback), indistinguishable from a transient failure; so the job is looked up first, the
 * POST is sent without retries, and after any failure the job is looked up again before
 * another try. The entrypoint asks for a whole node's GPUs (entrypoint_num_gpus), so run.sh is
 * placed on a GPU worker, not on the head; one entrypoint is one process on one node, so
 * multi-node specs are refused (SkyPilot or SSH run those).
 */
export const RAY_STATES: Readonly<Record<string, JobState>> = {
  PENDING: 'submitted',
  RUNNING: 'running',
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  STOPPED: 'cancelled',
};

export class RayLauncher implements Launcher {
  readonly kind = 'ray' as const;
  constructor(
    private readonly address: string,
    private readonly registry: JobRegistry,
    private readonly opts: { retries?: number; retryDelayMs?: number } = {},
  ) {}

  accepts(spec: LaunchSpec): void {
    if (spec.resources.nodes > 1)
      throw new WorkbenchError(
        `${spec.name} needs ${spec.resources.nodes} nodes, but a Ray job's entrypoint (run.sh) is one process on one node: the other nodes would never start`,
        'launch multi-node specs with --launcher skypilot (or ssh per node); Ray Jobs runs 1-node specs',
      );
  }

  private url(path: string): string {
    return `${this.address.replace(/\/+$/, '')}${path}`;
  }

  private json(path: string, method: 'GET' | 'POST' = 'GET', body?: unknown): Promise<unknown> {
    return httpRequest(this.url(path), {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
      retries: this.opts.retries ?? 5,
      timeoutMs: 60_000,
    }).then((r) => JSON.parse(r.text) as unknown);
  }

  async submit(job: JobRecord, say: (line: string) => void): Promise<JobRecord> {
    const manifest = verifyBundle(job.bundle.dir);
    const files = [...manifest.files.map((f) => f.path), 'manifest.json'];
    const pkg = `_ray_pkg_${sha256(JSON.stringify(manifest.files.map((f) => [f.path, f.sha256]))).slice(0, 16)}.zip`;
    const exists = await httpRequest(this.url(`/api/packages/gcs/${pkg}`), {
      retries: this.opts.retries ?? 5,
      retryable: (s) => s >= 500 || s === 429,
    }).then(
      () => true,
      (e: unknown) => {
        if (e instanceof HttpError && e.status === 404) return false;
        throw e;
      },
    );
    if (!exists) {
      const body = zip(files.map((name) => ({ name, data: readFileSync(join(job.bundle.dir, name)) })));
      say(`uploading the bundle as ${pkg} (${(body.length / 1e6).toFixed(1)} MB) to ${this.address}`);
      await httpRequest(this.url(`/api/packages/gcs/${pkg}`), {
        method: 'PUT',
        body,
        headers: { 'content-type': 'application/zip' },
        retries: this.opts.retries ?? 5,
        timeoutMs: 600_000,
      });
    } else say(`package ${pkg} is already on the cluster`);
    const entrypoint = job.smoke
      ? `${Object.entries(smokeEnv())
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')} bash run.sh`
      : 'bash run.sh';
    const spec = JSON.parse(readFileSync(join(job.bundle.dir, 'spec.json'), 'utf8')) as LaunchSpec;
    this.accepts(spec);
    // A smoke run needs no GPU; a real one takes a whole GPU node so it is not placed on the head.
    const resources = job.smoke ? {} : { entrypoint_num_gpus: spec.resources.gpus_per_node };
    const body = {
      entrypoint,
      submission_id: job.id,
      runtime_env: { working_dir: `gcs://${pkg}` },
      metadata: { workbench_bundle: manifest.id, workbench_job: job.id },
      ...resources,
    };
    // Ask first, every time: a real head answers a duplicate submission_id with a 500 (wrapping
    // the agent's 400), so a POST whose reply was lost must not simply be repeated.
    await withRetries(
      async () => {
        if (await this.exists(job.id)) return say(`Ray job ${job.id} is already on the cluster: not submitting again`);
        await httpRequest(this.url('/api/jobs/'), {
          method: 'POST',
          body: JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
          retries: 0,
          timeoutMs: 60_000,
        });
        say(`Ray job ${job.id} submitted: ${entrypoint}`);
      },
      {
        retries: this.opts.retries ?? 5,
        baseDelayMs: this.opts.retryDelayMs ?? 250,
        maxDelayMs: 5000,
        decide: (e) =>
          e instanceof HttpError && (e.status === null || e.status === 429 || e.status >= 500)
            ? { retry: true, reason: e.message }
            : { retry: false },
      },
    );
    return this.registry.transition(job, 'submitted', `ray job ${job.id}`, {
      remote: { submissionId: job.id, package: pkg },
    });
  }

  /** Whether the cluster knows the job (404: it does not). */
  private async exists(id: string): Promise<boolean> {
    try {
      await httpRequest(this.url(`/api/jobs/${id}`), { retries: this.opts.retries ?? 5, timeoutMs: 60_000 });
      return true;
    } catch (e) {
      if (e instanceof HttpError && e.status === 404) return false;
      throw e;
    }
  }

  async status(job: JobRecord): Promise<StatusReport> {
    const r = (await this.json(`/api/jobs/${job.id}`)) as {
      status?: string;
      message?: string;
      driver_exit_code?: number | null;
    };
    const state = RAY_STATES[r.status ?? ''];
    if (!state) throw new WorkbenchError(`Ray answered an unknown job status ${JSON.stringify(r.status)}`);
    return {
      state,
      exitCode: typeof r.driver_exit_code === 'number' ? r.driver_exit_code : null,
      detail: `Ray ${r.status}${r.message ? `: ${r.message}` : ''}`,
    };
  }

  logs(job: JobRecord, o: LogsOptions): Promise<number> {
    const read = async (offset: number) =>
      Buffer.from(((await this.json(`/api/jobs/${job.id}/logs`)) as { logs?: string }).logs ?? '', 'utf8').subarray(
        offset,
      );
    return followLog(read, async () => isTerminal((await this.status(job)).state), o);
  }

  async cancel(job: JobRecord): Promise<void> {
    await this.json(`/api/jobs/${job.id}/stop`, 'POST');
  }

  async fetch(): Promise<string[]> {
    throw new WorkbenchError(
      "Ray Jobs has no endpoint to download a job's files",
      'write the output folder to shared storage (a bucket or NFS) from the cluster',
    );
  }
}
