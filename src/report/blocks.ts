import { z } from 'zod';

/**
 * The content of a report, as data. Notebooks send blocks to the exporter through a Jupyter
 * output (see ../notebook/display.ts), so the schema is also the contract between the two.
 */
const Cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type Cell = z.infer<typeof Cell>;

export const BlockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('heading'), text: z.string(), level: z.number().int().min(1).max(4) }),
  z.object({ kind: z.literal('markdown'), text: z.string() }),
  z.object({
    kind: z.literal('table'),
    caption: z.string().optional(),
    columns: z.array(z.string()),
    rows: z.array(z.array(Cell)),
    totalRows: z.number().int().nonnegative(),
    /** Optional link target per row for the first column (relative paths or http(s) only). */
    links: z.array(z.string().nullable()).optional(),
  }),
  z.object({
    kind: z.literal('figure'),
    caption: z.string().optional(),
    data: z.array(z.record(z.unknown())),
    layout: z.record(z.unknown()),
  }),
  z.object({ kind: z.literal('kv'), caption: z.string().optional(), entries: z.array(z.tuple([z.string(), Cell])) }),
  z.object({ kind: z.literal('code'), language: z.string(), source: z.string() }),
  z.object({ kind: z.literal('text'), text: z.string(), stream: z.enum(['stdout', 'stderr']).optional() }),
  z.object({
    kind: z.literal('image'),
    mime: z.enum(['image/png', 'image/jpeg', 'image/gif']),
    base64: z.string(),
    alt: z.string(),
  }),
  // HTML from elsewhere (a notebook's text/html output): shown in a sandboxed frame, never inline.
  z.object({ kind: z.literal('foreign-html'), html: z.string() }),
  z.object({ kind: z.literal('error'), title: z.string(), text: z.string() }),
]);
export type Block = z.infer<typeof BlockSchema>;
export const BlocksSchema = z.array(BlockSchema);

export interface TableOptions {
  caption?: string;
  /** Rows kept in the report; the total row count is still shown. */
  maxRows?: number;
  columns?: string[];
}

/** The slice of arquero's ColumnTable the report needs (keeps arquero out of this module's types). */
export interface TableLike {
  columnNames(): string[];
  numRows(): number;
  objects(options?: { limit?: number }): object[];
}

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  return JSON.stringify(v);
}

export function isTableLike(t: unknown): t is TableLike {
  return (
    typeof t === 'object' &&
    t !== null &&
    typeof (t as TableLike).columnNames === 'function' &&
    typeof (t as TableLike).objects === 'function'
  );
}

/** A table block from an arquero table or an array of plain records. */
export function tableBlock(t: TableLike | readonly Record<string, unknown>[], opts: TableOptions = {}): Block {
  const maxRows = opts.maxRows ?? 100;
  let columns: string[];
  let records: Record<string, unknown>[];
  let total: number;
  if (isTableLike(t)) {
    columns = opts.columns ?? t.columnNames();
    total = t.numRows();
    records = t.objects({ limit: maxRows }) as Record<string, unknown>[];
  } else {
    columns = opts.columns ?? [...new Set(t.flatMap((r) => Object.keys(r)))];
    total = t.length;
    records = t.slice(0, maxRows) as Record<string, unknown>[];
  }
  return {
    kind: 'table',
    caption: opts.caption,
    columns,
    rows: records.map((r) => columns.map((c) => toCell(r[c]))),
    totalRows: total,
  };
}

export interface PlotlyFigure {
  data: Record<string, unknown>[];
  layout?: Record<string, unknown>;
}

export function figureBlock(fig: PlotlyFigure, caption?: string): Block {
  // Round-trip through JSON: typed arrays become arrays and undefined keys vanish, so the
  // figure embeds exactly what Plotly will read.
  const plain = JSON.parse(JSON.stringify({ data: fig.data, layout: fig.layout ?? {} })) as Required<PlotlyFigure>;
  return { kind: 'figure', caption, data: plain.data, layout: plain.layout };
}

export function kvBlock(entries: Record<string, unknown> | [string, unknown][], caption?: string): Block {
  const list = Array.isArray(entries) ? entries : Object.entries(entries);
  return { kind: 'kv', caption, entries: list.map(([k, v]) => [k, toCell(v)]) };
}
