import type { Block, Cell } from './blocks';
import { CONTENT_SECURITY_POLICY, REPORT_CSS, plotlyBundle } from './assets';
import { escapeHtml, jsonForScript, safeHref } from './escape';
import { formatCell } from './format';
import { renderMarkdown } from './markdown';
import type { Provenance } from './provenance';

export interface ReportDoc {
  title: string;
  subtitle?: string;
  /** 'ok' for a finished run; 'failed' pages exist only to explain a failure. */
  status?: 'ok' | 'failed';
  blocks: Block[];
}

/** Element ids come from a counter and the heading text, so the same report gives the same ids. */
class Ids {
  private used = new Map<string, number>();
  take(base: string): string {
    const slug =
      base
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'x';
    const n = (this.used.get(slug) ?? 0) + 1;
    this.used.set(slug, n);
    return n === 1 ? slug : `${slug}-${n}`;
  }
}

function renderTable(b: Extract<Block, { kind: 'table' }>): string {
  const head = b.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const cell = (v: Cell, href: string | undefined) => {
    const text = escapeHtml(formatCell(v));
    const cls = typeof v === 'number' ? ' class="num"' : v === null ? ' class="null"' : '';
    return `<td${cls}>${href === undefined ? text : `<a href="${escapeHtml(href)}">${text}</a>`}</td>`;
  };
  const body = b.rows
    .map((r, i) => {
      const link = b.links?.[i];
      const href = link ? safeHref(link) : undefined;
      return `<tr>${r.map((v, k) => cell(v, k === 0 ? href : undefined)).join('')}</tr>`;
    })
    .join('\n');
  const shown =
    b.rows.length < b.totalRows
      ? `showing ${b.rows.length} of ${b.totalRows} rows`
      : `${b.totalRows} row${b.totalRows === 1 ? '' : 's'}`;
  const caption = [b.caption, shown]
    .filter(Boolean)
    .map((s) => escapeHtml(s ?? ''))
    .join(' · ');
  return `<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div><p class="caption">${caption}</p>`;
}

function renderBlock(b: Block, ids: Ids, toc: { id: string; text: string }[]): string {
  switch (b.kind) {
    case 'heading': {
      const id = ids.take(b.text);
      if (b.level <= 2) toc.push({ id, text: b.text });
      const tag = `h${b.level + 1}`;
      return `<${tag} id="${id}">${escapeHtml(b.text)}</${tag}>`;
    }
    case 'markdown':
      return `<div class="md">${renderMarkdown(b.text)}</div>`;
    case 'table':
      return renderTable(b);
    case 'figure': {
      const id = ids.take('fig');
      const cap = b.caption ? `<figcaption>${escapeHtml(b.caption)}</figcaption>` : '';
      return `<figure class="chart"><div class="plot" id="${id}" data-spec="${id}-spec"></div><script type="application/json" id="${id}-spec">${jsonForScript({ data: b.data, layout: b.layout })}</script>${cap}</figure>`;
    }
    case 'kv': {
      const rows = b.entries
        .map(
          ([k, v]) =>
            `<tr><th>${escapeHtml(k)}</th><td${typeof v === 'number' ? ' class="num"' : ''}>${escapeHtml(formatCell(v))}</td></tr>`,
        )
        .join('');
      return `<table class="kv">${b.caption ? `<caption>${escapeHtml(b.caption)}</caption>` : ''}<tbody>${rows}</tbody></table>`;
    }
    case 'code':
      return `<details class="source"><summary>${escapeHtml(b.language)} source</summary><pre><code>${escapeHtml(b.source)}</code></pre></details>`;
    case 'text':
      return `<pre class="${b.stream === 'stderr' ? 'stderr' : 'stdout'}">${escapeHtml(b.text)}</pre>`;
    case 'image': {
      const clean = b.base64.replace(/[^A-Za-z0-9+/=]/g, '');
      return `<img alt="${escapeHtml(b.alt)}" src="data:${b.mime};base64,${clean}">`;
    }
    case 'foreign-html':
      // sandbox="" runs no script and loads nothing into this page; srcdoc is attribute-escaped.
      return `<iframe class="foreign" sandbox="" srcdoc="${escapeHtml(b.html)}"></iframe>`;
    case 'error':
      return `<div class="error"><h3>${escapeHtml(b.title)}</h3><pre>${escapeHtml(b.text)}</pre></div>`;
  }
}

