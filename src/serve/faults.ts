import { z } from 'zod';
import { createRng, WorkbenchError, type Rng } from '../core';

/**
 * Switchable fault injection for the local stand-in servers. Probabilities are per request (or
 * per item for item-level faults such as malformed actions) and drawn from a seeded generator,
 * so a test run sees the same faults every time.
 */
export const FaultSpecSchema = z
  .object({
    /** Share of requests answered 429 with Retry-After. */
    rate429: z.number().min(0).max(1).default(0),
    retryAfterSec: z.number().min(0).default(1),
    /** Share of requests answered with a 500, 502 or 503. */
    rate5xx: z.number().min(0).max(1).default(0),
    /** Share of requests delayed by slowMs before the answer. */
    slow: z.number().min(0).max(1).default(0),
    slowMs: z.number().int().min(0).default(1500),
    /** Fixed latency added to every request. */
    latencyMs: z.number().int().min(0).default(0),
    /** Item-level: share of items served malformed (each server decides what an item is). */
    malformed: z.number().min(0).max(1).default(0),
    /** Streaming: share of streams cut by an error event mid-way. */
    midstream: z.number().min(0).max(1).default(0),
    /** Share of completions cut at the length limit with an empty answer (LLM server). */
    truncate: z.number().min(0).max(1).default(0),
    seed: z.number().int().default(1),
  })
  .strict();
export type FaultSpec = z.infer<typeof FaultSpecSchema>;

const KEYS: Record<string, keyof FaultSpec> = {
  '429': 'rate429',
  '5xx': 'rate5xx',
  'retry-after': 'retryAfterSec',
  slow: 'slow',
  'slow-ms': 'slowMs',
  latency: 'latencyMs',
  malformed: 'malformed',
  midstream: 'midstream',
  truncate: 'truncate',
  seed: 'seed',
};

/** Parses `--faults "429=0.1,5xx=0.05,slow=0.1,slow-ms=2000,malformed=0.02,seed=7"`. */
export function parseFaults(text: string | undefined): FaultSpec {
  const raw: Record<string, number> = {};
  for (const part of (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [k = '', v = ''] = part.split('=');
    const key = KEYS[k.trim()];
    if (!key) throw new WorkbenchError(`unknown fault "${k}" in --faults; known: ${Object.keys(KEYS).join(', ')}`);
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n)) throw new WorkbenchError(`fault ${k} needs a number, got "${v}"`);
    raw[key] = n;
  }
  const parsed = FaultSpecSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new WorkbenchError(`--faults: ${i?.path.join('.')}: ${i?.message}`);
  }
  return parsed.data;
}

export const NO_FAULTS: Readonly<FaultSpec> = Object.freeze(FaultSpecSchema.parse({}));

/** Seeded draws, one stream per server instance. */
export class FaultInjector {
  private rng: Rng;
  constructor(readonly spec: FaultSpec) {
    this.rng = createRng(spec.seed);
  }
  /** True with the probability configured for this fault. */
  hit(kind: 'rate429' | 'rate5xx' | 'slow' | 'malformed' | 'midstream' | 'truncate'): boolean {
    const p = this.spec[kind];
    return p > 0 && this.rng.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.rng.int(items.length)] as T;
  }
}
