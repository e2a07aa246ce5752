import { resolve } from 'node:path';
import type { Command } from 'commander';
import { repoPath, requireFolder } from '../core';
import { writeReportsIndex } from '../report';

export function registerReport(program: Command): void {
  const report = program.command('report').description('report utilities');
  report
    .command('index')
    .description('write reports/index.html linking every report with its date and provenance summary')
    .option('--dir <dir>', 'reports folder', repoPath('reports'))
    .action(async (opts: { dir: string }) => {
      requireFolder(
        resolve(opts.dir),
        '--dir',
        'pass the reports folder (reports/ by default), where `notebook run` and the demo write',
      );
      process.stdout.write(`${await writeReportsIndex(resolve(opts.dir))}\n`);
    });
}
