import { basename } from 'node:path';
import { WorkbenchError } from '../core';
import { writeReport } from '../report';
import { comparePredictions, runPredictions, type Comparison } from './compare';
import { driftReport, flattenRow, type DriftResult } from './drift';
import { comparisonReportDoc, driftReportDoc, registryReport } from './report';
import { Registry } from './store';
import { readTable } from './table';

/** The runs the CLI, the notebooks and the registry page share. */

async function withRegistry<T>(path: string | undefined, f: (reg: Registry) => Promise<T>): Promise<T> {
  const reg = await Registry.open(path);
  try {
    return await f(reg);
  } finally {
    reg.close();
  }
}

/** Writes the registry page (runs and models) to dir; reports/registry is listed in reports/index.html. */
export async function writeRegistryPage(
  dir: string,
  opts: { registry?: string; limit?: number } = {},
): Promise<{ dir: string; runs: number; versions: number }> {
  const startedAt = new Date();
  return withRegistry(opts.registry, async (reg) => {
    const summaries = await reg.runs({ limit: opts.limit ?? 500 });
    const runs = [];
    for (const s of summaries) {
      const r = await reg.run(s.id);
      if (r) runs.push(r);
    }
    const versions = await reg.versions();
    const rep = registryReport(runs, versions, reg.path);
    await writeReport(
      dir,
      { title: rep.title, subtitle: rep.subtitle, blocks: rep.blocks },
      { kind: 'cli', provenance: { startedAt, params: { registry: reg.path } } },
    );
    return { dir, runs: runs.length, versions: versions.length };
  });
}

/** Drift between two files, per shared column (or the named ones): drift.json and an HTML report in out. */
export async function runDrift(o: {
  reference: string;
  current: string;
  out: string;
  columns?: string[];
}): Promise<DriftResult> {
  const startedAt = new Date();
  const [ref, cur] = [await readTable(o.reference), await readTable(o.current)];
  if (!ref.length || !cur.length)
    throw new WorkbenchError(`${ref.length ? o.current : o.reference} has no rows`, 'pass two non-empty tables');
  return runDriftRows(ref, cur, {
    out: o.out,
    columns: o.columns,
    names: { reference: basename(o.reference), current: basename(o.current) },
    inputs: [o.reference, o.current],
    startedAt,
  });
}

/** Drift between rows already in memory (feature blocks, model outputs): drift.json and an HTML report in out. */
export async function runDriftRows(
  ref: readonly Record<string, unknown>[],
  cur: readonly Record<string, unknown>[],
  o: {
    out: string;
    columns?: string[];
    names: { reference: string; current: string };
    inputs?: string[];
    startedAt?: Date;
  },
): Promise<DriftResult> {
  const startedAt = o.startedAt ?? new Date();
  if (!ref.length || !cur.length)
    throw new WorkbenchError(
      `the ${ref.length ? 'current' : 'reference'} data has no rows`,
      'compare two non-empty tables',
    );
  if (o.columns) {
    const [r0, c0] = [flattenRow(ref[0] as Record<string, unknown>), flattenRow(cur[0] as Record<string, unknown>)];
    const missing = o.columns.filter((c) => !(c in r0) || !(c in c0));
    if (missing.length)
      throw new WorkbenchError(
        `column(s) ${missing.join(', ')} not in both tables`,
        `columns of the reference: ${Object.keys(r0).join(', ')}`,
      );
  }
  const d = driftReport(ref, cur, { columns: o.columns });
  if (!d.columns.length)
    throw new WorkbenchError(
      'the two files share no column',
      'pass two tables with the same columns (e.g. two feature exports)',
    );
  const rep = driftReportDoc(d, o.names);
  await writeReport(
    o.out,
    { title: rep.title, subtitle: rep.subtitle, blocks: rep.blocks },
    {
      kind: 'cli',
      provenance: { startedAt, inputs: o.inputs ?? [], params: { ...o.names, columns: o.columns ?? 'all shared' } },
      extraFiles: { 'drift.json': `${JSON.stringify(d, null, 2)}\n` },
    },
  );
  return d;
}

/** Paired comparison of two recorded runs on their shared test items: comparison.json and an HTML report in out. */
export async function runCompare(o: {
  a: string;
  b: string;
  out: string;
  registry?: string;
  seed?: number;
}): Promise<Comparison> {
  const startedAt = new Date();
  return withRegistry(o.registry, async (reg) => {
    const [a, b] = [await reg.run(o.a), await reg.run(o.b)];
    if (!a || !b)
      throw new WorkbenchError(`no run ${a ? o.b : o.a} in ${reg.path}`, 'list runs with `workbench registry runs`');
    const c = comparePredictions(await runPredictions(a), await runPredictions(b), { seed: o.seed });
    const rep = comparisonReportDoc(c, a, b);
    await writeReport(
      o.out,
      { title: rep.title, subtitle: rep.subtitle, blocks: rep.blocks },
      {
        kind: 'cli',
        provenance: {
          startedAt,
          inputs: [...a.artifacts, ...b.artifacts].filter((x) => /^predictions/.test(x.name)).map((x) => x.path),
          params: { a: a.id, b: b.id, seed: o.seed ?? 1 },
        },
        extraFiles: { 'comparison.json': `${JSON.stringify({ a: a.id, b: b.id, ...c }, null, 2)}\n` },
      },
    );
    return c;
  });
}
