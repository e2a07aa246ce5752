import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export interface PageVisit {
  page: Page;
  errors: string[];
  requests: string[];
}

/** Debian's chromium, headless, with no background traffic of its own (this machine has no network). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** Opens url and records page errors, console errors and every request the page makes. */
export async function visit(browser: Browser, url: string): Promise<PageVisit> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  page.on('request', (r) => requests.push(r.url()));
  // Anything that is not the file itself is recorded above and then refused, so a bug cannot leak traffic.
  await page.route('**/*', (route) => (route.request().url().startsWith('file://') ? route.continue() : route.abort()));
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors, requests };
}
