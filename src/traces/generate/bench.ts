import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFaults } from '../../serve';
import { chatComplete, createLlmClient, isLlmError, type Completion } from '../llm';
import type { ChatRequestInput } from '../llm/schema';
import { startLlmServer } from '../server';
import { AppendLog } from './append-log';
import { runJobs } from './runner';
import { round } from '../../core/stats';

export interface TracesBenchResult {
  concurrency: number;
  latencyMs: number;
  faults: string;
  requests: number;
  written: number;
  duplicates: number;
  failed: number;
  seconds: number;
  requestsPerSecond: number;
  /** requestsPerSecond / (concurrency / latency): 1 = every slot busy all the time. */
  utilisation: number;
}

/**
 * Sustained generation throughput against the local stand-in with a fixed latency and a server
 * limit of C requests in flight, faults on: how close the runner gets to C requests per latency.
 */
export async function benchTraces(
  o: { concurrency?: number; latencyMs?: number; requests?: number; faults?: string } = {},
): Promise<TracesBenchResult> {
  const C = o.concurrency ?? 16;
  const latencyMs = o.latencyMs ?? 1000;
  const n = o.requests ?? C * 12;
  const faults = o.faults ?? '5xx=0.02,midstream=0.02,seed=9';
  const server = await startLlmServer({ latencyMs, maxConcurrent: C, quality: 'good' }, parseFaults(faults));
  const dir = mkdtempSync(join(tmpdir(), 'wb-traces-bench-'));
  const log = new AppendLog(join(dir, 'out.jsonl'), (v) => (v as { id?: string }).id);
  try {
    const client = createLlmClient({ baseUrl: `${server.url}/v1`, apiKey: 'bench' });
    const jobs = Array.from({ length: n }, (_, i) => ({
      id: `r${i}`,
      request: {
        model: 'bench',
        messages: [
          {
            role: 'user' as const,
            content: `ethereum 2025-01-${String((i % 28) + 1).padStart(2, '0')} transactions: ${1000 + i}`,
          },
        ],
        maxTokens: 512,
      } satisfies ChatRequestInput,
    }));
    const t0 = performance.now();
    const s = await runJobs<ChatRequestInput, Completion, { id: string }>({
      jobs,
      log,
      concurrency: C,
      baseDelayMs: 100,
      maxDelayMs: 2000,
      maxAttempts: 10,
      call: (req, signal) => chatComplete(client, req, { signal }),
      classify: (e) =>
        isLlmError(e)
          ? { retryable: e.retryable, rateLimited: e.status === 429, retryAfterMs: e.retryAfterMs, message: e.message }
          : { retryable: false, rateLimited: false, message: String(e) },
      costOf: () => 0,
      toRecord: (job) => ({ id: job.id }),
    });
    const seconds = (performance.now() - t0) / 1000;
    const rps = s.written / seconds;
    return {
      concurrency: C,
      latencyMs,
      faults,
      requests: n,
      written: s.written,
      duplicates: s.written - log.ids.size,
      failed: s.failed.length,
      seconds: round3(seconds),
      requestsPerSecond: round3(rps),
      utilisation: round3(rps / (C / (latencyMs / 1000))),
    };
  } finally {
    log.close();
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
}

const round3 = (x: number) => round(x, 3);
