import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core';
import { AppendLog, RequestCache, runJobs, type AttemptFailure, type Job } from '../../../src/traces/generate';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop() as string, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'wb-runner-'));
  dirs.push(d);
  return d;
};

class HttpLike extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs?: number,
  ) {
    super(`HTTP ${status}`);
  }
}
const classify = (e: unknown): AttemptFailure => {
  const s = e instanceof HttpLike ? e.status : 0;
  return {
    retryable: s === 429 || s >= 500,
    rateLimited: s === 429,
    retryAfterMs: e instanceof HttpLike ? e.retryAfterMs : undefined,
    message: String(e),
  };
};
const idOf = (v: unknown) => (v as { id?: string }).id;
const jobs = (n: number): Job<{ n: number }>[] =>
  Array.from({ length: n }, (_, i) => ({ id: `job-${i}`, request: { n: i } }));
const lines = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; n: number });

/** A flaky endpoint: seeded 429s (with Retry-After) and 5xx; job 7 is a permanent 400. */
function flaky(seed: number, state = { inFlight: 0, peak: 0, calls: 0 }) {
  const rng = createRng(seed);
  return {
    state,
    call: async (req: { n: number }) => {
      state.calls++;
      state.inFlight++;
      state.peak = Math.max(state.peak, state.inFlight);
      try {
        await new Promise((r) => setTimeout(r, 2));
        if (req.n === 7) throw new HttpLike(400);
        const r = rng.next();
        if (r < 0.15) throw new HttpLike(429, 5);
        if (r < 0.3) throw new HttpLike(503);
        return { n: req.n, cost: 0.01 };
      } finally {
        state.inFlight--;
      }
    },
  };
}

const base = {
  classify,
  costOf: (r: { cost: number }) => r.cost,
  toRecord: (j: Job<{ n: number }>, r: { n: number }) => ({ id: j.id, n: r.n }),
  baseDelayMs: 1,
  maxDelayMs: 5,
  maxAttempts: 20,
};

describe('runJobs', () => {
  it('writes each job exactly once through 429s and 5xx, never above the concurrency limit, and leaves permanent failures for the next run', async () => {
    const out = join(tmp(), 'out.jsonl');
    const ep = flaky(1);
    const log = new AppendLog(out, idOf);
    const s = await runJobs({ ...base, jobs: jobs(40), log, call: ep.call, concurrency: 4 });
    log.close();
    expect(s.written).toBe(39);
    expect(s.failed.map((f) => f.id)).toEqual(['job-7']);
    expect(ep.state.peak).toBeLessThanOrEqual(4);
    const ids = lines(out).map((l) => l.id);
    expect(new Set(ids).size).toBe(39);
    expect(ids).not.toContain('job-7');
    expect(s.costUsd).toBeCloseTo(0.39, 10);

    // A rerun writes nothing new and asks only for the job that is still missing.
    const again = flaky(2);
    const log2 = new AppendLog(out, idOf);
    const s2 = await runJobs({ ...base, jobs: jobs(40), log: log2, call: again.call, concurrency: 4 });
    log2.close();
    expect(s2.resumed).toBe(39);
    expect(s2.written).toBe(0);
    expect(again.state.calls).toBe(1);
  });

  it('resumes after a torn last line (kill -9 during a write) with no loss and no duplicate', async () => {
    const out = join(tmp(), 'out.jsonl');
    writeFileSync(out, `${JSON.stringify({ id: 'job-0', n: 0 })}\n${JSON.stringify({ id: 'job-1', n: 1 })}\n`);
    appendFileSync(out, '{"id":"job-2","n":'); // the process died here
    const log = new AppendLog(out, idOf);
    expect([...log.ids]).toEqual(['job-0', 'job-1']);
    const s = await runJobs({
      ...base,
      jobs: jobs(5),
      log,
      call: async (r: { n: number }) => ({ n: r.n, cost: 0 }),
      concurrency: 2,
    });
    log.close();
    expect(s.resumed).toBe(2);
    expect(
      lines(out)
        .map((l) => l.id)
        .sort(),
    ).toEqual(['job-0', 'job-1', 'job-2', 'job-3', 'job-4']);
  });

  it('stops starting requests at the cost ceiling', async () => {
    const out = join(tmp(), 'out.jsonl');
    const log = new AppendLog(out, idOf);
    const s = await runJobs({
      ...base,
      jobs: jobs(50),
      log,
      call: async (r: { n: number }) => ({ n: r.n, cost: 0.1 }),
      concurrency: 2,
      maxCostUsd: 1,
    });
    log.close();
    expect(s.stoppedByCost).toBe(true);
    expect(s.costUsd).toBeGreaterThanOrEqual(1);
    // At most the requests already in flight when the ceiling was reached finish after it.
    expect(s.costUsd).toBeLessThanOrEqual(1 + 2 * 0.1 + 1e-9);
    expect(s.written + s.notStarted).toBe(50);
    expect(lines(out)).toHaveLength(s.written);
  });

  it('answers a repeated request from the cache, at no cost and without a call', async () => {
    const dir = tmp();
    const cache = new RequestCache<{ n: number; cost: number }>(join(dir, 'cache'));
    const cacheKey = (r: { n: number }) => RequestCache.key({ endpoint: 'x', ...r });
    const first = new AppendLog(join(dir, 'a.jsonl'), idOf);
    await runJobs({
      ...base,
      jobs: jobs(10),
      log: first,
      call: async (r: { n: number }) => ({ n: r.n, cost: 0.5 }),
      concurrency: 3,
      cache,
      cacheKey,
    });
    first.close();
    let calls = 0;
    const second = new AppendLog(join(dir, 'b.jsonl'), idOf);
    const s = await runJobs({
      ...base,
      jobs: jobs(10),
      log: second,
      call: async (r: { n: number }) => (calls++, { n: r.n, cost: 0.5 }),
      concurrency: 3,
      cache,
      cacheKey,
    });
    second.close();
    expect(calls).toBe(0);
    expect(s.fromCache).toBe(10);
    expect(s.costUsd).toBe(0);
    expect(
      lines(join(dir, 'b.jsonl'))
        .map((l) => l.n)
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 10 }, (_, i) => i));
  });
});
