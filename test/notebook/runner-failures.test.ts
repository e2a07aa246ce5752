import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNotebook } from '../../src/notebook';
import { failureOf, paramsCell, validateCell, writeNb } from '../helpers/notebooks';
import { useTmpDir } from '../helpers/tmp';

// The real tslab kernel through nbconvert; apart from runner.test.ts so the two files run side by side.
const tmp = useTmpDir();

describe('runNotebook failures (real tslab kernel)', () => {
  it("reports a value rejected by the notebook's zod validation as a failure of that cell", async () => {
    const dir = tmp();
    const nb = writeNb(dir, 'range', [paramsCell, validateCell]);
    const f = await failureOf(runNotebook({ notebook: nb, params: ['n=1000'], outDir: join(dir, 'out') }));
    // Cell numbers are those of the notebook file: the injected cell is not counted.
    expect(f.message).toBe(`notebook ${nb} failed in cell 2`);
    expect(f.cellStderr).toMatch(/less than or equal to 100/);
  });

  it('stops a cell at the per-cell timeout and says so', async () => {
    const dir = tmp();
    const nb = writeNb(dir, 'slow', [{ code: 'await new Promise((r) => setTimeout(r, 60000));' }]);
    const f = await failureOf(runNotebook({ notebook: nb, outDir: join(dir, 'out'), cellTimeoutSec: 3 }));
    expect(f.message).toBe(`notebook ${nb}: cell 1 did not finish within the per-cell timeout of 3 s`);
    expect(f.hint).toMatch(/--timeout/);
  });
});
