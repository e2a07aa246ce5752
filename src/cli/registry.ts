import type { Command } from 'commander';
import { WorkbenchError } from '../core';
import { join } from 'node:path';
import { BLOCK_NAMES, type BlockName } from '../maya';
import {
  openRegistry,
  runCompare,
  runDrift,
  runDriftRows,
  writeRegistryPage,
  type DriftResult,
  type Registry,
} from '../registry';
import { featureBlockRows } from './feature-rows';
import { oneOf, positiveInt } from './args';
import { printJson } from './output';

async function withRegistry<T>(path: string | undefined, f: (r: Registry) => Promise<T>): Promise<T> {
  const reg = await openRegistry(path);
  try {
    return await f(reg);
  } finally {
    reg.close();
  }
}

const registryOption = (c: Command) =>
  c.option('--registry <file>', 'registry file (default: $WORKBENCH_REGISTRY or data/registry.duckdb)');

export function registerRegistry(program: Command): void {
  const r = program
    .command('registry')
    .description(
      'The research record: runs with params, metrics and artifacts; registered models with versions and aliases',
    );
  registryOption(
    r
      .command('runs')
      .description('recorded runs, newest first')
      .option('--experiment <name>', 'only this experiment')
      .option('--limit <n>', 'at most n runs', positiveInt, 50)
      .option('--json', 'print JSON'),
  ).action(async (o: { registry?: string; experiment?: string; limit: number; json?: boolean }) => {
    const runs = await withRegistry(o.registry, (reg) => reg.runs({ experiment: o.experiment, limit: o.limit }));
    if (o.json) return printJson(runs);
    for (const x of runs)
      process.stdout.write(
        `${x.id.slice(0, 12)}  ${x.finishedAt.slice(0, 19)}  ${x.experiment.padEnd(22)} ${(x.name ?? '').padEnd(30)} ${x.status}\n`,
      );
    if (!runs.length) process.stdout.write('no runs recorded yet\n');
  });
  registryOption(
    r
      .command('show')
      .description('one run: params, metrics by step, tags, artifacts (sha256, size)')
      .argument('<run>', 'run id or its first 6+ characters')
      .option('--json', 'print JSON'),
  ).action(async (id: string, o: { registry?: string; json?: boolean }) => {
    const run = await withRegistry(o.registry, (reg) => reg.run(id));
    if (!run) throw new WorkbenchError(`no run ${id}`, 'list runs with `workbench registry runs`');
    if (o.json) return printJson(run);
    process.stdout.write(
      `run ${run.id}  ${run.experiment}${run.name ? ` / ${run.name}` : ''}  ${run.status}\n  finished ${run.finishedAt}  commit ${run.gitCommit ?? '-'}${run.gitDirty ? ' (dirty)' : ''}  data ${run.dataSha256 ?? '-'}\n`,
    );
    for (const [k, v] of Object.entries(run.params)) process.stdout.write(`  param  ${k} = ${v}\n`);
    for (const [k, v] of Object.entries(run.metrics))
      process.stdout.write(`  metric ${k} = ${v.at(-1)?.value}${v.length > 1 ? ` (${v.length} steps)` : ''}\n`);
    for (const [k, v] of Object.entries(run.tags)) process.stdout.write(`  tag    ${k} = ${v}\n`);
    for (const a of run.artifacts)
      process.stdout.write(`  file   ${a.name}  ${a.sizeBytes} B  sha256 ${a.sha256.slice(0, 16)}…  ${a.path}\n`);
  });
  registryOption(
    r.command('models').description('registered models, their versions and aliases').option('--json', 'print JSON'),
  ).action(async (o: { registry?: string; json?: boolean }) => {
    const versions = await withRegistry(o.registry, (reg) => reg.versions());
    if (o.json) return printJson(versions);
    for (const v of versions)
      process.stdout.write(
        `${v.name}  v${v.version}  run ${v.runId.slice(0, 12)}  ${v.aliases.length ? `[${v.aliases.join(', ')}]` : ''}\n`,
      );
    if (!versions.length) process.stdout.write('no registered models yet (workbench registry register MODEL RUN)\n');
  });
  registryOption(
    r
      .command('register')
      .description('register a run as the next (immutable) version of a model')
      .argument('<model>', 'model name')
      .argument('<run>', 'run id')
      .option('--description <text>', 'what is new in this version'),
  ).action(async (model: string, run: string, o: { registry?: string; description?: string }) => {
    const v = await withRegistry(o.registry, (reg) => reg.registerModel(model, run, o.description));
    process.stdout.write(`${v.name} v${v.version} ← run ${v.runId.slice(0, 12)}\n`);
  });
  registryOption(
    r
      .command('promote')
      .description('point an alias (champion, challenger, …) at a model version')
      .argument('<model>', 'model name')
      .argument('<version>', 'version number', positiveInt)
      .requiredOption('--alias <name>', 'alias to move'),
  ).action(async (model: string, version: number, o: { registry?: string; alias: string }) => {
    const m = await withRegistry(o.registry, (reg) => reg.setAlias(model, version, o.alias));
    process.stdout.write(`${model}@${o.alias}: ${m.previous === null ? 'new' : `v${m.previous}`} → v${m.version}\n`);
  });
  registryOption(
    r
      .command('page')
      .description('the registry as an HTML page (listed in reports/index.html)')
      .option('--out <dir>', 'report folder', 'reports/registry'),
  ).action(async (o: { registry?: string; out: string }) => {
    const p = await writeRegistryPage(o.out, { registry: o.registry });
    process.stdout.write(`${p.runs} run(s), ${p.versions} model version(s) → ${o.out}/index.html\n`);
  });

  program
    .command('drift')
    .description(
      "drift per column between a reference and a current table (JSONL, CSV, Parquet): PSI, KS, chi-square, Jensen–Shannon, Wasserstein with Evidently's thresholds",
    )
    .option('--reference <file>', 'reference data (e.g. chain-days of the training period)')
    .option('--current <file>', 'current data')
    .option(
      '--maya-features <dir>',
      "instead of two files: a Maya features folder, comparing two of its blocks (the model's inputs as it sees them)",
    )
    .option('--reference-block <name>', 'with --maya-features', oneOf(...BLOCK_NAMES), 'train')
    .option('--current-block <name>', 'with --maya-features', oneOf(...BLOCK_NAMES), 'test')
    .requiredOption('--out <dir>', 'report folder')
    .option('--columns <list>', 'only these columns (comma-separated)', (v: string) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .option('--json', 'print JSON')
    .action(
      async (o: {
        reference?: string;
        current?: string;
        mayaFeatures?: string;
        referenceBlock: BlockName;
        currentBlock: BlockName;
        out: string;
        columns?: string[];
        json?: boolean;
      }) => {
        let d: DriftResult;
        if (o.mayaFeatures) {
          const names = { reference: `${o.referenceBlock} block`, current: `${o.currentBlock} block` };
          d = await runDriftRows(
            featureBlockRows(o.mayaFeatures, o.referenceBlock),
            featureBlockRows(o.mayaFeatures, o.currentBlock),
            { out: o.out, columns: o.columns, names, inputs: [join(o.mayaFeatures, 'spec.json')] },
          );
        } else if (o.reference && o.current)
          d = await runDrift({ reference: o.reference, current: o.current, out: o.out, columns: o.columns });
        else
          throw new WorkbenchError(
            'drift needs --reference and --current, or --maya-features',
            'e.g. workbench drift --reference old.jsonl --current new.jsonl --out reports/drift',
          );
        if (o.json) return printJson(d);
        process.stdout.write(
          `${d.drifted} of ${d.columns.length} column(s) drifted${d.datasetDrift ? ' — DATASET DRIFT' : ''} → ${o.out}/index.html\n`,
        );
        for (const c of d.columns)
          process.stdout.write(
            `  ${c.column.padEnd(24)} ${c.kind.padEnd(11)} ${c.method.padEnd(13)} ${c.score.toPrecision(3).padStart(9)} ${c.drift ? 'DRIFT' : 'ok'}  PSI ${c.psi.toFixed(3)}\n`,
          );
      },
    );

  registryOption(
    program
      .command('compare')
      .description(
        'paired comparison of two recorded runs on the same test items: Diebold–Mariano (HLN), paired bootstrap, exact McNemar',
      )
      .requiredOption('--a <run>', 'run A (id or prefix)')
      .requiredOption('--b <run>', 'run B (id or prefix)')
      .requiredOption('--out <dir>', 'report folder')
      .option('--json', 'print JSON'),
  ).action(async (o: { a: string; b: string; out: string; registry?: string; json?: boolean }) => {
    const c = await runCompare(o);
    if (o.json) return printJson(c);
    process.stdout.write(`${c.verdict}: ${c.summary}\n→ ${o.out}/index.html\n`);
  });
}
