import { afterEach, describe, expect, it } from 'vitest';
import { FaultInjector, parseFaults, startServer, type RunningServer } from '../../src/serve';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('parseFaults', () => {
  it('reads the CLI syntax into a validated spec', () => {
    const f = parseFaults('429=0.1,5xx=0.2,retry-after=2,slow=0.05,slow-ms=300,malformed=0.01,seed=9');
    expect(f).toMatchObject({
      rate429: 0.1,
      rate5xx: 0.2,
      retryAfterSec: 2,
      slow: 0.05,
      slowMs: 300,
      malformed: 0.01,
      seed: 9,
    });
    expect(parseFaults(undefined).rate429).toBe(0);
  });
  it('names unknown faults and bad values', () => {
    expect(() => parseFaults('teapot=1')).toThrow(/unknown fault "teapot"/);
    expect(() => parseFaults('429=lots')).toThrow('fault 429 needs a number, got "lots"');
    expect(() => parseFaults('429=2')).toThrow(/rate429/);
  });
});

describe('fault injection', () => {
  it('is deterministic for a seed and hits at the configured rate', () => {
    const draws = (seed: number) => {
      const f = new FaultInjector(parseFaults(`malformed=0.3,seed=${seed}`));
      return Array.from({ length: 2000 }, () => f.hit('malformed'));
    };
    expect(draws(4)).toEqual(draws(4));
    expect(draws(4)).not.toEqual(draws(5));
    const rate = draws(4).filter(Boolean).length / 2000;
    expect(rate).toBeGreaterThan(0.25);
    expect(rate).toBeLessThan(0.35);
  });

  it('answers 429 with Retry-After and 5xx before the handler, and spares fault-free paths', async () => {
    server = await startServer({
      routes: [
        { method: 'GET', path: '/a', handler: () => ({ json: { ok: 1 } }) },
        { method: 'GET', path: '/health', handler: () => ({ json: { ok: 1 } }) },
      ],
      faults: parseFaults('429=0.3,5xx=0.3,retry-after=7,seed=3'),
      faultFree: (p) => p === '/health',
    });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 60; i++) {
      const r = await fetch(`${server.url}/a`);
      statuses.push(r.status);
      if (r.status === 429) retryAfter = r.headers.get('retry-after');
    }
    expect(statuses).toContain(200);
    expect(statuses).toContain(429);
    expect(statuses.some((s) => s >= 500)).toBe(true);
    expect(retryAfter).toBe('7');
    for (let i = 0; i < 20; i++) expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
  });
});
