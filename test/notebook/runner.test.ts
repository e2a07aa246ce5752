import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotebookFailure, parseNotebook, runNotebook, serializeNotebook } from '../../src/notebook';
import { ProvenanceSchema, ReportMetaSchema } from '../../src/report';
import { makeNotebook } from '../helpers/notebooks';
import { useTmpDir } from '../helpers/tmp';

// These run the real tslab kernel through jupyter nbconvert (a few seconds each).
const tmp = useTmpDir();

function writeNb(dir: string, name: string, cells: Parameters<typeof makeNotebook>[0]): string {
  const path = join(dir, `${name}.ipynb`);
  writeFileSync(path, serializeNotebook(makeNotebook(cells)));
  return path;
}

const paramsCell = { code: 'let n = 3;\nlet label = "a";', tags: ['parameters'] };
const validateCell = {
  code: "import { z } from 'zod';\nconst p = z.object({ n: z.number().int().max(100), label: z.string() }).parse({ n: n, label: label });",
};

async function failureOf(run: Promise<unknown>): Promise<NotebookFailure> {
  const e = await run.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(NotebookFailure);
  return e as NotebookFailure;
}

describe('runNotebook (real tslab kernel)', () => {
  it('injects parameters, executes, and writes the executed notebook and its report', async () => {
    const dir = tmp();
    const nb = writeNb(dir, 'ok', [
      { md: '# Runner check\nNarration.' },
      paramsCell,
      validateCell,
      { code: "console.log('twice=' + p.n * 2);\nconsole.error('note on stderr');" },
      {
        code: [
          "import { show, recordProvenance } from './src/notebook';",
          "show({ kind: 'table', columns: ['k', 'v'], rows: [['label', p.label]], totalRows: 1 });",
          "show({ kind: 'figure', data: [{ type: 'bar', x: ['a'], y: [p.n] }], layout: {} });",
          "recordProvenance({ inputs: ['package.json'], seeds: { demoSeed: 5 } });",
        ].join('\n'),
      },
    ]);
    const out = join(dir, 'out');
    const r = await runNotebook({ notebook: nb, params: ['n=7', 'label=<b>x</b>'], outDir: out, cellTimeoutSec: 120 });

    expect(r.params).toEqual({ n: 7, label: '<b>x</b>' });
    const executed = parseNotebook(readFileSync(r.executedPath, 'utf8'), 'executed');
    expect(executed.cells[2]?.metadata.tags).toEqual(['injected-parameters']);
    const printed = JSON.stringify(executed.cells[4]?.outputs);
    expect(printed).toContain('twice=14');

    const html = readFileSync(r.htmlPath, 'utf8');
    expect(html).toContain('<title>Runner check</title>');
    expect(html).toContain('twice=14');
    expect(html).toContain('<pre class="stderr">note on stderr');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('class="plot"');

    const meta = ReportMetaSchema.parse(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    expect(meta.status).toBe('ok');
    const prov = ProvenanceSchema.parse(JSON.parse(readFileSync(join(out, 'provenance.json'), 'utf8')));
    expect(prov.params).toEqual({ n: 7, label: '<b>x</b>' });
    expect(prov.seeds).toEqual({ demoSeed: 5 });
    expect(prov.inputs.map((i) => i.path)).toEqual([nb, 'package.json']);
  });

  it('names the failing cell with its source and stderr, and leaves only a FAILED page', async () => {
    const dir = tmp();
    const nb = writeNb(dir, 'bad', [
      paramsCell,
      validateCell,
      { code: "console.error('about to fail: marker-123');\nthrow new Error('boom-marker');" },
      { code: "console.log('never runs');" },
    ]);
    const out = join(dir, 'out');
    // A previous successful report in the same folder must not survive a failed run.
    await runNotebook({ notebook: writeNb(dir, 'good', [paramsCell]), outDir: out });
    expect(existsSync(join(out, 'good.ipynb'))).toBe(true);

    const f = await failureOf(runNotebook({ notebook: nb, outDir: out }));
    expect(f.message).toBe(`notebook ${nb} failed in cell 3`);
    expect(f.cellSource).toContain("throw new Error('boom-marker');");
    expect(f.cellStderr).toContain('about to fail: marker-123');
    expect(f.cellStderr).toContain('Error: boom-marker');

    expect(existsSync(join(out, 'good.ipynb'))).toBe(false);
    expect(existsSync(join(out, 'bad.ipynb'))).toBe(false);
    const meta = ReportMetaSchema.parse(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    expect(meta.status).toBe('failed');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('FAILED');
  });

  it('reports a value rejected by the notebook\'s zod validation as a failure of that cell', async () => {
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
