import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMidgardServer, validateAction, type MidgardServer } from '../../src/midgard';
import { ROOT, workbenchAsync } from '../helpers/cli';
let server: MidgardServer;
let dir: string;
let store: string;
let features: string;

/** One store and features folder for the whole file: the local Midgard → sync → features. */
beforeAll(async () => {
  server = await startMidgardServer({ seed: 21, actions: 1500 });
  dir = mkdtempSync(join(tmpdir(), 'wb-maya-cli-'));
  store = join(dir, 'w.duckdb');
  features = join(dir, 'features');
  const sync = await workbenchAsync(['midgard', 'sync', '--base-url', server.url, '--store', store, '--rps', '500']);
  if (sync.code !== 0) throw new Error(sync.stderr);
  const feat = await workbenchAsync([
    'maya',
    'features',
    '--store',
    store,
    '--out',
    features,
    '--seq-len',
    '8',
    '--buckets',
    '64',
  ]);
  if (feat.code !== 0) throw new Error(feat.stderr);
}, 120_000);
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const train = (out: string, extra: string[] = []) =>
  workbenchAsync([
    'maya',
    'train',
    '--data',
    features,
    '--preset',
    'tiny',
    '--out',
    out,
    '--epochs',
    '3',
    '--seed',
    '4',
    '--backend',
    'wasm',
    ...extra,
  ]);

type Manifest = {
  preset: string;
  features: { dir: string | null; dataSha256: string };
  weights: { sha256: string };
  backend: { backend: string };
  timings: { resumedFromEpoch: number };
  metrics: { epochs: unknown[] };
};
const manifest = (model: string) => JSON.parse(readFileSync(join(model, 'manifest.json'), 'utf8')) as Manifest;

describe('workbench maya train / evaluate / simulate / predict-next', () => {
  it('trains, evaluates on the test block beside the baselines, simulates valid actions and predicts live', async () => {
    const model = join(dir, 'model');
    const t = await train(model, ['--json']);
    expect(t.code, t.stderr).toBe(0);
    const m = manifest(model);
    expect(m.features.dir).toBe(features);
    expect(m.backend.backend).toBe('wasm');
    expect(m.metrics.epochs.length).toBeGreaterThan(0);

    const report = join(dir, 'report');
    const ev = await workbenchAsync(['maya', 'evaluate', '--model', model, '--out', report, '--json']);
    expect(ev.code, ev.stderr).toBe(0);
    const e = JSON.parse(ev.stdout) as {
      block: string;
      targets: number;
      headline: Record<string, { typeAccuracy: number }>;
      boundaries: Record<string, { start: number; end: number }>;
    };
    expect(e.block).toBe('test');
    expect(Object.keys(e.headline).sort()).toEqual(['copy-last', 'majority', 'markov', 'model:tiny']);
    // The test block starts after the validation block, which starts after the train block.
    expect(e.boundaries.train!.end).toBeLessThanOrEqual(e.boundaries.validation!.start);
    expect(e.boundaries.validation!.end).toBeLessThanOrEqual(e.boundaries.test!.start);
    const metrics = JSON.parse(readFileSync(join(report, 'metrics.json'), 'utf8')) as {
      targets: number;
      boundaries: unknown;
    };
    expect(metrics.targets).toBe(e.targets);
    expect(readFileSync(join(report, 'index.html'), 'utf8')).toContain('held-out');

    const out = join(dir, 'sim.json');
    const sim = await workbenchAsync([
      'maya',
      'simulate',
      '--model',
      model,
      '--steps',
      '40',
      '--out',
      out,
      '--store',
      store,
      '--report',
      join(dir, 'sim-report'),
      '--seed',
      '3',
      '--json',
    ]);
    expect(sim.code, sim.stderr).toBe(0);
    // Every generated action carries the keys the trained-on feed carries for its type (key sets recorded with the model).
    expect(JSON.parse(sim.stdout)).toMatchObject({
      generated: 40,
      invalid: 0,
      keyParity: { complete: 40, source: 'model', gaps: [] },
    });
    const actions = JSON.parse(readFileSync(out, 'utf8')) as unknown[];
    expect(actions).toHaveLength(40);
    for (const a of actions) expect(validateAction(a).ok).toBe(true);
    expect(existsSync(join(dir, 'sim-report', 'index.html'))).toBe(true);

    const grower = setInterval(() => server.grow(7), 30);
    const live = await workbenchAsync([
      'maya',
      'predict-next',
      '--model',
      model,
      '--base-url',
      server.url,
      '--max',
      '25',
      '--poll-ms',
      '20',
      '--rps',
      '500',
      '--json',
    ]);
    clearInterval(grower);
    expect(live.code, live.stderr).toBe(0);
    const lines = live.stdout.trim().split('\n');
    const perPrediction = lines
      .filter((l) => l.startsWith('{"height"'))
      .map((l) => JSON.parse(l) as { scored: number; correct: boolean });
    expect(perPrediction.map((p) => p.scored)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  }, 240_000);

  it('refuses a store that is not the data the model was trained on', async () => {
    const model = join(dir, 'model');
    if (!existsSync(join(model, 'manifest.json'))) expect((await train(model)).code).toBe(0);
    const other = join(dir, 'other.duckdb');
    const s2 = await startMidgardServer({ seed: 22, actions: 300 });
    try {
      expect(
        (await workbenchAsync(['midgard', 'sync', '--base-url', s2.url, '--store', other, '--rps', '500'])).code,
      ).toBe(0);
    } finally {
      await s2.close();
    }
    const sim = await workbenchAsync([
      'maya',
      'simulate',
      '--model',
      model,
      '--steps',
      '5',
      '--out',
      join(dir, 'x.json'),
      '--store',
      other,
    ]);
    expect(sim.code).toBe(1);
    expect(sim.stderr).toContain("is not the data the model's features were built from");
  }, 120_000);

  it("resumes a training killed with SIGKILL after a checkpoint, ending with the uninterrupted run's weights", async () => {
    const whole = join(dir, 'whole');
    expect((await train(whole)).code).toBe(0);
    const killed = join(dir, 'killed');
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'bin', 'workbench.js'),
        'maya',
        'train',
        '--data',
        features,
        '--preset',
        'tiny',
        '--out',
        killed,
        '--epochs',
        '3',
        '--seed',
        '4',
        '--backend',
        'wasm',
      ],
      { cwd: ROOT, stdio: 'ignore' },
    );
    const first = join(killed, 'checkpoint', 'epoch-00001.ckpt');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    while (!existsSync(first) && child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    await exited;
    expect(existsSync(join(killed, 'manifest.json'))).toBe(false);
    const again = await train(killed);
    expect(again.code, again.stderr).toBe(0);
    expect(manifest(killed).timings.resumedFromEpoch).toBeGreaterThanOrEqual(1);
    expect(manifest(killed).weights.sha256).toBe(manifest(whole).weights.sha256);
  }, 240_000);
});
