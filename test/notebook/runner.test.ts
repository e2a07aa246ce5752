import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNotebook, runNotebook } from '../../src/notebook';
import { ProvenanceSchema, ReportMetaSchema } from '../../src/report';
import { failureOf, paramsCell, validateCell, writeNb } from '../helpers/notebooks';
import { useTmpDir } from '../helpers/tmp';

// These run the real tslab kernel through jupyter nbconvert (a few seconds each).
const tmp = useTmpDir();

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
});
