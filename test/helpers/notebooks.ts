import type { Notebook } from '../../src/notebook';

type CellSpec = { md: string } | { code: string; tags?: string[] };

/** Builds an nbformat 4 notebook for tests, one cell per spec. */
export function makeNotebook(cells: CellSpec[]): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' } },
    cells: cells.map((c, i) =>
      'md' in c
        ? { cell_type: 'markdown', id: `c${i}`, metadata: {}, source: c.md }
        : { cell_type: 'code', id: `c${i}`, metadata: c.tags ? { tags: c.tags } : {}, source: c.code, outputs: [], execution_count: null },
    ),
  };
}
