import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeNotebook } from '../../src/notebook';
import { workbench } from '../helpers/cli';
import { makeNotebook } from '../helpers/notebooks';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();

function smallNotebook(dir: string, withOutputs = false): string {
  const nb = makeNotebook([{ code: 'let rows = 10;', tags: ['parameters'] }, { code: 'console.log(rows);' }]);
  if (withOutputs) {
    const c = nb.cells[1] as (typeof nb.cells)[number];
    c.outputs = [{ output_type: 'stream', name: 'stdout', text: '10\n' }];
    c.execution_count = 1;
  }
  const path = join(dir, 'small.ipynb');
  writeFileSync(path, serializeNotebook(nb));
  return path;
}

/**
 * One clear message: a single "error:" line and, unless the error carries the notebook's own
 * stderr (which may hold the cell's stack), no stack trace of the workbench.
 */
function expectOneError(stderr: string, text: string | RegExp, opts: { cellStderr?: boolean } = {}) {
  const errorLines = stderr.split('\n').filter((l) => l.startsWith('error:'));
  expect(errorLines).toHaveLength(1);
  expect(errorLines[0]).toMatch(text);
  if (!opts.cellStderr) expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toMatch(/src\/(cli|notebook|core)\/[\w-]+\.ts:\d+/);
}

describe('workbench CLI', () => {
  it('--help lists every command with a one-line description', () => {
    const r = workbench(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of [
      'doctor',
      'notebook run <notebook>',
      'notebook strip [paths]',
      'report index',
      'demo',
      'bench',
    ]) {
      expect(r.stdout).toMatch(new RegExp(`\\n  ${cmd.replace(/[[\]]/g, '\\$&')}\\s+\\S.+`));
    }
  });

  it('rejects a notebook path that does not exist', () => {
    const r = workbench(['notebook', 'run', 'notebooks/nope.ipynb']);
    expect(r.code).toBe(1);
    expectOneError(r.stderr, 'error: notebook notebooks/nope.ipynb does not exist');
  });

  it('rejects an unknown --param and a mistyped one before running anything, leaving no report', () => {
    const dir = tmp();
    const nb = smallNotebook(dir);
    const out = join(dir, 'out');
    const unknown = workbench(['notebook', 'run', nb, '--param', 'row=5', '--out', out]);
    expect(unknown.code).toBe(1);
    expectOneError(unknown.stderr, /unknown parameter "row" .* known parameters: rows/);
    const typed = workbench(['notebook', 'run', nb, '-p', 'rows=ten', '--out', out]);
    expect(typed.code).toBe(1);
    expectOneError(typed.stderr, 'error: parameter rows expects a number (default 10), got "ten"');
    expect(existsSync(out)).toBe(false);
  });

  it('says how to fix a missing kernel, and doctor fails on it', () => {
    const dir = tmp();
    const nb = smallNotebook(dir);
    const env = { WORKBENCH_JUPYTER_DIR: join(dir, 'no-jupyter') };
    const r = workbench(['notebook', 'run', nb, '--out', join(dir, 'out')], env);
    expect(r.code).toBe(1);
    expectOneError(r.stderr, /the tslab kernel is not registered/);
    expect(r.stderr).toContain('fix: run `bash scripts/bootstrap.sh`');
    expect(existsSync(join(dir, 'out'))).toBe(false);

    const doctor = workbench(['doctor', '--json'], env);
    expect(doctor.code).toBe(1);
    const checks = JSON.parse(doctor.stdout) as { name: string; ok: boolean; fix?: string }[];
    expect(checks.find((c) => c.name === 'tslab kernel')).toMatchObject({ ok: false });
    expect(checks.find((c) => c.name === 'node')).toMatchObject({ ok: true });
  });

  it('doctor passes on a bootstrapped checkout and names the tfjs backend', () => {
    const r = workbench(['doctor', '--json']);
    expect(r.code).toBe(0);
    const checks = JSON.parse(r.stdout) as { name: string; ok: boolean; detail: string }[];
    expect(checks.find((c) => c.name === 'tfjs backend')?.detail).toMatch(/^(wasm|cpu|tensorflow) /);
  });

  it('a failing cell exits non-zero with the cell source and its stderr', () => {
    const dir = tmp();
    const path = join(dir, 'fail.ipynb');
    writeFileSync(
      path,
      serializeNotebook(makeNotebook([{ code: "console.error('stderr-marker');\nthrow new Error('cli-boom');" }])),
    );
    const r = workbench(['notebook', 'run', path, '--out', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expectOneError(r.stderr, `error: notebook ${path} failed in cell 1`, { cellStderr: true });
    expect(r.stderr).toContain("--- cell source ---\nconsole.error('stderr-marker');");
    expect(r.stderr).toMatch(/--- cell stderr ---\nstderr-marker\n[\s\S]*cli-boom/);
  });

  it('notebook strip --check fails on a notebook with outputs', () => {
    const dir = tmp();
    smallNotebook(dir, true);
    const r = workbench(['notebook', 'strip', '--check', dir]);
    expect(r.code).toBe(1);
    expectOneError(r.stderr, /notebooks committed with outputs: .*small\.ipynb/);
  });

  it('bench --json prints one JSON document', () => {
    const r = workbench(['bench', '--json', '--only', 'report']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { results: { report: { renderMs: number; htmlBytes: number } } };
    expect(doc.results.report.renderMs).toBeGreaterThan(0);
    expect(doc.results.report.htmlBytes).toBeGreaterThan(1_000_000);
  });
});
