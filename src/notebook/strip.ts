import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { WorkbenchError } from '../core';
import { join } from 'node:path';
import { parseNotebook, serializeNotebook, type Notebook } from './nbformat';

/** Notebooks are committed without outputs, execution counts or run metadata. */
export function stripNotebook(nb: Notebook): Notebook {
  return {
    ...nb,
    cells: nb.cells.map((c) => {
      if (c.cell_type !== 'code') return c;
      const { execution: _execution, ...metadata } = c.metadata;
      return { ...c, metadata, outputs: [], execution_count: null };
    }),
  };
}

export function hasOutputs(nb: Notebook): boolean {
  return nb.cells.some(
    (c) => c.cell_type === 'code' && ((c.outputs?.length ?? 0) > 0 || (c.execution_count ?? null) !== null),
  );
}

/** .ipynb files under the given paths (files or folders), sorted. */
export function findNotebooks(paths: string[]): string[] {
  const found: string[] = [];
  const walk = (p: string) => {
    if (!existsSync(p))
      throw new WorkbenchError(`${p} does not exist`, 'pass notebooks (.ipynb) or folders holding them');
    if (statSync(p).isDirectory()) {
      for (const e of readdirSync(p).sort()) if (!e.startsWith('.')) walk(join(p, e));
    } else if (p.endsWith('.ipynb')) found.push(p);
  };
  paths.forEach(walk);
  return found;
}

/** Strips in place (or only checks); returns the notebooks that had outputs. */
export function stripNotebooks(paths: string[], opts: { check: boolean }): string[] {
  const dirty: string[] = [];
  for (const file of findNotebooks(paths)) {
    const text = readFileSync(file, 'utf8');
    const nb = parseNotebook(text, file);
    const stripped = serializeNotebook(stripNotebook(nb));
    if (hasOutputs(nb)) dirty.push(file);
    if (!opts.check && stripped !== text) writeFileSync(file, stripped);
  }
  return dirty;
}
