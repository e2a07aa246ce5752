import { performance } from 'node:perf_hooks';
import { renderMarkdown } from './markdown';
import { collectProvenance } from './provenance';
import { renderReport } from './render';
import { Report } from './report';

/** Times report rendering at a realistic size: many tables, figures with many points, narration. */
export async function benchReport(opts: { tables?: number; rows?: number; figures?: number; points?: number } = {}) {
  const tables = opts.tables ?? 20;
  const rows = opts.rows ?? 5000;
  const figures = opts.figures ?? 10;
  const points = opts.points ?? 10_000;
  const records = Array.from({ length: rows }, (_, i) => ({
    i,
    type: i % 3 ? 'swap' : 'addLiquidity',
    amount: i * 1.2345,
    note: `<b>${i}</b>`,
  }));
  const report = new Report('bench', 'synthetic');
  for (let t = 0; t < tables; t++) report.heading(`table ${t}`).table(records, { maxRows: 200 });
  const xs = Array.from({ length: points }, (_, i) => i);
  for (let f = 0; f < figures; f++)
    report.figure({ data: [{ type: 'scatter', x: xs, y: xs.map((x) => Math.sin(x / 100 + f)) }] });
  const md = Array.from(
    { length: 2000 },
    (_, i) => `## Section ${i}\nSome *text* with \`code\` and [a link](#x) <script>x</script>.\n\n- a\n- b`,
  ).join('\n\n');
  const provenance = await collectProvenance({ startedAt: new Date() });

  let t0 = performance.now();
  const html = renderReport({ title: report.title, blocks: report.blocks }, provenance);
  const renderMs = performance.now() - t0;
  t0 = performance.now();
  const mdHtml = renderMarkdown(md);
  const markdownMs = performance.now() - t0;
  return {
    benchmark: 'report.render',
    tables,
    rowsPerTable: rows,
    figures,
    pointsPerFigure: points,
    renderMs: Math.round(renderMs * 10) / 10,
    htmlBytes: html.length,
    markdownBytes: md.length,
    markdownMBPerSec: Math.round((md.length / 1e6 / (markdownMs / 1000)) * 100) / 100,
    markdownOutBytes: mdHtml.length,
    peakRssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
  };
}
