import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  actionIdentity,
  MidgardClient,
  MidgardStore,
  startMidgardServer,
  syncActions,
  validateAction,
  type MidgardServer,
} from '../../src/midgard';
import { readGzipLines } from '../../src/core';
import { parseFaults } from '../../src/serve';
import { ROOT, workbenchAsync } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();
let server: MidgardServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** What the server serves, split into what must be stored and what must be quarantined. */
function served(s: MidgardServer) {
  const valid: string[] = [];
  const malformed: string[] = [];
  s.history.json.forEach((text, i) => {
    const v = validateAction(JSON.parse(text));
    if (s.history.malformed.has(i)) {
      expect(v.ok).toBe(false);
      malformed.push(text);
    } else if (v.ok) valid.push(actionIdentity(v.action));
    else throw new Error(`server served an invalid action it did not mark malformed: ${v.reason}`);
  });
  return { valid, malformed };
}

async function storedIds(store: MidgardStore): Promise<string[]> {
  const ids: string[] = [];
  for await (const a of store.actions()) ids.push(actionIdentity(a));
  return ids;
}

async function expectExact(store: MidgardStore, s: MidgardServer) {
  const { valid, malformed } = served(s);
  // Exactly the served valid actions, once each, in ascending chain order (the server's order).
  expect(await storedIds(store)).toEqual(valid);
  const q: string[] = [];
  for await (const x of store.quarantined()) q.push(x.rawJson);
  expect(q.sort()).toEqual(malformed.map((m) => JSON.stringify(JSON.parse(m))).sort());
}

const fast = (url: string) => new MidgardClient(url, { rps: 1000, baseDelayMs: 5, retries: 12 });

describe('syncActions against the local Midgard', () => {
  it('stores exactly the served valid actions, in order, with faults switched on', async () => {
    server = await startMidgardServer(
      { seed: 3, actions: 2500 },
      parseFaults('429=0.1,retry-after=0.05,5xx=0.1,slow=0.05,slow-ms=50,malformed=0.03,seed=11'),
    );
    const dir = tmp();
    const store = await MidgardStore.open(join(dir, 's.duckdb'));
    const sum = await syncActions({
      client: fast(server.url),
      store,
      chain: 'maya',
      rawDir: join(dir, 'raw'),
      batchActions: 300,
    });
    expect(sum.backfillDone).toBe(true);
    expect(server.stats.get(429)).toBeGreaterThan(0);
    expect([...server.stats.keys()].some((k) => k >= 500)).toBe(true);
    expect(server.history.malformed.size).toBeGreaterThan(10);
    await expectExact(store, server);
    expect(sum.quarantined).toBe(server.history.malformed.size);
    await store.close();
  });

  it('resumes where it stopped, and picks up actions added to the feed meanwhile, with no gap or duplicate', async () => {
    server = await startMidgardServer({ seed: 4, actions: 600 }, parseFaults('malformed=0.02,seed=2'));
    const dir = tmp();
    const path = join(dir, 's.duckdb');
    let store = await MidgardStore.open(path);
    const first = await syncActions({
      client: fast(server.url),
      store,
      chain: 'maya',
      rawDir: join(dir, 'raw'),
      maxActions: 170,
      batchActions: 50,
    });
    expect(first.backfillDone).toBe(false);
    expect((await store.counts()).actions).toBeGreaterThanOrEqual(170);
    await store.close();
    server.grow(230); // the head moves while we are away
    store = await MidgardStore.open(path);
    await syncActions({ client: fast(server.url), store, chain: 'maya', rawDir: join(dir, 'raw') });
    await expectExact(store, server);
    server.grow(75);
    const again = await syncActions({ client: fast(server.url), store, chain: 'maya', rawDir: join(dir, 'raw') });
    expect(again.inserted + again.quarantined).toBe(75);
    await expectExact(store, server);
    await store.close();
  });

  it('starts forward from a height when asked', async () => {
    server = await startMidgardServer({ seed: 5, actions: 400 });
    const dir = tmp();
    const store = await MidgardStore.open(join(dir, 's.duckdb'));
    const from = server.history.heights[250] as number;
    await syncActions({ client: fast(server.url), store, chain: 'maya', rawDir: join(dir, 'raw'), fromHeight: from });
    const heights: number[] = [];
    for await (const a of store.actions()) heights.push(Number(a.height));
    expect(heights[0]).toBe(from);
    expect(heights).toHaveLength(server.history.heights.filter((h) => h >= from).length);
    await store.close();
  });

  it('survives kill -9 at any point: the next run completes with no gap and no duplicate', async () => {
    server = await startMidgardServer({ seed: 6, actions: 3000 }, parseFaults('malformed=0.02,5xx=0.05,seed=4'));
    const dir = tmp();
    const storePath = join(dir, 's.duckdb');
    const args = ['midgard', 'sync', '--base-url', server.url, '--store', storePath, '--rps', '40', '--json'];
    // Kill it mid-sync, twice: once after its first commits, once early in the resumed run.
    // Raw pages are archived before each commit, so their count tells how far a run got.
    const rawLog = join(dir, 's-raw', `maya-${new Date().toISOString().slice(0, 10)}.jsonl.gz`);
    const pagesSoFar = () => readGzipLines(rawLog).lines.length;
    for (const morePages of [45, 6]) {
      const target = pagesSoFar() + morePages;
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'workbench.js'), ...args], {
        cwd: ROOT,
        stdio: 'ignore',
      });
      while (pagesSoFar() < target) await new Promise((r) => setTimeout(r, 20));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    const partial = await MidgardStore.open(storePath);
    const stored = (await partial.counts()).actions;
    await partial.close();
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(served(server).valid.length);
    expect(existsSync(storePath)).toBe(true);
    const done = await workbenchAsync(args);
    expect(done.code, done.stderr).toBe(0);
    const store = await MidgardStore.open(storePath);
    await expectExact(store, server);
    await store.close();
  });

  it('refuses limit > 50 before sending, and the server answers 400 to it', async () => {
    server = await startMidgardServer({ seed: 1, actions: 10 });
    await expect(fast(server.url).actions({ limit: 51 })).rejects.toThrow('limit must be 1..50, got 51');
    const r = await fetch(`${server.url}/v2/actions?limit=51`);
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ error: 'limit must be between 1 and 50' });
  });
});
