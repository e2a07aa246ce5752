import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectProvenance } from './provenance';
import { renderReport } from './render';
import { ReportMetaSchema, type ReportMeta } from './write';

export interface IndexedReport {
  name: string;
  meta: ReportMeta;
}

/** Reports under root, one folder each (report.json marks a report; other folders are ignored). */
export function listReports(root: string): IndexedReport[] {
  if (!existsSync(root)) return [];
  const found: IndexedReport[] = [];
  for (const name of readdirSync(root).sort()) {
    const metaPath = join(root, name, 'report.json');
    if (name.startsWith('.') || !existsSync(metaPath)) continue;
    const parsed = ReportMetaSchema.safeParse(JSON.parse(readFileSync(metaPath, 'utf8')));
    if (parsed.success) found.push({ name, meta: parsed.data });
  }
  return found;
}

/** Writes root/index.html linking every report with its date, status and provenance summary. */
export async function writeReportsIndex(root: string): Promise<string> {
  const reports = listReports(root);
  const rows = reports.map(({ name, meta }) => [
    meta.title,
    meta.kind,
    meta.status,
    meta.finishedAt,
    meta.commit ? `${meta.commit.slice(0, 12)}${meta.dirty ? ' (dirty)' : ''}` : null,
    meta.tfjsBackend,
    JSON.stringify(meta.params),
    name,
  ]);
  const html = renderReport(
    {
      title: 'Workbench reports',
      subtitle: `${reports.length} report${reports.length === 1 ? '' : 's'} in ${root}`,
      blocks: [
        {
          kind: 'table',
          columns: ['report', 'kind', 'status', 'finished', 'commit', 'tfjs backend', 'parameters', 'folder'],
          rows,
          totalRows: rows.length,
          links: reports.map((r) => `${encodeURIComponent(r.name)}/index.html`),
        },
      ],
    },
    await collectProvenance({ startedAt: new Date(), inputs: reports.map((r) => join(root, r.name, 'report.json')) }),
  );
  const path = join(root, 'index.html');
  writeFileSync(path, html);
  return path;
}
