import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/core';
import { parseQueue } from '../../src/grpo';
import { ROOT, workbenchAsync } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';
import { makeDataset, writeSpec } from './helpers';

const tmp = useTmpDir();

function skyOnPath(dir: string): NodeJS.ProcessEnv {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const stand = join(ROOT, 'test', 'helpers', 'sky-standin.js');
  chmodSync(stand, 0o755);
  if (!existsSync(join(bin, 'sky'))) symlinkSync(stand, join(bin, 'sky'));
  return { PATH: `${bin}:${process.env.PATH ?? ''}`, SKY_STANDIN_DIR: join(dir, 'sky-state') };
}

describe('SkyPilot launcher against a stand-in sky on PATH', () => {
  it('runs sky jobs launch | queue | logs | cancel with the right arguments, secrets by name only', async () => {
    const dir = tmp();
    const d = await makeDataset(dir);
    const spec = writeSpec(dir, { dataset: { path: d.dataset, traces: d.traces }, training: { max_steps: 4 } });
    const env = { ...skyOnPath(dir), HF_TOKEN: 'hf_NEVER_ON_A_COMMAND_LINE', WORKBENCH_SMOKE_STEP_SECONDS: '0.05' };
    const jobs = ['--jobs-dir', join(dir, 'jobs')];
    const l = await workbenchAsync(
      ['grpo', 'launch', '--spec', spec, '--bundle', join(dir, 'bundle'), '--launcher', 'skypilot', '--smoke', ...jobs],
      env,
    );
    expect(l.code, l.stderr).toBe(0);
    expect(l.stderr).toMatch(
      /\$ sky jobs launch -n llama33-70b-qlora-grpo-[0-9a-f]{8}-skypilot-smoke sky.yaml --yes --detach-run --env WORKBENCH_SMOKE=1 --env WORKBENCH_SMOKE_STEP_SECONDS=0.05/,
    );
    expect(l.stderr).toMatch(/SkyPilot managed job 1 launched/);
    const id = l.stdout.trim().split(' ')[0] as string;
    const logs = await workbenchAsync(['grpo', 'logs', id, '--follow', '--poll-ms', '200', ...jobs], env);
    expect(logs.stdout).toMatch(/smoke run finished/);
    const st = await workbenchAsync(['grpo', 'status', id, ...jobs], env);
    expect(st.stdout).toMatch(/succeeded: SkyPilot job 1: SUCCEEDED/);
    // A real (not smoke) launch passes the secret by name; its value is on no command line.
    const real = await workbenchAsync(
      ['grpo', 'launch', '--spec', spec, '--bundle', join(dir, 'bundle'), '--launcher', 'skypilot', ...jobs],
      env,
    );
    expect(real.code, real.stderr).toBe(0);
    const realId = real.stdout.trim().split(' ')[0] as string;
    const c = await workbenchAsync(['grpo', 'cancel', realId, ...jobs], env);
    expect(c.code, c.stderr).toBe(0);
    expect((await workbenchAsync(['grpo', 'status', realId, ...jobs], env)).stdout).toMatch(/cancelled/);
    const calls = readFileSync(join(dir, 'sky-state', 'calls.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((x) => JSON.parse(x) as { args: string[]; cwd: string });
    const launches = calls.filter((x) => x.args[1] === 'launch');
    expect(launches).toHaveLength(2);
    expect(launches[1]?.args).toEqual(expect.arrayContaining(['--secret', 'HF_TOKEN']));
    expect(launches.every((x) => x.cwd === join(dir, 'bundle'))).toBe(true);
    expect(JSON.stringify(calls)).not.toContain('hf_NEVER_ON_A_COMMAND_LINE');
    expect(calls.map((x) => x.args.slice(0, 2).join(' '))).toEqual(
      expect.arrayContaining(['jobs queue', 'jobs logs', 'jobs cancel']),
    );
    // Launching the cancelled-but-recorded job again finds it instead of a second launch.
    await workbenchAsync(
      ['grpo', 'launch', '--spec', spec, '--bundle', join(dir, 'bundle'), '--launcher', 'skypilot', '--smoke', ...jobs],
      env,
    );
    expect(
      readFileSync(join(dir, 'sky-state', 'calls.jsonl'), 'utf8')
        .split('\n')
        .filter((x) => x.includes('"launch"')),
    ).toHaveLength(2);
  }, 180_000);

  it("the stand-in refuses task keys SkyPilot's schema does not have, as the real CLI does", async () => {
    const dir = tmp();
    const env = skyOnPath(dir);
    const task = join(dir, 'task');
    mkdirSync(task);
    writeFileSync(
      join(task, 'sky.yaml'),
      'name: t\nnum_nodes: 1\nresources: {accelerators: "H100:8", gpu_count: 8}\nworkdir: .\nsetup: "true"\nrun: "true"\n',
    );
    const r = await runCommand('sky', ['jobs', 'launch', '-n', 't', 'sky.yaml', '--yes', '--detach-run'], {
      cwd: task,
      env: { ...process.env, ...env },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Additional properties are not allowed \('gpu_count' was unexpected\)/);
  });

  it('reads the queue table by its header', () => {
    const rows = parseQueue(
      'Managed jobs\nIn progress tasks: 1 RUNNING\nID  TASK  NAME      REQUESTED   SUBMITTED   TOT. DURATION  JOB DURATION  #RECOVERIES  STATUS\n3   -     my-job-a  1x[H100:8]  2 mins ago  2m 3s          1m 2s         0            RUNNING\n2   -     my-job-b  1x[H100:8]  1 hr ago    10m            9m            1            FAILED_SETUP\n',
    );
    expect(rows).toEqual([
      { id: 3, name: 'my-job-a', status: 'RUNNING' },
      { id: 2, name: 'my-job-b', status: 'FAILED_SETUP' },
    ]);
  });
});
