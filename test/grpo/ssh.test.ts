import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRegistry, launch, loadSpec, SshLauncher, writeBundle, type SshTarget } from '../../src/grpo';
import { workbenchAsync } from '../helpers/cli';
import { startSshd, type Sshd } from '../helpers/sshd';
import { useTmpDir } from '../helpers/tmp';
import { makeDataset, writeSpec } from './helpers';

const tmp = useTmpDir();

describe('SSH launcher against a real OpenSSH server on localhost', () => {
  let sshd: Sshd;
  let base: string;
  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'wb-sshd-'));
    sshd = await startSshd(join(base, 'sshd'));
  });
  afterAll(() => {
    sshd?.stop();
    rmSync(base, { recursive: true, force: true });
  });

  const flags = (dir: string) => [
    '--launcher',
    'ssh',
    '--host',
    '127.0.0.1',
    '--port',
    String(sshd.port),
    '--user',
    sshd.user,
    '--identity',
    sshd.identity,
    '--known-hosts',
    sshd.knownHosts,
    '--remote-root',
    join(dir, 'remote'),
    '--jobs-dir',
    join(dir, 'jobs'),
  ];

  it('launches the smoke job, follows its log to the end, reports status and metrics, and does not run it twice', async () => {
    const dir = tmp();
    const d = await makeDataset(dir);
    // max_steps keeps the smoke run short: the test is about the launcher, not the number of steps.
    const spec = writeSpec(dir, {
      dataset: { path: d.dataset, traces: d.traces },
      training: { max_steps: 4 },
      checkpoints: { save_steps: 2 },
    });
    const env = { WORKBENCH_SMOKE_STEP_SECONDS: '0.1' };
    const l = await workbenchAsync(
      ['grpo', 'launch', '--spec', spec, '--bundle', join(dir, 'bundle'), '--smoke', ...flags(dir)],
      env,
    );
    expect(l.code, l.stderr).toBe(0);
    expect(l.stderr).toMatch(/uploading \d+ of \d+ files/);
    expect(l.stderr).toMatch(/started run.sh \(smoke mode\)/);
    const id = l.stdout.trim().split(' ')[0] as string;
    const logs = await workbenchAsync([
      'grpo',
      'logs',
      id,
      '--follow',
      '--poll-ms',
      '200',
      '--jobs-dir',
      join(dir, 'jobs'),
    ]);
    expect(logs.code, logs.stderr).toBe(0);
    expect(logs.stdout).toMatch(/^smoke run of llama33-70b-qlora-grpo/m);
    expect(logs.stdout).toMatch(/smoke run finished: \d+ steps/);
    const remoteLog = readFileSync(join(dir, 'remote', id, 'train.log'), 'utf8');
    expect(logs.stdout).toBe(remoteLog);
    const st = await workbenchAsync(['grpo', 'status', id, '--jobs-dir', join(dir, 'jobs')]);
    expect(st.stdout).toMatch(new RegExp(`^${id} succeeded \\(exit 0\\)`));
    const rep = await workbenchAsync([
      'grpo',
      'report',
      id,
      '--out',
      join(dir, 'report'),
      '--jobs-dir',
      join(dir, 'jobs'),
    ]);
    expect(rep.code, rep.stderr).toBe(0);
    const html = readFileSync(join(dir, 'report', 'index.html'), 'utf8');
    for (const t of ['Composite reward', 'Reward components', 'KL to the reference policy', 'Smoke run'])
      expect(html.includes(t), t).toBe(true);
    expect(existsSync(join(dir, 'jobs', id, 'outputs', 'metrics.jsonl'))).toBe(true);
    // The same launch again: the job is found and not rerun.
    const again = await workbenchAsync(
      ['grpo', 'launch', '--spec', spec, '--bundle', join(dir, 'bundle'), '--smoke', ...flags(dir)],
      env,
    );
    expect(again.stderr).toMatch(/already ran \(succeeded\)/);
    expect(readFileSync(join(dir, 'remote', id, 'train.log'), 'utf8')).toBe(remoteLog);
  }, 180_000);

  it('resumes an upload and a log follow across a lost connection, with nothing lost or repeated, and cancels', async () => {
    const dir = tmp();
    const d = await makeDataset(dir);
    const spec = loadSpec(
      writeSpec(dir, {
        dataset: { path: d.dataset, traces: d.traces },
        training: { per_device_train_batch_size: 2, gradient_accumulation_steps: 4 },
        checkpoints: { save_steps: 100 },
      }),
    );
    const bundle = join(dir, 'bundle');
    writeBundle(spec, bundle);
    const registry = new JobRegistry(join(dir, 'jobs'));
    const target: SshTarget = {
      host: '127.0.0.1',
      port: sshd.port,
      user: sshd.user,
      identityFile: sshd.identity,
      remoteRoot: join(dir, 'remote'),
      knownHostsFile: sshd.knownHosts,
    };
    // Driven by what happens, not by timers: the server is restarted after the launcher's first
    // refused connection, dropped at steps 1 and 3 of the log, and the job cancelled at step 5.
    let onRefused: (() => void) | null = null;
    let retries = 0;
    const launcher = new SshLauncher(target, registry, {
      retryDelayMs: 50,
      env: { ...process.env, WORKBENCH_SMOKE_STEP_SECONDS: '0.15' },
      onRetry: () => {
        retries++;
        const restart = onRefused;
        onRefused = null;
        restart?.();
      },
    });
    const restartOnRefusal = () => {
      sshd.stop();
      onRefused = () => void sshd.start();
    };
    // The server is down when the launch starts: the launcher retries until it is back.
    restartOnRefusal();
    const said: string[] = [];
    const job = await launch(spec, {
      bundleDir: bundle,
      launcher,
      registry,
      target: { ...target },
      smoke: true,
      say: (l) => said.push(l),
    });
    expect(job.state).toBe('running');
    expect(retries).toBeGreaterThan(0);
    expect(said.join('\n')).toMatch(/started run.sh/);
    // Follow the log; drop the server twice while following.
    let text = '';
    const drops: string[] = [];
    let cancelled: Promise<void> | null = null;
    const following = launcher.logs(job, {
      offset: 0,
      follow: true,
      pollMs: 100,
      onText: (t) => {
        text += t;
        for (const step of ['1', '3'])
          if (!drops.includes(step) && new RegExp(`^step ${step}/`, 'm').test(text)) {
            drops.push(step);
            restartOnRefusal();
          }
        if (!cancelled && drops.length === 2 && /^step 5\//m.test(text)) cancelled = launcher.cancel(job);
      },
    });
    await following;
    await cancelled;
    expect(text).toBe(readFileSync(join(dir, 'remote', job.id, 'train.log'), 'utf8'));
    expect(text.match(/^step (\d+)\//gm)?.length).toBe(new Set(text.match(/^step (\d+)\//gm)).size);
    expect(text).toMatch(/stopped by SIGTERM after step \d+/);
    expect((await launcher.status(job)).state).toBe('cancelled');
  }, 180_000);
});
