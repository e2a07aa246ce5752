import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report';

describe('renderMarkdown', () => {
  it('renders headings, lists, code, emphasis, links and tables', () => {
    const html = renderMarkdown(
      [
        '# Title',
        '',
        'Some **bold**, *italic* and `a < b` text with [a link](https://example.org).',
        '',
        '- one',
        '- two',
        '',
        '1. first',
        '2. second',
        '',
        '```ts',
        'const x = "<b>";',
        '```',
        '',
        '| metric | value |',
        '|---|---:|',
        '| tx | 12 |',
        '',
        '> quoted',
        '',
        '---',
      ].join('\n'),
    );
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>italic</em>');
    expect(html).toContain('<code>a &lt; b</code>');
    expect(html).toContain('<a href="https://example.org">a link</a>');
    expect(html).toContain('<ul><li>one</li><li>two</li></ul>');
    expect(html).toContain('<ol><li>first</li><li>second</li></ol>');
    expect(html).toContain('<pre><code class="language-ts">const x = &quot;&lt;b&gt;&quot;;</code></pre>');
    expect(html).toContain('<th>metric</th><th style="text-align:right">value</th>');
    expect(html).toContain('<td style="text-align:right">12</td>');
    expect(html).toContain('<blockquote><p>quoted</p></blockquote>');
    expect(html).toContain('<hr>');
  });

  it('never passes raw HTML or script-capable links through', () => {
    const attacks = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[click](javascript:alert(1))',
      '**<svg onload=alert(1)>**',
      '| <b onclick=x> | y |\n|---|---|\n| <iframe> | z |',
      '# <script>h()</script>',
    ];
    for (const a of attacks) {
      const html = renderMarkdown(a);
      expect(html, a).not.toMatch(/<(script|img|svg|iframe|b )/i);
      expect(html, a).not.toContain('href="javascript');
    }
    expect(renderMarkdown('[click](javascript:alert(1))')).toBe('<p>click</p>');
  });

  it('does not format inside code spans', () => {
    expect(renderMarkdown('`**not bold**`')).toBe('<p><code>**not bold**</code></p>');
  });
});
