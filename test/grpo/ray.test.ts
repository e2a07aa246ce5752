import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobRegistry, launch, loadSpec, RayLauncher, startRayServer, writeBundle } from '../../src/grpo';
import { parseFaults } from '../../src/serve';
import { workbenchAsync } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';
import { makeDataset, writeSpec } from './helpers';

const tmp = useTmpDir();

describe('Ray Jobs launcher against the local Ray Jobs stand-in', () => {
  it('uploads the package once, submits once, follows logs and status through faults, and stops a job', async () => {
    const dir = tmp();
    const d = await makeDataset(dir);
    const spec = loadSpec(writeSpec(dir, { dataset: { path: d.dataset, traces: d.traces } }));
    const bundle = join(dir, 'bundle');
    writeBundle(spec, bundle);
    const server = await startRayServer({ faults: parseFaults('429=0.15,5xx=0.15,seed=4') });
    try {
      const registry = new JobRegistry(join(dir, 'jobs'));
      const launcher = new RayLauncher(server.url, registry, { retries: 8 });
      const said: string[] = [];
      const job = await launch(spec, { bundleDir: bundle, launcher, registry, target: { address: server.url }, smoke: true, say: (l) => said.push(l) });
      expect(said.join('\n')).toMatch(/uploading the bundle as _ray_pkg_[0-9a-f]{16}\.zip/);
      let text = '';
      await launcher.logs(job, { offset: 0, follow: true, pollMs: 100, onText: (t) => (text += t) });
      expect(text).toMatch(/smoke run finished/);
      expect(await launcher.status(job)).toMatchObject({ state: 'succeeded', exitCode: 0 });
      // The same submission again: the package is found and the submission id recognised.
      registry.transition(registry.get(job.id), 'submitted', 'pretend the reply was lost');
      const said2: string[] = [];
      await launch(spec, { bundleDir: bundle, launcher, registry, target: { address: server.url }, smoke: true, say: (l) => said2.push(l) });
      expect(said2.join('\n')).toMatch(/package _ray_pkg_[0-9a-f]{16}\.zip is already on the cluster/);
      expect(said2.join('\n')).toMatch(/was already submitted: not submitting again/);
      expect(server.stats.get(429) ?? 0).toBeGreaterThan(0);
      // Through the CLI: a second attempt, stopped while it runs.
      const env = { WORKBENCH_SMOKE_STEP_SECONDS: '1' };
      const jobsDir = ['--jobs-dir', join(dir, 'jobs')];
      const l = await workbenchAsync(['grpo', 'launch', '--spec', writeSpec(dir, { dataset: { path: d.dataset, traces: d.traces } }), '--bundle', bundle, '--launcher', 'ray', '--ray-address', server.url, '--smoke', '--attempt', '2', ...jobsDir], env);
      expect(l.code, l.stderr).toBe(0);
      const id = l.stdout.trim().split(' ')[0] as string;
      expect(id).toMatch(/-ray-smoke-a2$/);
      await new Promise((r) => setTimeout(r, 1500));
      expect((await workbenchAsync(['grpo', 'cancel', id, ...jobsDir])).code).toBe(0);
      const st = await workbenchAsync(['grpo', 'status', id, ...jobsDir]);
      expect(st.stdout, st.stderr).toMatch(/ cancelled \(exit 143\): Ray STOPPED: Job was intentionally stopped/);
    } finally {
      await server.close();
    }
  }, 180_000);
});
