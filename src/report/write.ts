import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { collectProvenance, type Provenance, type ProvenanceInput } from './provenance';
import { renderReport, type ReportDoc } from './render';

/** report.json beside every report: what reports/index.html lists. */
export const ReportMetaSchema = z.object({
  title: z.string(),
  subtitle: z.string().optional(),
  status: z.enum(['ok', 'failed']),
  kind: z.enum(['notebook', 'cli']),
  finishedAt: z.string(),
  commit: z.string().nullable(),
  dirty: z.boolean().nullable(),
  params: z.record(z.unknown()),
  tfjsBackend: z.string().nullable(),
});
export type ReportMeta = z.infer<typeof ReportMetaSchema>;

export interface WriteReportOptions {
  kind: ReportMeta['kind'];
  provenance: ProvenanceInput | Provenance;
  /** More files for the same folder (an executed notebook, metrics.json). */
  extraFiles?: Record<string, string | Uint8Array>;
}

function isProvenance(p: ProvenanceInput | Provenance): p is Provenance {
  return (p as Provenance).schema === 'workbench.provenance/1';
}

/**
 * Writes dir/index.html, dir/provenance.json and dir/report.json. The folder is assembled aside
 * and swapped in whole, so a reader never sees half a report or a stale page beside a new one.
 */
export async function writeReport(
  dir: string,
  doc: ReportDoc,
  opts: WriteReportOptions,
): Promise<{ dir: string; provenance: Provenance }> {
  const provenance = isProvenance(opts.provenance) ? opts.provenance : await collectProvenance(opts.provenance);
  const meta: ReportMeta = {
    title: doc.title,
    subtitle: doc.subtitle,
    status: doc.status ?? 'ok',
    kind: opts.kind,
    finishedAt: provenance.finishedAt,
    commit: provenance.git.commit,
    dirty: provenance.git.dirty,
    params: provenance.params,
    tfjsBackend: provenance.tfjsBackend?.backend ?? null,
  };
  const staging = join(dirname(dir), `.${basename(dir)}.staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(join(staging, 'index.html'), renderReport(doc, provenance));
  writeFileSync(join(staging, 'provenance.json'), `${JSON.stringify(provenance, null, 2)}\n`);
  writeFileSync(join(staging, 'report.json'), `${JSON.stringify(meta, null, 2)}\n`);
  for (const [name, content] of Object.entries(opts.extraFiles ?? {})) writeFileSync(join(staging, name), content);
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return { dir, provenance };
}
