import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript, safeHref } from '../../src/report';

describe('escapeHtml', () => {
  it('escapes every character that can open markup or end an attribute', () => {
    expect(escapeHtml(`<img src=x onerror="a('b')">&`)).toBe(
      '&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;',
    );
  });
});

describe('jsonForScript', () => {
  it('cannot close the script element it is embedded in', () => {
    const value = { text: '</script><script>alert(1)</script><!--', sep: '\u2028' };
    const out = jsonForScript(value);
    expect(out).not.toMatch(/<\/script/i);
    expect(out).not.toContain('<!--');
    expect(out).not.toContain('\u2028');
    expect(JSON.parse(out)).toEqual(value);
  });
});

describe('safeHref', () => {
  it('keeps http(s), mailto, relative and anchor links', () => {
    for (const u of ['https://x.org/a?b=1', 'http://x', 'mailto:a@b.c', 'reports/a/index.html', '#provenance']) {
      expect(safeHref(u)).toBe(u);
    }
  });
  it('drops script-capable and other schemes', () => {
    for (const u of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,<script>',
      'vbscript:x',
      'file:///etc/passwd',
    ]) {
      expect(safeHref(u)).toBeUndefined();
    }
  });
});
