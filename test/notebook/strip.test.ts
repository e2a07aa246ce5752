import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasOutputs, parseNotebook, serializeNotebook, stripNotebooks } from '../../src/notebook';
import { makeNotebook } from '../helpers/notebooks';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();
const root = join(__dirname, '../..');

describe('notebook hygiene', () => {
  it('every committed notebook is stripped of outputs and execution counts', () => {
    const files = execFileSync('git', ['ls-files', 'notebooks/*.ipynb', 'test/fixtures/notebooks/*.ipynb'], {
      cwd: root,
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
    expect(files.length).toBeGreaterThan(0);
    const dirty = files.filter((f) => hasOutputs(parseNotebook(readFileSync(join(root, f), 'utf8'), f)));
    expect(dirty, 'run `npm run nb:strip`').toEqual([]);
  });

  it('strip removes outputs, counts and run metadata; --check only reports', () => {
    const dir = tmp();
    const nb = makeNotebook([{ code: 'console.log(1)' }, { md: 'x' }]);
    const cell = nb.cells[0] as (typeof nb.cells)[number];
    cell.outputs = [{ output_type: 'stream', name: 'stdout', text: '1\n' }];
    cell.execution_count = 3;
    cell.metadata = { execution: { 'iopub.status.busy': 'x' }, tags: ['keep'] };
    const file = join(dir, 'a.ipynb');
    writeFileSync(file, serializeNotebook(nb));

    expect(stripNotebooks([dir], { check: true })).toEqual([file]);
    expect(hasOutputs(parseNotebook(readFileSync(file, 'utf8'), file))).toBe(true); // check wrote nothing

    expect(stripNotebooks([dir], { check: false })).toEqual([file]);
    const after = parseNotebook(readFileSync(file, 'utf8'), file);
    expect(hasOutputs(after)).toBe(false);
    expect(after.cells[0]?.metadata).toEqual({ tags: ['keep'] });
    expect(stripNotebooks([dir], { check: true })).toEqual([]);
  });
});
