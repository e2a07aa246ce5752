import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectProvenance, ProvenanceSchema, renderReport, Report, type ReportDoc } from '../../src/report';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();

function sampleDoc(): ReportDoc {
  const r = new Report('Sample <report>', 'sub & title');
  r.heading('Numbers')
    .table(
      [
        { a: 1, b: '<b>x</b>' },
        { a: 2.5, b: null },
      ],
      { caption: 'cap' },
    )
    .heading('Numbers') // same heading twice: ids must still be unique
    .figure({ data: [{ type: 'bar', x: ['a', 'b'], y: [1, 2], name: '</script><script>bad()</script>' }] }, 'first')
    .figure({ data: [{ type: 'scatter', x: [1, 2], y: [3, 4] }] }, 'second')
    .markdown('Model said: <script>alert(1)</script> <img src=x onerror=alert(2)>')
    .kv({ ok: true, n: 3 });
  return { title: r.title, subtitle: r.subtitle, blocks: r.blocks };
}

describe('renderReport', () => {
  it('escapes all text, including figure labels embedded as JSON', async () => {
    const html = renderReport(
      sampleDoc(),
      await collectProvenance({ startedAt: new Date(0), params: { note: '<script>' } }),
    );
    expect(html).toContain('<title>Sample &lt;report&gt;</title>');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(html).toContain('Model said: &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<script>bad');
    expect(html).not.toContain('<img src=x');
  });

  it('inlines plotly exactly once however many figures, and not at all without figures', async () => {
    const p = await collectProvenance({ startedAt: new Date(0) });
    const withFigures = renderReport(sampleDoc(), p);
    const bundleHead = readFileSync(
      join(__dirname, '../../node_modules/plotly.js-dist-min/plotly.min.js'),
      'utf8',
    ).slice(0, 60);
    expect(withFigures.split(bundleHead).length - 1).toBe(1);
    const none = renderReport({ title: 't', blocks: [{ kind: 'markdown', text: 'x' }] }, p);
    expect(none.split(bundleHead).length - 1).toBe(0);
  });

  it('references nothing outside the page', async () => {
    const html = renderReport(sampleDoc(), await collectProvenance({ startedAt: new Date(0) }));
    // No element loads from a URL: every src/href is an anchor or a data: URL. Script bodies are
    // cut out first: plotly's bundle holds attribution links as string literals, not elements.
    const markup = html.replace(/<script\b([^>]*)>[\s\S]*?<\/script>/g, '<script$1></script>');
    const refs = [...markup.matchAll(/\s(?:src|href)\s*=\s*"([^"]*)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(r, r).toMatch(/^(#|data:)/);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    expect(html).toContain("default-src 'none'");
  });

  it('gives the same element ids for the same content', async () => {
    const p = await collectProvenance({ startedAt: new Date(0) });
    const ids = (html: string) => [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    const a = ids(renderReport(sampleDoc(), p));
    const b = ids(renderReport(sampleDoc(), p));
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length);
    expect(a).toContain('numbers');
    expect(a).toContain('numbers-2');
  });

  it('embeds the provenance as JSON that parses back to the schema', async () => {
    const dir = tmp();
    const input = join(dir, 'in.csv');
    writeFileSync(input, 'a,b\n1,2\n');
    const p = await collectProvenance({
      startedAt: new Date('2026-01-01T00:00:00Z'),
      inputs: [input],
      params: { seed: 7, rows: 3 },
    });
    const html = renderReport(sampleDoc(), p);
    const json = /<script type="application\/json" id="provenance-json">([^<]*)<\/script>/.exec(html)?.[1];
    expect(json).toBeDefined();
    const parsed = ProvenanceSchema.parse(JSON.parse(json as string));
    expect(parsed.params).toEqual({ seed: 7, rows: 3 });
    expect(parsed.seeds).toEqual({ seed: 7 });
    // Independent oracle for the hash: coreutils' sha256sum.
    const expected = execFileSync('sha256sum', [input], { encoding: 'utf8' }).split(' ')[0];
    expect(parsed.inputs[0]?.sha256).toBe(expected);
    expect(parsed.inputs[0]?.bytes).toBe(8);
  });
});
