import type { TfjsBackendInfo } from '../core';
import {
  figureBlock,
  kvBlock,
  renderFragment,
  Report,
  tableBlock,
  type Block,
  type PlotlyFigure,
  type TableLike,
  type TableOptions,
} from '../report';
import { BLOCKS_MIME, PROVENANCE_MIME } from './mime';

type Bundle = Record<string, unknown>;
type WriteDisplayData = (msg: { data: Bundle; metadata: object; transient: object }, update: boolean) => void;

/**
 * tslab's public display API sends one MIME type per output; its kernel-level writer (pinned
 * tslab 1.0.22) sends a bundle, so live Jupyter shows HTML while the exporter reads the blocks.
 */
function kernelWriter(): WriteDisplayData | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jupyter = require('tslab/dist/jupyter') as { lastWriteDisplayData: WriteDisplayData | null };
    return jupyter.lastWriteDisplayData ?? undefined;
  } catch {
    return undefined;
  }
}

function emit(bundle: Bundle, plain: string): void {
  const write = kernelWriter();
  if (write) write({ data: { ...bundle, 'text/plain': plain }, metadata: {}, transient: {} }, false);
  else if (plain) process.stdout.write(`${plain}\n`);
}

function summary(blocks: Block[]): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'heading':
        case 'markdown':
          return b.text;
        case 'table':
          return `[table${b.caption ? ` ${b.caption}` : ''}: ${b.totalRows} rows × ${b.columns.length} columns]`;
        case 'figure':
          return `[figure${b.caption ? ` ${b.caption}` : ''}]`;
        case 'kv':
          return b.entries.map(([k, v]) => `${k}: ${String(v)}`).join('\n');
        default:
          return `[${b.kind}]`;
      }
    })
    .join('\n');
}

/** Shows report content in the notebook; the exported HTML renders the very same blocks. */
export function show(...items: (Block | Report)[]): void {
  // A report shown inline keeps its title (and subtitle) as a heading above its blocks.
  const blocks = items.flatMap((i): Block[] =>
    i instanceof Report
      ? [{ kind: 'heading', text: i.subtitle ? `${i.title} (${i.subtitle})` : i.title, level: 2 }, ...i.blocks]
      : [i],
  );
  emit({ [BLOCKS_MIME]: blocks, 'text/html': renderFragment(blocks) }, summary(blocks));
}

export const showMarkdown = (text: string): void => show({ kind: 'markdown', text });
export const showTable = (t: TableLike | readonly Record<string, unknown>[], opts?: TableOptions): void =>
  show(tableBlock(t, opts));
export const showFigure = (fig: PlotlyFigure, caption?: string): void => show(figureBlock(fig, caption));
export const showKv = (entries: Record<string, unknown>, caption?: string): void => show(kvBlock(entries, caption));

export interface NotebookProvenance {
  /** Files the notebook read, relative to the repo root (the kernel's cwd) or absolute; hashed at export. */
  inputs?: string[];
  tfjsBackend?: TfjsBackendInfo;
  seeds?: Record<string, number>;
}

/** Tells the exporter what went into this run, for the report's provenance block. */
export function recordProvenance(p: NotebookProvenance): void {
  emit({ [PROVENANCE_MIME]: p }, '');
}
