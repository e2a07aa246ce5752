import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnMidgardServe, startMidgardServer, validateAction, type MidgardServer } from '../../src/midgard';
import { parseFaults } from '../../src/serve';
import { workbench, workbenchAsync } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();
let server: MidgardServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('workbench midgard / maya commands', () => {
  it('sim writes valid, ascending, reproducible Midgard actions', () => {
    const dir = tmp();
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.jsonl');
    expect(workbench(['midgard', 'sim', '--seed', '3', '--actions', '300', '--out', a]).code).toBe(0);
    expect(workbench(['midgard', 'sim', '--seed', '3', '--actions', '300', '--out', b]).code).toBe(0);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    const lines = readFileSync(a, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(lines).toHaveLength(300);
    let prev = -1;
    for (const l of lines) {
      const v = validateAction(l);
      expect(v.ok).toBe(true);
      if (v.ok) {
        expect(Number(v.action.height)).toBeGreaterThanOrEqual(prev);
        prev = Number(v.action.height);
      }
    }
  });

  it('serve answers like Midgard until stopped', async () => {
    const { url, child } = await spawnMidgardServe(['--actions', '200']);
    try {
      const page = (await (await fetch(`${url}/v2/actions?limit=5`)).json()) as {
        actions: unknown[];
        meta: { nextPageToken: string };
      };
      expect(page.actions).toHaveLength(5);
      expect(page.meta.nextPageToken).toMatch(/^\d+$/);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('sync, export, quarantine and maya features work end to end from the CLI', async () => {
    server = await startMidgardServer({ seed: 9, actions: 900 }, parseFaults('malformed=0.02,seed=5'));
    const dir = tmp();
    const store = join(dir, 'w.duckdb');
    const sync = await workbenchAsync([
      'midgard',
      'sync',
      '--base-url',
      server.url,
      '--store',
      store,
      '--rps',
      '200',
      '--pools',
      '--depths',
      'hour',
      '--json',
    ]);
    expect(sync.code, sync.stderr).toBe(0);
    const summary = JSON.parse(sync.stdout) as {
      inserted: number;
      quarantined: number;
      totals: { actions: number };
      pools: { pools: number };
    };
    expect(summary.inserted + summary.quarantined).toBe(900);
    expect(summary.quarantined).toBe(server.history.malformed.size);
    expect(summary.pools.pools).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'w-raw'))).toBe(true);

    const out = join(dir, 'actions.jsonl');
    const exp = await workbenchAsync(['midgard', 'export', '--store', store, '--out', out]);
    expect(exp.code, exp.stderr).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(summary.totals.actions);

    const q = await workbenchAsync(['midgard', 'quarantine', '--store', store]);
    const qLines = q.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { reason: string; raw: unknown });
    expect(qLines).toHaveLength(server.history.malformed.size);
    for (const l of qLines) expect(l.reason).toMatch(/^[\w.]+: /);

    const feat = await workbenchAsync([
      'maya',
      'features',
      '--store',
      store,
      '--out',
      join(dir, 'features'),
      '--seq-len',
      '10',
      '--json',
    ]);
    expect(feat.code, feat.stderr).toBe(0);
    const f = JSON.parse(feat.stdout) as { actions: number; windows: Record<string, number> };
    expect(f.actions).toBe(summary.totals.actions);
    expect(f.windows.train).toBeGreaterThan(0);
    for (const file of ['spec.json', 'actions_cat.npy', 'actions_num.npy', 'train_windows.npy', 'test_windows.npy'])
      expect(existsSync(join(dir, 'features', file)), file).toBe(true);
  });

  it('names bad arguments', () => {
    const r = workbench(['midgard', 'sync', '--base-url', 'ftp://x', '--store', join(tmp(), 's.duckdb')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('expected an http(s) URL, got "ftp://x"');
    const f = workbench(['midgard', 'serve', '--faults', 'boom=1']);
    expect(f.code).toBe(1);
    expect(f.stderr).toContain('error: unknown fault "boom"');
  });

  // Each bad input: one `error:` line and one `fix:` line, a non-zero exit, no stack trace, nothing created.
  const clear = (r: { code: number; stderr: string }, error: string) => {
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^error: /m);
    expect(r.stderr).toContain(error);
    expect(r.stderr).toMatch(/^fix: /m);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  };

  it('refuses a missing store instead of creating an empty one', () => {
    const dir = tmp();
    const missing = join(dir, 'missing.duckdb');
    clear(
      workbench(['midgard', 'export', '--store', missing, '--out', join(dir, 'a.jsonl')]),
      `store ${missing} does not exist`,
    );
    clear(workbench(['midgard', 'quarantine', '--store', missing]), `store ${missing} does not exist`);
    clear(
      workbench(['maya', 'features', '--store', missing, '--out', join(dir, 'f')]),
      `store ${missing} does not exist`,
    );
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(dir, 'a.jsonl'))).toBe(false);
  });

  it('refuses an export format it cannot write, a bad preset, and a busy port', async () => {
    const dir = tmp();
    clear(
      workbench(['midgard', 'export', '--store', join(dir, 'x.duckdb'), '--out', join(dir, 'a.csv')]),
      '".csv" is neither .jsonl nor .parquet',
    );
    clear(
      workbench(['maya', 'train', '--data', dir, '--preset', 'huge', '--out', join(dir, 'm')]),
      "argument 'huge' is invalid",
    );
    const busy = await startMidgardServer({ seed: 1, actions: 10 });
    try {
      clear(
        await workbenchAsync(['midgard', 'serve', '--port', String(busy.port), '--actions', '10']),
        `port ${busy.port} on 127.0.0.1 is already in use`,
      );
    } finally {
      await busy.close();
    }
  });

  it('sim creates the output folder and writes the file whole', () => {
    const out = join(tmp(), 'deep', 'er', 'a.jsonl');
    expect(workbench(['midgard', 'sim', '--actions', '5', '--out', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(5);
  });
});
