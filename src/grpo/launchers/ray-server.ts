import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { WorkbenchError } from '../../core/errors';
import { unzip } from '../../core/zip';
import { startServer, type RunningServer } from '../../serve';
import type { FaultSpec } from '../../serve';

/**
 * A local stand-in for a Ray cluster's job server (OFFLINE STAND-IN, no Ray): the Jobs REST
 * API and working-directory packages, with each job run as a local process in its unpacked
 * package — enough to run a bundle's smoke mode end to end through the real RayLauncher.
 * Statuses, submission-id uniqueness, placement by requested GPUs and error bodies follow
 * Ray's job server (test/fixtures/conformance/ray-jobs.json): errors are plain text, a missing
 * job is 404 "Job X does not exist", an unknown request field is 400, and a duplicate
 * submission_id is HTTP 500 whose body is the traceback of the agent's 400 (the head maps only
 * TypeError/ValueError to 400). A job asking for more GPUs than the stand-in has (`gpus`,
 * default 0) stays PENDING, as on a cluster without such a node.
 */
export const RAY_SUBMIT_FIELDS: readonly string[] = [
  'entrypoint',
  'submission_id',
  'job_id',
  'runtime_env',
  'metadata',
  'entrypoint_num_cpus',
  'entrypoint_num_gpus',
  'entrypoint_memory',
  'entrypoint_resources',
];
const duplicateReply = (id: string) =>
  `Traceback (most recent call last):\n  File "/ray/dashboard/modules/job/job_head.py", in submit_job\n    resp = await job_agent_client.submit_job_internal(submit_request)\nRuntimeError: Request failed with status code 400: Traceback (most recent call last):\nValueError: Job with submission_id ${id} already exists. Please use a different submission_id.\n.\n`;
interface StandInJob {
  submissionId: string;
  jobId: string;
  entrypoint: string;
  status: 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'STOPPED';
  message: string;
  logs: string;
  exitCode: number | null;
  start: number;
  end: number | null;
  metadata: Record<string, unknown>;
  runtimeEnv: Record<string, unknown>;
  child: ChildProcess | null;
}

export interface RayStandIn extends RunningServer {
  root: string;
}

