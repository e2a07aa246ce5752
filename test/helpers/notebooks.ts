import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { NotebookFailure, serializeNotebook, type Notebook } from '../../src/notebook';

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
        : {
            cell_type: 'code',
            id: `c${i}`,
            metadata: c.tags ? { tags: c.tags } : {},
            source: c.code,
            outputs: [],
            execution_count: null,
          },
    ),
  };
}

export function writeNb(dir: string, name: string, cells: Parameters<typeof makeNotebook>[0]): string {
  const path = join(dir, `${name}.ipynb`);
  writeFileSync(path, serializeNotebook(makeNotebook(cells)));
  return path;
}

export const paramsCell = { code: 'let n = 3;\nlet label = "a";', tags: ['parameters'] };
export const validateCell = {
  code: "import { z } from 'zod';\nconst p = z.object({ n: z.number().int().max(100), label: z.string() }).parse({ n: n, label: label });",
};

export async function failureOf(run: Promise<unknown>): Promise<NotebookFailure> {
  const e = await run.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(NotebookFailure);
  return e as NotebookFailure;
}
