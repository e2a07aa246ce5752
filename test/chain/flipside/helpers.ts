import { FlipsideClient, type FlipsideClientOptions, type FlipsideServer } from '../../../src/chain/flipside';
import type { SimDailyRow } from '../../../src/chain/sim';
import { DAILY_COLUMNS, type DailyQuery } from '../../../src/chain/sql';
import { FaultSpecSchema, type FaultSpec } from '../../../src/serve';

/** A key that must never show up in any output. */
export const KEY = 'fs-test-key-3c9e1f0b7a52d4';

export const faults = (spec: Partial<FaultSpec>): FaultSpec => FaultSpecSchema.parse(spec);

/** A client tuned for tests: tiny waits everywhere; every event recorded as text. */
export function testClient(
  server: FlipsideServer,
  o: Partial<FlipsideClientOptions> = {},
  events: string[] = [],
): FlipsideClient {
  return new FlipsideClient(server.url, {
    apiKey: KEY,
    pollMs: 1,
    maxPollIntervalMs: 5,
    baseDelayMs: 1,
    maxDelayMs: 5,
    concurrencyWaitMs: 1,
    onRetry: (e) => events.push(JSON.stringify(e)),
    onProgress: (e) => events.push(JSON.stringify(e)),
    ...o,
  });
}

/** What the client should return for a query: the generator's rows as Flipside serves them. */
export function expectedRows(server: FlipsideServer, q: DailyQuery): Record<string, unknown>[] {
  return server.sim.rows(q.chain, q.from, q.toExclusive).map((r: SimDailyRow) => {
    const rec: Record<string, unknown> = {};
    for (const c of DAILY_COLUMNS) rec[c] = c === 'day' ? `${r.day}T00:00:00.000Z` : r[c];
    return rec;
  });
}

/** Everything an error can show: message, hint, details, stack, own fields. */
export function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const own = Object.fromEntries(Object.entries(e));
  return [e.message, e.stack ?? '', JSON.stringify(own)].join('\n');
}

export async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}
