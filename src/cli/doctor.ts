import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadTfjs, repoPath, runQuiet, which } from '../core';
import { assertKernelReady, jupyterDir } from '../notebook';
import { printJson } from './output';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
  /** Optional checks (the browser for tests) warn instead of failing. */
  optional?: boolean;
}

const BOOTSTRAP = 'bash scripts/bootstrap.sh';

function nodeCheck(): Check {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const ok = major > 20 || (major === 20 && minor >= 19);
  return { name: 'node', ok, detail: `v${process.versions.node}`, fix: ok ? undefined : 'install Node >= 20.19' };
}

function depsCheck(): Check {
  const ok = existsSync(repoPath('node_modules', '.package-lock.json'));
  return { name: 'node_modules', ok, detail: ok ? 'installed' : 'missing', fix: ok ? undefined : 'npm ci' };
}

function jupyterCheck(): Check {
  const r = runQuiet('jupyter-nbconvert', ['--version']);
  const py = runQuiet('/usr/bin/python3', [
    '-c',
    'import ipykernel, jupyter_client; print(jupyter_client.__version__)',
  ]);
  const ok = r.code === 0 && py.code === 0;
  return {
    name: 'jupyter',
    ok,
    detail: ok
      ? `nbconvert ${r.stdout.trim()}, jupyter_client ${py.stdout.trim()}`
      : 'jupyter-nbconvert / ipykernel / jupyter-client missing',
    fix: ok ? undefined : `${BOOTSTRAP} (as root: apt-get install jupyter-nbconvert python3-ipykernel jupyter-client)`,
  };
}

function kernelCheck(): Check {
  try {
    assertKernelReady();
    return { name: 'tslab kernel', ok: true, detail: `registered in ${jupyterDir()}` };
  } catch (e) {
    const err = e as Error & { hint?: string };
    return { name: 'tslab kernel', ok: false, detail: err.message, fix: err.hint };
  }
}

async function tfjsCheck(): Promise<Check> {
  try {
    const { info } = await loadTfjs();
    const skipped = info.skipped.length ? `; skipped ${info.skipped.join('; ')}` : '';
    return { name: 'tfjs backend', ok: true, detail: `${info.backend} (${info.package} ${info.version})${skipped}` };
  } catch (e) {
    return { name: 'tfjs backend', ok: false, detail: e instanceof Error ? e.message : String(e), fix: 'npm ci' };
  }
}

function folderChecks(): Check[] {
  return ['data', 'models', 'reports'].map((d) => {
    const p = repoPath(d);
    try {
      mkdirSync(p, { recursive: true });
      accessSync(p, constants.W_OK);
      return { name: `${d}/`, ok: true, detail: 'writable' };
    } catch (e) {
      return {
        name: `${d}/`,
        ok: false,
        detail: e instanceof Error ? e.message : String(e),
        fix: `make ${p} writable by this user`,
      };
    }
  });
}

function chromiumCheck(): Check {
  const bin = which('chromium');
  const version = bin ? runQuiet(bin, ['--version']).stdout.trim() : '';
  return {
    name: 'chromium (tests only)',
    ok: Boolean(bin),
    optional: true,
    detail: bin ? version || bin : 'not installed',
    fix: bin ? undefined : 'bash scripts/bootstrap.sh --test (apt-get install chromium)',
  };
}

export async function runDoctor(): Promise<Check[]> {
  const checks = [
    nodeCheck(),
    depsCheck(),
    jupyterCheck(),
    kernelCheck(),
    await tfjsCheck(),
    ...folderChecks(),
    chromiumCheck(),
  ];
  const lock = repoPath('package-lock.json');
  if (!existsSync(lock) || !readFileSync(lock, 'utf8').includes('"lockfileVersion"')) {
    checks.push({ name: 'package-lock.json', ok: false, detail: 'missing or unreadable', fix: 'restore it from git' });
  }
  return checks;
}

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check node, Jupyter, the tslab kernel, the tfjs backend and writable folders; says what to fix')
    .option('--json', 'print the checks as JSON')
    .action(async (opts: { json?: boolean }) => {
      const checks = await runDoctor();
      if (opts.json) printJson(checks);
      else {
        for (const c of checks) {
          const mark = c.ok ? 'ok  ' : c.optional ? 'warn' : 'FAIL';
          process.stdout.write(`${mark}  ${c.name}: ${c.detail}\n${!c.ok && c.fix ? `      fix: ${c.fix}\n` : ''}`);
        }
      }
      if (checks.some((c) => !c.ok && !c.optional)) process.exitCode = 1;
    });
}
