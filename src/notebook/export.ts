import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { BlocksSchema, type Block, type ReportDoc } from '../report';
import { cellTags, sourceText, type Notebook, type Output } from './nbformat';
import { BLOCKS_MIME, PROVENANCE_MIME } from './mime';
import { INJECTED_TAG } from './inject';

const NotebookProvenanceSchema = z.object({
  inputs: z.array(z.string()).optional(),
  tfjsBackend: z
    .object({ backend: z.string(), package: z.string(), version: z.string(), skipped: z.array(z.string()) })
    .optional(),
  seeds: z.record(z.number()).optional(),
});

export interface ExportedNotebook {
  doc: ReportDoc;
  /** What the notebook recorded with recordProvenance(), inputs resolved against the kernel's cwd (repo root). */
  inputs: string[];
  tfjsBackend: z.infer<typeof NotebookProvenanceSchema>['tfjsBackend'] | null;
  seeds: Record<string, number>;
}

function outputBlocks(o: Output, sink: ExportedNotebook, cwd: string): Block[] {
  if (o.output_type === 'stream') {
    const text = sourceText(o.text as string | string[] | undefined);
    return text ? [{ kind: 'text', text, stream: o.name === 'stderr' ? 'stderr' : 'stdout' }] : [];
  }
  if (o.output_type === 'error') {
    return [{ kind: 'error', title: `${o.ename ?? 'Error'}: ${o.evalue ?? ''}`, text: (o.traceback ?? []).join('\n') }];
  }
  const data = o.data ?? {};
  if (PROVENANCE_MIME in data) {
    const p = NotebookProvenanceSchema.parse(data[PROVENANCE_MIME]);
    sink.inputs.push(...(p.inputs ?? []).map((f) => (isAbsolute(f) ? f : join(cwd, f))));
    if (p.tfjsBackend) sink.tfjsBackend = p.tfjsBackend;
    Object.assign(sink.seeds, p.seeds ?? {});
    return [];
  }
  if (BLOCKS_MIME in data) return BlocksSchema.parse(data[BLOCKS_MIME]);
  for (const mime of ['image/png', 'image/jpeg', 'image/gif'] as const) {
    const v = data[mime];
    if (typeof v === 'string') return [{ kind: 'image', mime, base64: v, alt: 'notebook output' }];
  }
  const html = data['text/html'];
  if (html !== undefined) return [{ kind: 'foreign-html', html: sourceText(html as string | string[]) }];
  const plain = data['text/plain'];
  if (plain !== undefined) {
    const text = sourceText(plain as string | string[]);
    return text ? [{ kind: 'text', text }] : [];
  }
  return [];
}

/**
 * An executed notebook as report blocks: narration as markdown, code collapsed under each cell,
 * outputs rendered through the report library so notebook exports and CLI reports look alike.
 */
export function notebookToReport(
  nb: Notebook,
  opts: { name: string; cwd: string; subtitle?: string },
): ExportedNotebook {
  const sink: ExportedNotebook = {
    doc: { title: opts.name, subtitle: opts.subtitle, blocks: [] },
    inputs: [],
    tfjsBackend: null,
    seeds: {},
  };
  let titled = false;
  for (const cell of nb.cells) {
    const src = sourceText(cell.source);
    if (cell.cell_type === 'markdown') {
      const h1 = /^#\s+(.+)$/m.exec(src);
      if (!titled && h1) {
        // The notebook's first heading is the report title; the rest of that cell stays narration.
        sink.doc.title = (h1[1] ?? '').trim();
        titled = true;
        const rest = src.replace(h1[0], '').trim();
        if (rest) sink.doc.blocks.push({ kind: 'markdown', text: rest });
      } else if (src.trim()) {
        sink.doc.blocks.push({ kind: 'markdown', text: src });
      }
      continue;
    }
    if (cell.cell_type !== 'code') continue;
    const tags = cellTags(cell);
    if (src.trim() && !tags.includes('hide-input')) {
      const label = tags.includes('parameters')
        ? 'parameters'
        : tags.includes(INJECTED_TAG)
          ? 'injected parameters'
          : 'typescript';
      sink.doc.blocks.push({ kind: 'code', language: label, source: src });
    }
    for (const o of cell.outputs ?? []) sink.doc.blocks.push(...outputBlocks(o, sink, opts.cwd));
  }
  return sink;
}
