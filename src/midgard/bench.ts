import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';
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

/** Writes the simulated feed as page texts, one a line (JSON.stringify writes no raw newline). */
function writePages(file: string, n: number, seed: number): void {
  const fd = openSync(file, 'w');
  try {
    let buf: unknown[] = [];
    const flush = () => {
      writeSync(fd, `${JSON.stringify({ actions: buf, meta: {} })}\n`);
      buf = [];
    };
    for (const a of simulateActions({ seed }, n)) {
      buf.push(a);
      if (buf.length === PAGE) flush();
    }
    if (buf.length) flush();
  } finally {
    closeSync(fd);
  }
}

/** The file's lines, read synchronously in 4 MB chunks (so no read runs inside a timed part). */
function* readLines(file: string): Generator<string> {
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(4 << 20);
    const utf8 = new StringDecoder('utf8'); // keeps a character cut at a chunk's end for the next
    let rest = '';
    for (;;) {
      const got = readSync(fd, chunk, 0, chunk.length, null);
      if (!got) break;
      const lines = (rest + utf8.write(chunk.subarray(0, got))).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) yield line;
    }
    rest += utf8.end();
    if (rest) yield rest;
  } finally {
    closeSync(fd);
  }
}

/**
 * Parse, validate, de-duplicate and store: simulated pages (as the JSON text a server sends)
 * ingested in the batches sync uses. One core (this process, no workers). The feed is simulated
 * into a file first and read back a batch at a time outside the timed parts, so neither the
 * simulator's CPU and garbage nor a million actions of input held in memory is counted: peak RSS
 * is the ingest's own, plus one batch of text.
 */
export async function benchIngest(opts: { actions?: number; seed?: number } = {}) {
  const n = opts.actions ?? 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'wb-bench-'));
  try {
    const feed = join(dir, 'pages.jsonl');
    writePages(feed, n, opts.seed ?? 1);
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
      const timed = async (texts: string[]) => {
        if (!firstPages.length) firstPages = texts;
        const t0 = performance.now();
        const cpu0 = process.cpuUsage();
        for (const r of await store.ingestPrepared(prepare(texts))) inserted += r.inserted;
        const c = process.cpuUsage(cpu0);
        cpuTimed += (c.user + c.system) / 1e6;
        wallTimed += (performance.now() - t0) / 1000;
      };
      let texts: string[] = [];
      for (const line of readLines(feed)) {
        texts.push(line);
        if (texts.length === perBatch) {
          await timed(texts);
          texts = [];
        }
      }
      if (texts.length) await timed(texts);
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
    const cpu0 = process.cpuUsage();
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
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    await store.close();
    return {
      benchmark: 'midgard.sync',
      actions: n,
      inserted: result.inserted,
      pages: result.pages,
      actionsPerSec: Math.round(result.inserted / seconds),
      /** This process only (HTTP client, raw archive, ingest); the server runs in another. */
      cpuSeconds: Math.round(cpuSeconds * 100) / 100,
      actionsPerCpuSec: Math.round(result.inserted / cpuSeconds),
      peakRssMB,
      rssAtQuartersMB,
    };
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
