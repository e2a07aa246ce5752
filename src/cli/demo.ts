import type { Command } from 'commander';
import { createProgress, errorMessage, repoPath, WorkbenchError } from '../core';
import { findNotebooks, runNotebook } from '../notebook';
import { writeReportsIndex } from '../report';
import { printError } from './output';

/**
 * The offline demo: every notebook under notebooks/ with its default (quick) parameters, then
 * reports/index.html. It goes on after a failure so one broken stage does not hide the others,
 * and exits non-zero if any failed.
 */
export async function runDemo(filter?: string): Promise<{ ok: string[]; failed: string[] }> {
  // The kernel checks each cell but not again every src/ file it imports (scripts/patch-tslab.js):
  // `npm run typecheck` checks src/, and it is a third of a notebook's CPU time.
  process.env.WORKBENCH_TSLAB_CHECK_CELLS_ONLY ??= '1';
  const notebooks = findNotebooks([repoPath('notebooks')]).filter((p) => !filter || p.includes(filter));
  const ok: string[] = [];
  const failed: string[] = [];
  for (const nb of notebooks) {
    process.stderr.write(`\n== ${nb}\n`);
    try {
      const r = await runNotebook({ notebook: nb, progress: createProgress() });
      process.stderr.write(`   done in ${r.seconds.toFixed(1)} s: ${r.htmlPath}\n`);
      ok.push(nb);
    } catch (e) {
      printError(e);
      failed.push(`${nb}: ${errorMessage(e)}`);
    }
  }
  const index = await writeReportsIndex(repoPath('reports'));
  process.stderr.write(`\nreports index: ${index}\n`);
  return { ok, failed };
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run every notebook offline with quick defaults and write reports/index.html')
    .option('--only <text>', 'run only notebooks whose path contains this text')
    .action(async (opts: { only?: string }) => {
      if (opts.only && !findNotebooks([repoPath('notebooks')]).some((p) => p.includes(opts.only as string))) {
        throw new WorkbenchError(
          `no notebook under notebooks/ matches --only "${opts.only}"`,
          `use part of a notebook's name, e.g. --only 05-r1`,
        );
      }
      const { ok, failed } = await runDemo(opts.only);
      process.stdout.write(`demo: ${ok.length} notebook(s) ran, ${failed.length} failed\n`);
      for (const f of failed) process.stdout.write(`  failed: ${f}\n`);
      if (failed.length || !ok.length) process.exitCode = 1;
    });
}
