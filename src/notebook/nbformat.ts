import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { WorkbenchError } from '../core';

// nbformat v4, just the parts the workbench reads; everything else is kept as it is.
const Source = z.union([z.string(), z.array(z.string())]);

export const OutputSchema = z
  .object({
    output_type: z.enum(['stream', 'display_data', 'execute_result', 'error']),
    name: z.string().optional(),
    text: Source.optional(),
    data: z.record(z.unknown()).optional(),
    ename: z.string().optional(),
    evalue: z.string().optional(),
    traceback: z.array(z.string()).optional(),
  })
  .passthrough();
export type Output = z.infer<typeof OutputSchema>;

export const CellSchema = z
  .object({
    cell_type: z.enum(['code', 'markdown', 'raw']),
    id: z.string().optional(),
    metadata: z.record(z.unknown()).default({}),
    source: Source,
    outputs: z.array(OutputSchema).optional(),
    execution_count: z.number().nullable().optional(),
  })
  .passthrough();
export type Cell = z.infer<typeof CellSchema>;

export const NotebookSchema = z
  .object({
    nbformat: z.literal(4),
    nbformat_minor: z.number(),
    metadata: z.record(z.unknown()),
    cells: z.array(CellSchema),
  })
  .passthrough();
export type Notebook = z.infer<typeof NotebookSchema>;

export function sourceText(s: string | string[] | undefined): string {
  return Array.isArray(s) ? s.join('') : (s ?? '');
}

export function cellTags(cell: Cell): string[] {
  const tags = cell.metadata.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
}

export function parseNotebook(text: string, where: string): Notebook {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new WorkbenchError(
      `${where} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
      'a notebook is an .ipynb (nbformat 4) file; restore it from git or re-save it from Jupyter',
    );
  }
  const parsed = NotebookSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WorkbenchError(
      `${where} is not an nbformat 4 notebook: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

export function readNotebook(path: string, where = path): Notebook {
  if (!existsSync(path))
    throw new WorkbenchError(`notebook ${where} does not exist`, 'check the path; notebooks live in notebooks/');
  return parseNotebook(readFileSync(path, 'utf8'), where);
}

/** nbformat's own layout: one-space indent, sorted keys as Jupyter writes them, trailing newline. */
export function serializeNotebook(nb: Notebook): string {
  return `${JSON.stringify(nb, null, 1)}\n`;
}
