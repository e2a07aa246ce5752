/// <reference lib="dom" />
import { request } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimExternal, startDashboard, type Dashboard } from '../../src/arb';
import { startMidgardServer, type MidgardAction, type MidgardServer } from '../../src/midgard';
import { chromiumAvailable, launchBrowser } from '../helpers/browser';

interface DashGlobals {
  rows: number;
  lastSeq: number;
  latencies: number[];
  snapshots: number;
}
declare global {
  interface Window {
    __dash: DashGlobals;
  }
}

const SEED = 5;
let browser: Browser;
let midgard: MidgardServer;
let dash: Dashboard;
let page: Page;
const requests: string[] = [];

/** Opens the dashboard; records every request and refuses any that leaves the dashboard's origin. */
async function open(url: string): Promise<Page> {
  const p = await browser.newPage();
  const origin = new URL(url).origin;
  p.on('request', (r) => requests.push(r.url()));
  await p.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
  await p.goto(url, { waitUntil: 'load' });
  return p;
}

const seqOf = (p: Page) => p.evaluate(() => window.__dash.lastSeq);

beforeAll(async () => {
  expect(chromiumAvailable(), 'chromium missing: run bash scripts/bootstrap.sh --test').toBe(true);
  [browser, midgard] = await Promise.all([launchBrowser(), startMidgardServer({ seed: SEED, actions: 300 })]);
  dash = await startDashboard({ baseUrl: midgard.url, intervalMs: 200, external: new SimExternal({ seed: SEED }) });
  page = await open(dash.url);
  await page.waitForFunction(() => window.__dash.rows > 0);
}, 60_000);
afterAll(async () => {
  await dash?.close();
  await midgard?.close();
  await browser?.close();
});

describe('live dashboard in headless Chromium', () => {
  it('shows new actions within 2 s of the Midgard feed growing, with prices and health', async () => {
    const before = await seqOf(page);
    const t0 = Date.now();
    midgard.grow(7);
    await page.waitForFunction((s) => window.__dash.lastSeq >= s + 7, before, { timeout: 2000 });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(await page.locator('#h-status').textContent()).toBe('ok');
    await page.waitForFunction(() => document.querySelectorAll('#prices tr').length === 9);
    await page.waitForFunction(() => document.querySelector('#gap-plot .main-svg') !== null);
  });

  it('shows a Midgard outage and resumes without gaps or repeats when the server returns', async () => {
    const port = midgard.port;
    const served = midgard.history.length;
    await midgard.close();
    await page.waitForFunction(() => document.querySelector('#h-status')?.textContent === 'outage', undefined, {
      timeout: 10_000,
    });
    // The same seed serves the same history, 40 actions longer.
    midgard = await startMidgardServer({ seed: SEED, actions: served + 40, port });
    await page.waitForFunction(() => document.querySelector('#h-status')?.textContent === 'ok', undefined, {
      timeout: 10_000,
    });
    const last = midgard.history.json[midgard.history.length - 1] as string;
    await page.waitForFunction(
      (h) => document.querySelector('#actions tr td:nth-child(2)')?.textContent === h,
      (JSON.parse(last) as MidgardAction).height,
      { timeout: 5000 },
    );
    // Every action after the first page was seen exactly once: the buffer's identities are the feed's tail.
    const seen = dash.state.actions.map((a) => `${a.height}|${a.inCoins}|${a.memo}`);
    const tail = midgard.history.json.slice(-seen.length).map((j) => {
      const a = JSON.parse(j) as MidgardAction;
      return `${a.height}|${a.in.flatMap((t) => t.coins.map((c) => `${c.amount} ${c.asset}`)).join(', ')}|${(Object.values(a.metadata)[0] as { memo?: string } | undefined)?.memo ?? ''}`;
    });
    expect(seen).toEqual(tail);
    expect(await seqOf(page)).toBe(dash.state.actions[dash.state.actions.length - 1]?.seq);
  }, 30_000);

  it('backfills from its own buffer after a reload', async () => {
    const want = dash.state.actions.length;
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => window.__dash.snapshots > 0);
    expect(await page.locator('#actions tr').count()).toBe(want);
    expect(await seqOf(page)).toBe(dash.state.actions[want - 1]?.seq);
  });

  it('renders a hostile memo and address as text', async () => {
    const hostile = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned2"</script><b>bold</b>';
    const base = JSON.parse(midgard.history.json[midgard.history.length - 1] as string) as MidgardAction;
    const a: MidgardAction = {
      ...base,
      height: String(Number(base.height) + 1),
      date: String(BigInt(base.date) + 6_000_000_000n),
      type: 'send',
      pools: [],
      in: [{ address: `maya1<i>evil</i>`, coins: [{ asset: 'MAYA.CACAO', amount: '1' }], txID: 'EVIL' }],
      out: [],
      metadata: { send: { memo: hostile } },
    };
    midgard.history.append(a);
    await page.waitForFunction(
      (m) => Array.from(document.querySelectorAll('#actions td.memo')).some((td) => td.textContent === m),
      hostile,
      { timeout: 5000 },
    );
    expect(await page.locator('#actions img').count()).toBe(0);
    expect(await page.locator('#actions b, #actions i, #actions script').count()).toBe(0);
    expect(await page.title()).toBe('Workbench live dashboard');
    expect(await page.locator('#actions td', { hasText: 'maya1<i>evil</i>' }).count()).toBe(1);
  });

  it("made no request off the machine (only the dashboard's own origin)", () => {
    const origin = new URL(dash.url).origin;
    expect(requests.length).toBeGreaterThan(3);
    expect(requests.filter((u) => !u.startsWith(origin))).toEqual([]);
  });

  it('on loopback without a token, answers only to localhost names (no DNS rebinding)', async () => {
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: dash.port, path: '/api/snapshot', headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await status('evil.example')).toBe(403);
    expect(await status(`evil.example:${dash.port}`)).toBe(403);
    expect(await status(`localhost:${dash.port}`)).toBe(200);
    expect(await status(`127.0.0.1:${dash.port}`)).toBe(200);
  });

  it('bound elsewhere: refuses to start without a token, and refuses every request and stream without it', async () => {
    await expect(startDashboard({ baseUrl: midgard.url, host: '0.0.0.0' })).rejects.toMatchObject({
      hint: expect.stringMatching(/--token/) as unknown,
    });
    const guarded = await startDashboard({ baseUrl: midgard.url, host: '0.0.0.0', token: 's3cret', intervalMs: 200 });
    try {
      const local = `http://127.0.0.1:${guarded.port}`;
      for (const path of ['/', '/app.js', '/assets/plotly.min.js', '/events', '/api/snapshot']) {
        expect((await fetch(local + path)).status, path).toBe(401);
        expect((await fetch(`${local}${path}?token=wrong`)).status, path).toBe(401);
      }
      expect((await fetch(`${local}/api/snapshot`, { headers: { authorization: 'Bearer s3cret' } })).status).toBe(200);
      const p = await open(`${local}/?token=s3cret`);
      await p.waitForFunction(() => window.__dash.rows > 0);
      await p.close();
    } finally {
      await guarded.close();
    }
  });
});
