import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MidgardClient } from './client';
import { preparePage } from './ingest-prepare';
import { spawnMidgardServe } from './server/spawn';
import { simulateActions } from './sim';
import { MidgardStore } from './store';
import { SYNC_BATCH_ACTIONS, syncActions } from './sync';

const PAGE = 50;

/** Peak RSS while fn runs, sampled every 50 ms, plus samples at each quarter of the work. */
async function withRss<T>(fn: (mark: (fraction: number) => void) => Promise<T>) {
  let peak = process.memoryUsage().rss;
  const quarters: number[] = [];
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    const result = await fn((f) => {
      while (quarters.length < Math.floor(f * 4)) quarters.push(Math.round(process.memoryUsage().rss / 2 ** 20));
    });
    return {
      result,
      peakRssMB: Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20),
      rssAtQuartersMB: quarters,
    };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Parse, validate, de-duplicate and store: simulated pages (as the JSON text a server sends)
 * ingested in the batches sync uses. One core (this process, no workers). Pages are generated a
 * batch at a time, outside the timed parts, so neither the simulator's CPU nor a million actions
 * of input text held in memory is counted (peak RSS is the ingest's own, plus one batch of text).
 */
export async function benchIngest(opts: { actions?: number; seed?: number } = {}) {
  const n = opts.actions ?? 100_000;
  const actions = simulateActions({ seed: opts.seed ?? 1 }, n);
  /** The next `count` pages' JSON text (fewer at the end of the feed). */
  const nextPages = (count: number): string[] => {
    const out: string[] = [];
    let buf: unknown[] = [];
    while (out.length < count) {
      const a = actions.next();
      if (!a.done) buf.push(a.value);
      if (buf.length === PAGE || (a.done && buf.length)) {
        out.push(JSON.stringify({ actions: buf, meta: {} }));
        buf = [];
      }
      if (a.done) break;
    }
    return out;
  };
  const dir = mkdtempSync(join(tmpdir(), 'wb-bench-'));
  try {
    const store = await MidgardStore.open(join(dir, 'bench.duckdb'), { threads: 1 });
    const perBatch = SYNC_BATCH_ACTIONS / PAGE; // actions per transaction, as sync batches them
    // Each page is parsed and prepared as it "arrives", then the batch is stored, as sync does.
    const prepare = (texts: string[]) =>
      texts.map((text) =>
        preparePage({
          source: 'bench',
          chain: 'maya',
          url: 'bench',
          actions: (JSON.parse(text) as { actions: unknown[] }).actions,
          checkpoint: '{}',
        }),
      );
    let cpuTimed = 0;
    let wallTimed = 0;
    const { result, peakRssMB } = await withRss(async () => {
      let inserted = 0;
      let firstPages: string[] = [];
      for (;;) {
        const texts = nextPages(perBatch);
        if (!texts.length) break;
        if (!firstPages.length) firstPages = texts;
        const t0 = performance.now();
        const cpu0 = process.cpuUsage();
        for (const r of await store.ingestPrepared(prepare(texts))) inserted += r.inserted;
        const c = process.cpuUsage(cpu0);
        cpuTimed += (c.user + c.system) / 1e6;
        wallTimed += (performance.now() - t0) / 1000;
      }
      // DuckDB compresses inserted rows into the file at a checkpoint (when the WAL passes 256 MB,
      // every ~200k actions, so inside the timed loop at 1M; and on close): what is still pending
      // is checkpointed here and counted apart, before the duplicate pass can trigger it.
      const ck0 = process.cpuUsage();
      await store.query('CHECKPOINT');
      const ck = process.cpuUsage(ck0);
      const checkpointCpu = (ck.user + ck.system) / 1e6;
      // The first batch again: every action is now a duplicate, which is the de-duplication cost.
      const dupT0 = performance.now();
      let duplicates = 0;
      for (const r of await store.ingestPrepared(prepare(firstPages))) duplicates += r.duplicates;
      const dupMs = performance.now() - dupT0;
      return { inserted, duplicates, dupMs, checkpointCpu };
    });
    await store.close();
    return {
      benchmark: 'midgard.ingest',
      actions: n,
      actionsPerTransaction: perBatch * PAGE,
      inserted: result.inserted,
      actionsPerSec: Math.round(result.inserted / wallTimed),
      /** CPU seconds of this process (JS thread and DuckDB's one thread together): robust to other load on a shared machine. */
      cpuSeconds: Math.round(cpuTimed * 100) / 100,
      actionsPerCpuSec: Math.round(result.inserted / cpuTimed),
      checkpointCpuSeconds: Math.round(result.checkpointCpu * 100) / 100,
      actionsPerCpuSecWithCheckpoint: Math.round(result.inserted / (cpuTimed + result.checkpointCpu)),
      duplicateActionsPerSec: Math.round(result.duplicates / (result.dupMs / 1000)),
      peakRssMB,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A full sync from a local Midgard running in another process (so its memory is not counted):
 * actions/s end to end and this process's RSS at each quarter, which should stay flat.
 */
export async function benchSync(opts: { actions?: number; seed?: number } = {}) {
  const n = opts.actions ?? 100_000;
  const { url, child } = await spawnMidgardServe(['--actions', String(n), '--seed', String(opts.seed ?? 1)]);
  const dir = mkdtempSync(join(tmpdir(), 'wb-bench-'));
  try {
    const store = await MidgardStore.open(join(dir, 'bench.duckdb'), { threads: 1, memoryLimit: '256MB' });
    const client = new MidgardClient(url, { rps: 100_000 });
    const t0 = performance.now();
    const { result, peakRssMB, rssAtQuartersMB } = await withRss(async (mark) =>
      syncActions({
        client,
        store,
        chain: 'maya',
        rawDir: join(dir, 'raw'),
        progress: { start() {}, update: (done) => mark(done / n), stop() {} },
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    await store.close();
    return {
      benchmark: 'midgard.sync',
      actions: n,
      inserted: result.inserted,
      pages: result.pages,
      actionsPerSec: Math.round(result.inserted / seconds),
      peakRssMB,
      rssAtQuartersMB,
    };
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