function renderProvenance(p: Provenance): string {
  const row = (k: string, v: string) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`;
  const git = p.git.commit
    ? `${p.git.commit}${p.git.dirty ? ' (dirty: uncommitted changes)' : ''}`
    : 'not a git checkout';
  const tf = p.tfjsBackend
    ? `${p.tfjsBackend.backend} (${p.tfjsBackend.package} ${p.tfjsBackend.version})`
    : 'not used';
  const inputs = p.inputs.length
    ? p.inputs
        .map(
          (i) =>
            `<tr><td>${escapeHtml(i.path)}</td><td class="num">${i.bytes}</td><td><code>${i.sha256}</code></td></tr>`,
        )
        .join('')
    : '<tr><td colspan="3">none</td></tr>';
  return `<section class="provenance" id="provenance"><h2>Provenance</h2>
<table><tbody>
${row('git commit', git)}
${row('package-lock.json sha256', p.packageLockSha256 ?? 'missing')}
${row('started', p.startedAt)}
${row('finished', p.finishedAt)}
${row('parameters', JSON.stringify(p.params))}
${row('seeds', JSON.stringify(p.seeds))}
${row('tfjs backend', tf)}
${row(
  'versions',
  Object.entries(p.versions)
    .map(([k, v]) => `${k} ${v ?? 'n/a'}`)
    .join(', '),
)}
${row('host', `${p.host.cpus} × ${p.host.cpuModel}, ${(p.host.memoryBytes / 2 ** 30).toFixed(1)} GiB, ${p.host.platform}/${p.host.arch}`)}
</tbody></table>
<table><thead><tr><th>input</th><th>bytes</th><th>sha256</th></tr></thead><tbody>${inputs}</tbody></table>
<script type="application/json" id="provenance-json">${jsonForScript(p)}</script>
</section>`;
}

// Renders every figure from its JSON spec; marks each as rendered (or failed) for tests and readers.
const FIGURE_SCRIPT = `(function(){
  document.querySelectorAll('.plot[data-spec]').forEach(function(el){
    try {
      var spec = JSON.parse(document.getElementById(el.getAttribute('data-spec')).textContent);
      Plotly.newPlot(el, spec.data, spec.layout, {responsive: true, displaylogo: false})
        .then(function(){ el.setAttribute('data-rendered', 'true'); })
        .catch(function(e){ el.setAttribute('data-render-error', String(e)); el.textContent = 'chart failed: ' + e; });
    } catch (e) { el.setAttribute('data-render-error', String(e)); el.textContent = 'chart failed: ' + e; }
  });
})();`;

/**
 * HTML for blocks outside a full page (live notebook outputs). Figures need the page's plotly
 * bundle, so here they are a note pointing at the exported report.
 */
export function renderFragment(blocks: Block[]): string {
  const ids = new Ids();
  return blocks
    .map((b) =>
      b.kind === 'figure'
        ? `<p class="caption">[figure${b.caption ? `: ${escapeHtml(b.caption)}` : ''}: interactive in the exported report]</p>`
        : renderBlock(b, ids, []),
    )
    .join('\n');
}

/** A complete, self-contained HTML page: no external script, style, font or image. */
export function renderReport(doc: ReportDoc, provenance: Provenance): string {
  const ids = new Ids();
  const toc: { id: string; text: string }[] = [];
  const body = doc.blocks.map((b) => renderBlock(b, ids, toc)).join('\n');
  const hasFigures = doc.blocks.some((b) => b.kind === 'figure');
  const badge = doc.status === 'failed' ? '<span class="badge failed">FAILED</span>' : '';
  const nav =
    toc.length > 1
      ? `<nav class="toc">${toc.map((t) => `<a href="#${t.id}">${escapeHtml(t.text)}</a>`).join('')}</nav>`
      : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>${REPORT_CSS}</style>
${hasFigures ? `<script>${plotlyBundle()}</script>` : ''}
</head>
<body>
<main>
<header class="report"><h1>${escapeHtml(doc.title)} ${badge}</h1>${doc.subtitle ? `<p class="sub">${escapeHtml(doc.subtitle)}</p>` : ''}</header>
${nav}
${body}
${renderProvenance(provenance)}
</main>
${hasFigures ? `<script>${FIGURE_SCRIPT}</script>` : ''}
</body>
</html>
`;
}
