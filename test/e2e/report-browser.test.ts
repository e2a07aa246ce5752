/// <reference lib="dom" />
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNotebook, serializeNotebook } from '../../src/notebook';
import { Report, writeReport, writeReportsIndex } from '../../src/report';
import { chromiumAvailable, launchBrowser, visit } from '../helpers/browser';
import { makeNotebook } from '../helpers/notebooks';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();
let browser: Browser;

// `npm test` installs Debian's chromium (scripts/bootstrap.sh --test); without it this must fail, not skip.
beforeAll(async () => {
  expect(chromiumAvailable(), 'chromium missing: run bash scripts/bootstrap.sh --test').toBe(true);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const HOSTILE = 'Model said: <script>document.title="pwned"</script><img src=x onerror="document.title=\'pwned2\'">';

async function expectCleanPage(url: string, figures: number) {
  const { page, errors, requests } = await visit(browser, url);
  await page.waitForFunction(
    (n) => document.querySelectorAll('.plot[data-rendered="true"], .plot[data-render-error]').length >= n,
    figures,
    { timeout: 30_000 },
  );
  expect(await page.locator('.plot[data-render-error]').count()).toBe(0);
  expect(await page.locator('.plot[data-rendered="true"]').count()).toBe(figures);
  // Each rendered chart drew its SVG.
  expect(await page.locator('.plot .main-svg').count()).toBeGreaterThanOrEqual(figures);
  expect(errors).toEqual([]);
  expect(requests.filter((u) => u !== url)).toEqual([]);
  return page;
}

describe('reports in headless Chromium', () => {
  it('a CLI report renders its charts, runs no injected script and requests nothing', async () => {
    const dir = join(tmp(), 'cli-report');
    const r = new Report('Browser check')
      .heading('Charts')
      .figure({ data: [{ type: 'scatter', mode: 'lines', x: [1, 2, 3], y: [2, 1, 3], name: HOSTILE }] }, 'line')
      .figure({ data: [{ type: 'bar', x: ['swap', 'send'], y: [5, 2] }] }, 'bars')
      .markdown(HOSTILE)
      .table([{ text: HOSTILE, n: 1 }]);
    await writeReport(
      dir,
      { title: r.title, blocks: r.blocks },
      { kind: 'cli', provenance: { startedAt: new Date(), params: { note: HOSTILE } } },
    );
    const url = pathToFileURL(join(dir, 'index.html')).href;
    const page = await expectCleanPage(url, 2);
    expect(await page.title()).toBe('Browser check');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('[onerror]').count()).toBe(0);
    expect(await page.locator('text=Model said: <script>').first().isVisible()).toBe(true);
    const prov = await page.evaluate(
      () =>
        JSON.parse(document.getElementById('provenance-json')?.textContent ?? 'null') as { params: { note: string } },
    );
    expect(prov.params.note).toBe(HOSTILE);
    await page.close();
  });

  it("foreign HTML (a notebook's text/html output) is shown in a sandbox where its scripts cannot run", async () => {
    const dir = join(tmp(), 'foreign');
    await writeReport(
      dir,
      {
        title: 'Foreign',
        blocks: [{ kind: 'foreign-html', html: '<p>foreign text</p><script>parent.document.title="pwned3"</script>' }],
      },
      { kind: 'cli', provenance: { startedAt: new Date() } },
    );
    const url = pathToFileURL(join(dir, 'index.html')).href;
    const { page, errors, requests } = await visit(browser, url);
    expect(await page.frameLocator('iframe.foreign').locator('p').textContent()).toBe('foreign text');
    expect(await page.title()).toBe('Foreign');
    // Chromium's own report that the sandbox refused the script is the only message.
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Blocked script execution in 'about:srcdoc'.*sandboxed/);
    expect(requests.filter((u) => u !== url && u !== 'about:srcdoc')).toEqual([]);
    await page.close();
  });

  it('a notebook export and the reports index render cleanly too', async () => {
    const root = tmp();
    const nbPath = join(root, 'charts.ipynb');
    writeFileSync(
      nbPath,
      serializeNotebook(
        makeNotebook([
          { md: '# Notebook in a browser' },
          { code: 'let points = 5;', tags: ['parameters'] },
          {
            code: [
              "import { showFigure, showMarkdown } from './src/notebook';",
              "showFigure({ data: [{ type: 'scatter', x: [...Array(points).keys()], y: [...Array(points).keys()].map((i) => i * i) }] }, 'squares');",
              `showMarkdown(${JSON.stringify(HOSTILE)});`,
            ].join('\n'),
          },
        ]),
      ),
    );
    const reports = join(root, 'reports');
    const run = await runNotebook({ notebook: nbPath, params: ['points=8'], outDir: join(reports, 'charts') });
    const page = await expectCleanPage(pathToFileURL(run.htmlPath).href, 1);
    expect(await page.title()).toBe('Notebook in a browser');
    await page.close();

    const index = await writeReportsIndex(reports);
    const { page: indexPage, errors, requests } = await visit(browser, pathToFileURL(index).href);
    expect(errors).toEqual([]);
    expect(requests).toHaveLength(1);
    const link = indexPage.locator('a', { hasText: 'Notebook in a browser' });
    expect(await link.getAttribute('href')).toBe('charts/index.html');
    expect(await indexPage.locator('td', { hasText: '{"points":8}' }).count()).toBe(1);
    await indexPage.close();
  });
});
