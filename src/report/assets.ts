import { readFileSync } from 'node:fs';
import { repoPath } from '../core';

let plotly: string | undefined;

/** The plotly.js bundle from npm, read once per process (about 4.7 MB, inlined once per report). */
export function plotlyBundle(): string {
  plotly ??= readFileSync(repoPath('node_modules', 'plotly.js-dist-min', 'plotly.min.js'), 'utf8');
  // A literal "</script" inside the bundle would end the inline element early.
  return plotly.replace(/<\/script/gi, '<\\/script');
}

/**
 * No request may leave the page: scripts and styles are inline, images are data: URLs and
 * nothing else is allowed to load.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; frame-src 'none'";

export const REPORT_CSS = `
:root { --fg:#1d2330; --muted:#5b6478; --line:#dde2ea; --bg:#fff; --accent:#2f5fb3; --bad:#b3261e; --code:#f5f7fa; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--fg); background:var(--bg); }
main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 64px; }
header.report { border-bottom: 1px solid var(--line); margin-bottom: 18px; }
header.report h1 { margin: 0 0 4px; font-size: 26px; }
header.report .sub { color: var(--muted); margin: 0 0 12px; }
h2 { margin-top: 32px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
nav.toc { font-size: 14px; color: var(--muted); margin-bottom: 18px; }
nav.toc a { margin-right: 12px; color: var(--accent); text-decoration: none; }
table { border-collapse: collapse; margin: 10px 0 18px; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 3px 8px; vertical-align: top; }
th { background: #f0f3f8; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.null { color: #a0a8b8; }
.caption, figcaption { color: var(--muted); font-size: 13px; margin: 4px 0; }
.scroll { overflow-x: auto; }
pre { background: var(--code); padding: 10px 12px; overflow-x: auto; font-size: 12.5px; border-radius: 4px; }
pre.stderr { background: #fff4f2; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
details.source summary { cursor: pointer; color: var(--muted); font-size: 13px; }
figure.chart { margin: 12px 0 24px; }
.plot { width: 100%; min-height: 360px; }
.error { border-left: 4px solid var(--bad); background: #fff4f2; padding: 8px 12px; }
.error h3 { margin: 0 0 6px; color: var(--bad); }
iframe.foreign { width: 100%; min-height: 200px; border: 1px solid var(--line); }
section.provenance { margin-top: 40px; font-size: 13px; color: var(--muted); }
.badge { display:inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; background:#e7f1e7; color:#1e6b2a; }
.badge.failed { background:#fbe5e3; color: var(--bad); }
`;
