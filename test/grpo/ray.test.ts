import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { httpRequest } from '../../src/core';
import { JobRegistry, launch, loadSpec, RayLauncher, startRayServer, writeBundle } from '../../src/grpo';
import { parseFaults } from '../../src/serve';
import { workbenchAsync } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';
import { makeDataset, writeSpec } from './helpers';

const tmp = useTmpDir();

/** A dataset, the QLoRA example spec over it (no traces) and its bundle, in `dir`. */
async function bundledSpec(dir: string) {
  const d = await makeDataset(dir);
  const spec = loadSpec(writeSpec(dir, { dataset: { path: d.dataset, traces: null } }));
  const bundle = join(dir, 'bundle');
  writeBundle(spec, bundle);
  return { d, spec, bundle };
}

/** Polls `check` every 50 ms until it holds (the test's own timeout bounds the wait). */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 50));
}

describe('Ray Jobs launcher against the local Ray Jobs stand-in', () => {
  it('uploads the package once, submits once, follows logs and status through faults, and stops a running job', async () => {
    const dir = tmp();
    const d = await makeDataset(dir);
    // A short smoke run to follow to its end; the CLI part below runs the full one, to stop it midway.
    const specPath = writeSpec(dir, { dataset: { path: d.dataset, traces: d.traces } });
    const spec = loadSpec(
      writeSpec(dir, { dataset: { path: d.dataset, traces: d.traces }, training: { max_steps: 4 } }),
    );
    const bundle = join(dir, 'bundle');
    writeBundle(spec, bundle);
    const server = await startRayServer({ faults: parseFaults('429=0.15,5xx=0.15,seed=4') });
    try {
      const registry = new JobRegistry(join(dir, 'jobs'));
      const launcher = new RayLauncher(server.url, registry, { retries: 8, retryDelayMs: 20 });
      const said: string[] = [];
      const job = await launch(spec, {
        bundleDir: bundle,
        launcher,
        registry,
        target: { address: server.url },
        smoke: true,
        say: (l) => said.push(l),
      });
      expect(said.join('\n')).toMatch(/uploading the bundle as _ray_pkg_[0-9a-f]{16}\.zip/);
      let text = '';
      await launcher.logs(job, { offset: 0, follow: true, pollMs: 100, onText: (t) => (text += t) });
      expect(text).toMatch(/smoke run finished/);
      expect(await launcher.status(job)).toMatchObject({ state: 'succeeded', exitCode: 0 });
      // The same submission again: the package is found, and the job is asked for before any POST.
      registry.transition(registry.get(job.id), 'submitted', 'pretend the reply was lost');
      const said2: string[] = [];
      await launch(spec, {
        bundleDir: bundle,
        launcher,
        registry,
        target: { address: server.url },
        smoke: true,
        say: (l) => said2.push(l),
      });
      expect(said2.join('\n')).toMatch(/package _ray_pkg_[0-9a-f]{16}\.zip is already on the cluster/);
      expect(said2.join('\n')).toMatch(/is already on the cluster: not submitting again/);
      expect(server.stats.get(429) ?? 0).toBeGreaterThan(0);
      // Through the CLI: a second attempt, stopped once it is seen running.
      const jobsDir = ['--jobs-dir', join(dir, 'jobs')];
      const l = await workbenchAsync(
        [
          'grpo',
          'launch',
          '--spec',
          specPath,
          '--bundle',
          join(dir, 'bundle-full'),
          '--launcher',
          'ray',
          '--ray-address',
          server.url,
          '--smoke',
          '--attempt',
          '2',
          ...jobsDir,
        ],
        { WORKBENCH_SMOKE_STEP_SECONDS: '1' },
      );
      expect(l.code, l.stderr).toBe(0);
      const id = l.stdout.trim().split(' ')[0] as string;
      expect(id).toMatch(/-ray-smoke-a2$/);
      const second = registry.get(id);
      const logsOf = async () =>
        (JSON.parse((await httpRequest(`${server.url}/api/jobs/${id}/logs`, { retries: 8 })).text) as { logs: string })
          .logs;
      await until(async () => /^step 1\//m.test(await logsOf()) && (await launcher.status(second)).state === 'running');
      expect((await workbenchAsync(['grpo', 'cancel', id, ...jobsDir])).code).toBe(0);
      await until(async () => (await launcher.status(second)).exitCode !== null);
      const st = await workbenchAsync(['grpo', 'status', id, ...jobsDir]);
      expect(st.stdout, st.stderr).toMatch(/ cancelled \(exit 143\): Ray STOPPED: Job was intentionally stopped/);
    } finally {
      await server.close();
    }
  }, 180_000);

  it('fault 6: answers a duplicate submission_id as a real head does (500), and the client recognises its job after a lost reply', async () => {
    const dir = tmp();
    const { spec, bundle } = await bundledSpec(dir);
    const server = await startRayServer({ loseSubmitReplies: 1 });
    try {
      const registry = new JobRegistry(join(dir, 'jobs'));
      const launcher = new RayLauncher(server.url, registry, { retries: 2, retryDelayMs: 20 });
      const said: string[] = [];
      // The head creates the job but its reply is lost (500): the client asks for the job and finds it.
      const job = await launch(spec, {
        bundleDir: bundle,
        launcher,
        registry,
        target: { address: server.url },
        smoke: true,
        say: (l) => said.push(l),
      });
      expect(job.state).toBe('submitted');
      expect(said.join('\n')).toMatch(/is already on the cluster: not submitting again/);
      // A duplicate POST: HTTP 500 with the agent's 400 in a plain-text traceback (ray-jobs.json).
      const dup = await fetch(`${server.url}/api/jobs/`, {
        method: 'POST',
        body: JSON.stringify({ entrypoint: 'true', submission_id: job.id }),
      });
      expect(dup.status).toBe(500);
      expect(await dup.text()).toMatch(
        /Request failed with status code 400: .*\nValueError: Job with submission_id .* already exists/s,
      );
      const unknown = await fetch(`${server.url}/api/jobs/`, {
        method: 'POST',
        body: JSON.stringify({ entrypoint: 'true', entrypoint_gpus: 8 }),
      });
      expect(unknown.status).toBe(400);
      const missing = await fetch(`${server.url}/api/jobs/nope`);
      expect([missing.status, await missing.text()]).toEqual([404, 'Job nope does not exist']);
    } finally {
      await server.close();
    }
  }, 180_000);

  it('places a real run on a GPU node (entrypoint_num_gpus), refuses multi-node specs, and records a failed launch as failed (fault 7)', async () => {
    const dir = tmp();
    const { d, spec, bundle } = await bundledSpec(dir);
    const server = await startRayServer({ gpus: 0 });
    try {
      const registry = new JobRegistry(join(dir, 'jobs'));
      const launcher = new RayLauncher(server.url, registry, { retries: 1, retryDelayMs: 20 });
      const job = await launch(spec, {
        bundleDir: bundle,
        launcher,
        registry,
        target: { address: server.url },
        smoke: false,
      });
      const info = JSON.parse((await httpRequest(`${server.url}/api/jobs/${job.id}`)).text) as {
        status: string;
        message: string;
        runtime_env: unknown;
      };
      // A cluster without a 1-GPU node keeps it pending instead of running it on the head.
      expect(info.status).toBe('PENDING');
      expect(info.message).toMatch(/waiting for resources/);
      expect((await workbenchAsync(['grpo', 'cancel', job.id, '--jobs-dir', join(dir, 'jobs')])).code).toBe(0);
      // Multi-node: refused before anything is written or recorded.
      const multi = writeSpec(dir, { dataset: { path: d.dataset, traces: null } }, 'llama-3.3-70b-lora-zero3.yaml');
      const m = await workbenchAsync([
        'grpo',
        'launch',
        '--spec',
        multi,
        '--bundle',
        join(dir, 'multi'),
        '--launcher',
        'ray',
        '--ray-address',
        server.url,
        '--jobs-dir',
        join(dir, 'jobs2'),
      ]);
      expect(m.code).toBe(1);
      expect(m.stderr).toMatch(
        /^error: llama33-70b-lora-zero3-grpo needs 2 nodes, but a Ray job's entrypoint \(run\.sh\) is one process on one node/m,
      );
      expect(m.stderr).toMatch(/^fix: launch multi-node specs with --launcher skypilot/m);
      expect(m.stderr).not.toMatch(/at .*\.ts:\d+/);
    } finally {
      await server.close();
    }
    // The cluster is gone: the launch fails, and the job is recorded as failed with the reason, not "uploading".
    const registry = new JobRegistry(join(dir, 'jobs3'));
    const gone = new RayLauncher(server.url, registry, { retries: 0 });
    await expect(
      launch(spec, { bundleDir: bundle, launcher: gone, registry, target: { address: server.url }, smoke: true }),
    ).rejects.toThrow(/failed after 1 attempts/);
    const [rec] = registry.list();
    expect(rec?.state).toBe('failed');
    expect(rec?.history.at(-1)?.note).toMatch(/^launch failed: GET .* failed after 1 attempts/);
  }, 180_000);
});
