import { silentProgress, type Progress } from '../../core/progress';
import { withRetries } from '../../core/retry';
import { AdaptiveGate } from './adaptive-gate';
import type { AppendLog } from './append-log';
import type { RequestCache } from './request-cache';

export interface Job<Req> {
  /** Idempotent record id: the same job in a rerun has the same id. */
  id: string;
  request: Req;
}

/** How a failed attempt is treated: retried (with backoff) or final; 429s also slow everyone down. */
export interface AttemptFailure {
  retryable: boolean;
  rateLimited: boolean;
  retryAfterMs?: number;
  message: string;
}

export interface RunOptions<Req, Res, Rec> {
  jobs: readonly Job<Req>[];
  log: AppendLog;
  call: (request: Req, signal?: AbortSignal) => Promise<Res>;
  classify: (error: unknown) => AttemptFailure;
  toRecord: (job: Job<Req>, response: Res, meta: { cached: boolean; attempts: number }) => Rec;
  /** USD a response cost (0 for a cached one is applied by the runner). */
  costOf: (response: Res) => number;
  concurrency: number;
  cache?: RequestCache<Res>;
  cacheKey?: (request: Req) => string;
  /** Stop starting new requests once this much was spent in this run (in-flight ones finish). */
  maxCostUsd?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Uniform [0, 1) for backoff jitter (seeded in tests). */
  random?: () => number;
  progress?: Progress;
  signal?: AbortSignal;
}

export interface RunSummary {
  jobs: number;
  /** Already in the output from an earlier run. */
  resumed: number;
  written: number;
  fromCache: number;
  failed: { id: string; error: string }[];
  notStarted: number;
  costUsd: number;
  stoppedByCost: boolean;
  seconds: number;
}

/**
 * Runs every job not yet in the log with bounded, adaptive concurrency, retries retryable
 * failures with jittered exponential backoff (honouring Retry-After), answers repeated requests
 * from the cache, appends one record per finished job, and stops cleanly at the cost ceiling.
 * A job that finally fails writes nothing, so the next run tries it again.
 */
export async function runJobs<Req, Res, Rec>(o: RunOptions<Req, Res, Rec>): Promise<RunSummary> {
  const t0 = Date.now();
  const todo = o.jobs.filter((j) => !o.log.has(j.id));
  const gate = new AdaptiveGate(Math.max(1, o.concurrency));
  const progress = o.progress ?? silentProgress;
  const random = o.random ?? Math.random;
  const maxAttempts = o.maxAttempts ?? 6;
  const s: RunSummary = {
    jobs: o.jobs.length,
    resumed: o.jobs.length - todo.length,
    written: 0,
    fromCache: 0,
    failed: [],
    notStarted: 0,
    costUsd: 0,
    stoppedByCost: false,
    seconds: 0,
  };
  const overBudget = () => o.maxCostUsd !== undefined && s.costUsd >= o.maxCostUsd;
  let next = 0;
  const status = () => {
    const done = s.written + s.failed.length;
    const sec = (Date.now() - t0) / 1000;
    const rate = sec > 0 ? done / sec : 0;
    const eta = rate > 0 ? Math.round((todo.length - done) / rate) : null;
    return `${s.written} written, ${s.failed.length} failed, ${rate.toFixed(2)}/s, ETA ${eta === null ? '—' : `${eta}s`}, $${s.costUsd.toFixed(4)}${o.maxCostUsd !== undefined ? ` of $${o.maxCostUsd}` : ''}, concurrency ${gate.limit}`;
  };

  async function runOne(job: Job<Req>): Promise<void> {
    const key = o.cache && o.cacheKey ? o.cacheKey(job.request) : undefined;
    const hit = key ? o.cache?.get(key) : undefined;
    if (hit !== undefined) {
      o.log.append(job.id, o.toRecord(job, hit, { cached: true, attempts: 0 }));
      s.written++;
      s.fromCache++;
      return;
    }
    let attempts = 0;
    let res: Res;
    try {
      res = await withRetries(
        async (n) => {
          attempts = n;
          await gate.acquire(o.signal);
          try {
            const r = await o.call(job.request, o.signal);
            gate.release('ok');
            return r;
          } catch (e) {
            const f = o.signal?.aborted ? undefined : o.classify(e);
            gate.release(f?.rateLimited ? 'rate-limited' : 'error', f?.retryAfterMs);
            throw e;
          }
        },
        {
          retries: maxAttempts - 1,
          baseDelayMs: o.baseDelayMs,
          maxDelayMs: o.maxDelayMs,
          random,
          signal: o.signal,
          decide: (e) => {
            const f = o.classify(e);
            return f.retryable ? { retry: true, reason: f.message, waitMs: f.retryAfterMs } : { retry: false };
          },
        },
      );
    } catch (e) {
      if (o.signal?.aborted) throw e;
      s.failed.push({ id: job.id, error: `${o.classify(e).message} (attempt ${attempts})` });
      return;
    }
    s.costUsd += o.costOf(res);
    if (key) o.cache?.put(key, res);
    o.log.append(job.id, o.toRecord(job, res, { cached: false, attempts }));
    s.written++;
  }

  async function worker(): Promise<void> {
    while (next < todo.length) {
      if (overBudget()) {
        s.stoppedByCost = true;
        return;
      }
      const job = todo[next++] as Job<Req>;
      await runOne(job);
      progress.update(s.written + s.failed.length, status());
    }
  }

  progress.start(todo.length, `${todo.length} requests (${s.resumed} already done)`);
  try {
    await Promise.all(Array.from({ length: Math.max(1, o.concurrency) }, () => worker()));
  } finally {
    progress.stop(status());
  }
  s.notStarted = todo.length - next;
  s.seconds = (Date.now() - t0) / 1000;
  return s;
}
