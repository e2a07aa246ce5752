import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { repoPath, repoRoot, silentProgress, type Progress } from '../core';
import { writeReport, type ReportDoc } from '../report';
import { notebookToReport } from './export';
import { describeFailure, type NotebookFailure, parseEvents, type CellEvent } from './failure';
import { injectParameters, INJECTED_TAG } from './inject';
import { assertKernelReady, jupyterEnv, KERNEL_NAME } from './kernel';
import { cellTags, parseNotebook, readNotebook, serializeNotebook, type Notebook } from './nbformat';
import { effectiveParams, readParameterSpecs, resolveParams, type ParamValue } from './params';

export interface RunNotebookOptions {
  notebook: string;
  /** `key=value` strings, as given to --param. */
  params?: string[];
  /** Defaults to reports/<notebook name>. */
  outDir?: string;
  /** Per-cell limit passed to nbconvert's ExecutePreprocessor. */
  cellTimeoutSec?: number;
  progress?: Progress;
  signal?: AbortSignal;
}

export interface NotebookRunResult {
  name: string;
  outDir: string;
  htmlPath: string;
  executedPath: string;
  params: Record<string, ParamValue>;
  seconds: number;
}

export const DEFAULT_CELL_TIMEOUT_SEC = 600;
const HOOKS = join(__dirname, 'nbconvert_hooks.py');

/** The notebook with defaults overridden, plus what the report needs to know about it. */
export function prepareNotebook(path: string, pairs: string[], where = path) {
  const nb = readNotebook(path, where);
  const specs = readParameterSpecs(nb, where);
  const given = resolveParams(specs, pairs, where);
  const injected = injectParameters(nb, specs, given);
  const injectedAt = injected.cells.findIndex((c) => cellTags(c).includes(INJECTED_TAG));
  return { nb: injected, params: effectiveParams(specs, given), injectedAt };
}

function execute(nb: Notebook, cwd: string, timeoutSec: number, progress: Progress, signal?: AbortSignal) {
  const work = mkdtempSync(join(tmpdir(), 'workbench-nb-'));
  const eventsPath = join(work, 'events.jsonl');
  // Progress counts code cells, as a reader does: "running code cell 3/7".
  const codeOrdinal = new Map(
    nb.cells.flatMap((c, i) => (c.cell_type === 'code' ? [i] : [])).map((cellIndex, k) => [cellIndex, k + 1]),
  );
  const total = codeOrdinal.size;
  const readEvents = (): CellEvent[] => (existsSync(eventsPath) ? parseEvents(readFileSync(eventsPath, 'utf8')) : []);
  return new Promise<{ code: number; stdout: string; stderr: string; events: CellEvent[] }>((done, fail) => {
    // stdin/stdout instead of files: nothing is written next to the notebook. The kernel itself
    // starts at the repo root (scripts/tslab-kernel.sh), as it does in Jupyter.
    const child = spawn(
      'jupyter-nbconvert',
      [
        '--config',
        HOOKS,
        '--to',
        'notebook',
        '--execute',
        '--stdin',
        '--stdout',
        `--ExecutePreprocessor.kernel_name=${KERNEL_NAME}`,
        `--ExecutePreprocessor.timeout=${timeoutSec}`,
      ],
      { cwd, env: { ...jupyterEnv(), WORKBENCH_NB_EVENTS: eventsPath }, signal, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setInterval(() => {
      const events = readEvents();
      const executed = events.filter((e) => e.event === 'executed').length;
      const current = events.at(-1);
      progress.update(
        executed,
        current?.event === 'start' ? `running code cell ${codeOrdinal.get(current.index) ?? '?'}/${total}` : '',
      );
    }, 300);
    progress.start(total, 'code cells');
    child.on('error', (e) => {
      clearInterval(timer);
      rmSync(work, { recursive: true, force: true });
      fail(e);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      const events = readEvents();
      rmSync(work, { recursive: true, force: true });
      progress.stop();
      done({
        code: code ?? -1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        events,
      });
    });
    child.stdin.end(serializeNotebook(nb));
  });
}

function failureDoc(name: string, f: NotebookFailure): ReportDoc {
  return {
    title: `${name}: run failed`,
    status: 'failed',
    subtitle: 'This notebook did not finish. Nothing on this page is a result.',
    blocks: [
      { kind: 'error', title: f.message, text: f.cellStderr || '(no stderr)' },
      ...(f.cellSource ? [{ kind: 'code' as const, language: 'failing cell', source: f.cellSource }] : []),
    ],
  };
}

/**
 * Runs a notebook with papermill-style parameters on the repo's tslab kernel and writes the
 * executed .ipynb and its HTML report to outDir. On failure outDir holds only a page marked
 * FAILED (never a stale success) and a NotebookFailure naming the cell is thrown.
 */
export async function runNotebook(opts: RunNotebookOptions): Promise<NotebookRunResult> {
  const path = resolve(opts.notebook);
  const name = basename(path).replace(/\.ipynb$/, '');
  const outDir = resolve(opts.outDir ?? repoPath('reports', name));
  const timeoutSec = opts.cellTimeoutSec ?? DEFAULT_CELL_TIMEOUT_SEC;
  const startedAt = new Date();
  const where = opts.notebook;
  const { nb, params, injectedAt } = prepareNotebook(path, opts.params ?? [], where);
  assertKernelReady();

  const run = await execute(nb, repoRoot(), timeoutSec, opts.progress ?? silentProgress, opts.signal);
  if (run.code !== 0) {
    const failure = describeFailure(nb, run.events, run.stderr, where, { injectedAt, timeoutSec });
    await writeReport(outDir, failureDoc(name, failure), {
      kind: 'notebook',
      provenance: { inputs: [path], params, startedAt },
    });
    throw failure;
  }
  const executed = parseNotebook(run.stdout, `nbconvert's output for ${where}`);
  const exported = notebookToReport(executed, { name, cwd: repoRoot(), subtitle: `notebook ${basename(path)}` });
  await writeReport(outDir, exported.doc, {
    kind: 'notebook',
    provenance: {
      inputs: [path, ...exported.inputs],
      params,
      seeds: Object.keys(exported.seeds).length ? exported.seeds : undefined,
      tfjsBackend: exported.tfjsBackend,
      startedAt,
    },
    extraFiles: { [`${name}.ipynb`]: serializeNotebook(executed) },
  });
  return {
    name,
    outDir,
    htmlPath: join(outDir, 'index.html'),
    executedPath: join(outDir, `${name}.ipynb`),
    params,
    seconds: (Date.now() - startedAt.getTime()) / 1000,
  };
}