/** Refuses a port something else listens on, with the CLI's error format (the shared server would throw an unhandled 'error'). */
async function assertPortFree(port: number | undefined): Promise<void> {
  if (!port) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new WorkbenchError(
              `port ${port} is already in use`,
              'stop what listens there or give another --port (0 picks a free one)',
            )
          : e,
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

export interface RayStandInOptions {
  port?: number;
  faults?: FaultSpec;
  /** GPUs the stand-in has: a job asking entrypoint_num_gpus beyond them stays PENDING. */
  gpus?: number;
  /** Answer this many accepted submissions with a 500 after creating the job (a reply lost on the way back). */
  loseSubmitReplies?: number;
}

export async function startRayServer(o: RayStandInOptions = {}): Promise<RayStandIn> {
  await assertPortFree(o.port);
  const root = mkdtempSync(join(tmpdir(), 'wb-ray-standin-'));
  const packages = new Map<string, Buffer>();
  const jobs = new Map<string, StandInJob>();
  let n = 0;
  let lostReplies = 0;
  const info = (j: StandInJob) => ({
    type: 'SUBMISSION',
    job_id: j.jobId,
    submission_id: j.submissionId,
    status: j.status,
    message: j.message,
    entrypoint: j.entrypoint,
    start_time: j.start,
    end_time: j.end,
    metadata: j.metadata,
    runtime_env: j.runtimeEnv,
    driver_exit_code: j.exitCode,
  });
  const headers = { 'x-workbench-stand-in': 'ray-jobs (offline, no Ray)' };
  const notFound = (id: string) => ({ status: 404, headers, text: `Job ${id} does not exist` });
  const server = await startServer({
    port: o.port,
    faults: o.faults,
    errorBody: (_s, message) => ({ detail: message }),
    routes: [
      {
        method: 'GET',
        path: '/api/version',
        handler: () => ({
          headers,
          json: { version: '3', ray_version: 'workbench offline stand-in', ray_commit: 'none' },
        }),
      },
      {
        method: 'GET',
        path: /^\/api\/packages\/gcs\/([^/]+)$/,
        handler: (r) =>
          packages.has(r.params[0] as string)
            ? { headers, text: '' }
            : { status: 404, headers, text: `Package gcs://${r.params[0] as string} does not exist` },
      },
      {
        method: 'PUT',
        path: /^\/api\/packages\/gcs\/([^/]+)$/,
        handler: (r) => {
          unzip(r.raw); // refuses a broken archive before it is stored
          packages.set(r.params[0] as string, r.raw);
          return { headers, json: true };
        },
      },
      { method: 'GET', path: '/api/jobs/', handler: () => ({ headers, json: [...jobs.values()].map(info) }) },
      {
        method: 'POST',
        path: '/api/jobs/',
        handler: (r) => {
          const b = JSON.parse(r.body || '{}') as {
            entrypoint?: unknown;
            submission_id?: unknown;
            runtime_env?: { working_dir?: unknown };
            metadata?: Record<string, unknown>;
            entrypoint_num_gpus?: unknown;
          };
          const unknown = Object.keys(b).filter((k) => !RAY_SUBMIT_FIELDS.includes(k));
          if (unknown.length)
            return {
              status: 400,
              headers,
              text: `TypeError: JobSubmitRequest.__init__() got an unexpected keyword argument '${unknown[0]}'`,
            };
          if (typeof b.entrypoint !== 'string' || !b.entrypoint)
            return {
              status: 400,
              headers,
              text: "TypeError: JobSubmitRequest.__init__() missing 1 required positional argument: 'entrypoint'",
            };
          const id = typeof b.submission_id === 'string' ? b.submission_id : `raysubmit_${++n}`;
          if (jobs.has(id)) return { status: 500, headers, text: duplicateReply(id) };
          const wd = typeof b.runtime_env?.working_dir === 'string' ? b.runtime_env.working_dir : null;
          const pkg = wd?.startsWith('gcs://') ? packages.get(wd.slice(6)) : undefined;
          if (wd && !pkg) return { status: 400, headers, text: `ValueError: working_dir ${wd} was not uploaded` };
          const dir = join(root, 'jobs', id);
          mkdirSync(dir, { recursive: true });
          for (const e of pkg ? unzip(pkg) : []) {
            const p = normalize(join(dir, e.name));
            if (!p.startsWith(dir))
              return { status: 400, headers, text: `ValueError: package entry ${e.name} leaves the working directory` };
            mkdirSync(dirname(p), { recursive: true });
            writeFileSync(p, e.data);
          }
          let lost = false;
          if ((o.loseSubmitReplies ?? 0) > lostReplies) {
            lostReplies++;
            lost = true;
          }
          const job: StandInJob = {
            submissionId: id,
            jobId: `raysubmit_${++n}`,
            entrypoint: b.entrypoint,
            status: 'RUNNING',
            message: 'Job is currently running.',
            logs: '',
            exitCode: null,
            start: Date.now(),
            end: null,
            metadata: b.metadata ?? {},
            runtimeEnv: b.runtime_env ?? {},
            child: null,
          };
          const gpus = typeof b.entrypoint_num_gpus === 'number' ? b.entrypoint_num_gpus : 0;
          if (gpus > (o.gpus ?? 0)) {
            job.status = 'PENDING';
            job.message =
              'Job has not started yet. It may be waiting for resources (CPUs, GPUs, memory, custom resources) to become available. It may be waiting for the runtime environment to be set up.';
            jobs.set(id, job);
            return lost
              ? { status: 500, headers, text: 'the reply was lost (stand-in fault)' }
              : { headers, json: { job_id: job.jobId, submission_id: id } };
          }
          const child = spawn('bash', ['-c', b.entrypoint], {
            cwd: dir,
            detached: true,
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          child.stdout?.on('data', (x: Buffer) => (job.logs += x.toString()));
          child.stderr?.on('data', (x: Buffer) => (job.logs += x.toString()));
          child.on('close', (code) => {
            job.end = Date.now();
            job.exitCode = code;
            job.child = null;
            if (job.status === 'STOPPED') return;
            job.status = code === 0 ? 'SUCCEEDED' : 'FAILED';
            job.message =
              code === 0 ? 'Job finished successfully.' : `Job entrypoint command failed with exit code ${code}`;
          });
          job.child = child;
          jobs.set(id, job);
          return lost
            ? { status: 500, headers, text: 'the reply was lost (stand-in fault)' }
            : { headers, json: { job_id: job.jobId, submission_id: id } };
        },
      },
      {
        method: 'GET',
        path: /^\/api\/jobs\/([^/]+)$/,
        handler: (r) =>
          jobs.has(r.params[0] as string)
            ? { headers, json: info(jobs.get(r.params[0] as string) as StandInJob) }
            : notFound(r.params[0] as string),
      },
      {
        method: 'GET',
        path: /^\/api\/jobs\/([^/]+)\/logs$/,
        handler: (r) =>
          jobs.has(r.params[0] as string)
            ? { headers, json: { logs: (jobs.get(r.params[0] as string) as StandInJob).logs } }
            : notFound(r.params[0] as string),
      },
      {
        method: 'POST',
        path: /^\/api\/jobs\/([^/]+)\/stop$/,
        handler: (r) => {
          const j = jobs.get(r.params[0] as string);
          if (!j) return notFound(r.params[0] as string);
          if (j.status === 'PENDING') {
            j.status = 'STOPPED';
            j.message = 'Job was intentionally stopped.';
            return { headers, json: { stopped: true } };
          }
          if (!j.child) return { headers, json: { stopped: false } };
          j.status = 'STOPPED';
          j.message = 'Job was intentionally stopped.';
          try {
            process.kill(-(j.child.pid as number), 'SIGTERM');
          } catch {
            // already gone
          }
          return { headers, json: { stopped: true } };
        },
      },
    ],
  });
  return {
    ...server,
    root,
    close: async () => {
      for (const j of jobs.values())
        if (j.child?.pid)
          try {
            process.kill(-j.child.pid, 'SIGKILL');
          } catch {
            /* gone */
          }
      await server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
