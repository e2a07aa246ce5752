import { escapeHtml, safeHref } from './escape';

/**
 * A small Markdown renderer for report narration: headings, paragraphs, lists, fenced code,
 * block quotes, rules, pipe tables and inline code/bold/italic/links. Raw HTML is never passed
 * through: every character of the source is escaped, so model output can be rendered safely.
 */
export function renderMarkdown(src: string): string {
  const lines = src.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (!line.trim()) {
      i++;
      continue;
    }
    const fence = /^(```|~~~)\s*([\w+-]*)\s*$/.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? '').startsWith(fence[1] ?? '```')) body.push(lines[i++] ?? '');
      i++;
      const cls = fence[2] ? ` class="language-${escapeHtml(fence[2])}"` : '';
      out.push(`<pre><code${cls}>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const level = (heading[1] ?? '#').length;
      out.push(`<h${level}>${renderInline(heading[2] ?? '')}</h${level}>`);
      i++;
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push('<hr>');
      i++;
      continue;
    }
    if (line.startsWith('>')) {
      const body: string[] = [];
      while (i < lines.length && (lines[i] ?? '').startsWith('>')) body.push((lines[i++] ?? '').replace(/^>\s?/, ''));
      out.push(`<blockquote>${renderMarkdown(body.join('\n'))}</blockquote>`);
      continue;
    }
    if (isTableStart(lines, i)) {
      i = renderTable(lines, i, out);
      continue;
    }
    const listKind = listItem(line);
    if (listKind) {
      const tag = listKind.ordered ? 'ol' : 'ul';
      const items: string[] = [];
      while (i < lines.length) {
        const item = listItem(lines[i] ?? '');
        if (!item || item.ordered !== listKind.ordered) break;
        let text = item.text;
        i++;
        // Lazy continuation lines belong to the item.
        while (i < lines.length && /^\s{2,}\S/.test(lines[i] ?? '') && !listItem(lines[i] ?? ''))
          text += ` ${(lines[i++] ?? '').trim()}`;
        items.push(`<li>${renderInline(text)}</li>`);
      }
      out.push(`<${tag}>${items.join('')}</${tag}>`);
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && (lines[i] ?? '').trim() && !startsBlock(lines, i)) para.push((lines[i++] ?? '').trim());
    out.push(`<p>${renderInline(para.join(' '))}</p>`);
  }
  return out.join('\n');
}

function listItem(line: string): { ordered: boolean; text: string } | undefined {
  const m = /^\s{0,3}([-*+]|\d{1,9}[.)])\s+(.*)$/.exec(line);
  if (!m) return undefined;
  return { ordered: /\d/.test(m[1] ?? ''), text: m[2] ?? '' };
}

function startsBlock(lines: string[], i: number): boolean {
  const line = lines[i] ?? '';
  return /^(```|~~~|#{1,6}\s|>)/.test(line) || listItem(line) !== undefined || isTableStart(lines, i);
}

function splitRow(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());
}

function isTableStart(lines: string[], i: number): boolean {
  const head = lines[i] ?? '';
  const sep = lines[i + 1] ?? '';
  return head.includes('|') && /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(sep);
}

function renderTable(lines: string[], start: number, out: string[]): number {
  const head = splitRow(lines[start] ?? '');
  const aligns = splitRow(lines[start + 1] ?? '').map((c) =>
    c.endsWith(':') ? (c.startsWith(':') ? 'center' : 'right') : '',
  );
  const cell = (tag: string, text: string, k: number) =>
    `<${tag}${aligns[k] ? ` style="text-align:${aligns[k]}"` : ''}>${renderInline(text)}</${tag}>`;
  let i = start + 2;
  const rows: string[] = [];
  while (i < lines.length && (lines[i] ?? '').includes('|') && (lines[i] ?? '').trim()) {
    rows.push(
      `<tr>${splitRow(lines[i++] ?? '')
        .map((c, k) => cell('td', c, k))
        .join('')}</tr>`,
    );
  }
  out.push(
    `<table class="md"><thead><tr>${head.map((c, k) => cell('th', c, k)).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`,
  );
  return i;
}

/** Inline spans. Code spans are cut out first so their content is never formatted. */
export function renderInline(text: string): string {
  const parts = text.split(/(`[^`]+`)/);
  return parts
    .map((part) => {
      if (part.length > 1 && part.startsWith('`') && part.endsWith('`'))
        return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      let html = escapeHtml(part);
      // Links: the text and target were escaped above; the target is then checked against a whitelist.
      // URLs may hold one level of balanced parentheses, as CommonMark allows.
      html = html.replace(/\[([^\]]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/g, (_m, label: string, url: string) => {
        const href = safeHref(url.replace(/&amp;/g, '&'));
        return href === undefined ? label : `<a href="${escapeHtml(href)}">${label}</a>`;
      });
      html = html.replace(/\*\*(\S(?:.*?\S)?)\*\*/g, '<strong>$1</strong>');
      html = html.replace(/(^|[^\w*])\*(\S(?:.*?\S)?)\*(?!\w)/g, '$1<em>$2</em>');
      html = html.replace(/(^|[^\w])_(\S(?:.*?\S)?)_(?!\w)/g, '$1<em>$2</em>');
      return html;
    })
    .join('');
}
