import { resolve } from 'node:path';
import type { Command } from 'commander';
import { createProgress, repoPath, WorkbenchError } from '../core';
import { DEFAULT_CELL_TIMEOUT_SEC, runNotebook, stripNotebooks } from '../notebook';
import { writeReportsIndex } from '../report';
import { positiveInt } from './args';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerNotebook(program: Command): void {
  const nb = program.command('notebook').description('run notebooks with parameters and export reports; strip outputs');
  nb.command('run')
    .description('execute a notebook on the repo tslab kernel and write the executed .ipynb and HTML report')
    .argument('<notebook>', 'path to a .ipynb file')
    .option('-p, --param <key=value>', 'override a value of the cell tagged "parameters" (repeatable)', collect, [])
    .option('--out <dir>', 'output folder (default reports/<notebook name>)')
    .option('--timeout <seconds>', 'per-cell timeout', positiveInt, DEFAULT_CELL_TIMEOUT_SEC)
    .action(async (path: string, opts: { param: string[]; out?: string; timeout: number }) => {
      const result = await runNotebook({
        notebook: path,
        params: opts.param,
        outDir: opts.out,
        cellTimeoutSec: opts.timeout,
        progress: createProgress(),
      });
      if (!opts.out) await writeReportsIndex(repoPath('reports'));
      process.stdout.write(`report: ${result.htmlPath}\nexecuted notebook: ${result.executedPath}\n`);
    });
  nb.command('strip')
    .description('remove outputs and execution counts from notebooks (--check: fail if any has them)')
    .argument('[paths...]', 'notebooks or folders', ['notebooks'])
    .option('--check', 'only check; exit 1 when a notebook has outputs')
    .action((paths: string[], opts: { check?: boolean }) => {
      const dirty = stripNotebooks(
        paths.map((p) => resolve(p)),
        { check: Boolean(opts.check) },
      );
      if (opts.check && dirty.length) {
        throw new WorkbenchError(`notebooks committed with outputs: ${dirty.join(', ')}`, 'npm run nb:strip');
      }
      process.stdout.write(opts.check ? 'notebooks are clean\n' : `stripped ${dirty.length} notebook(s)\n`);
    });
}
