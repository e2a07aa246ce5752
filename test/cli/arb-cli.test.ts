import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MidgardClient,
  MidgardStore,
  startMidgardServer,
  syncActions,
  syncPools,
  type MidgardServer,
} from '../../src/midgard';
import { workbench, workbenchAsync } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();
let server: MidgardServer;
let dir: string;
let store: string;

// One small simulated feed synced through the real client, shared by the commands below.
beforeAll(async () => {
  server = await startMidgardServer({ seed: 11, actions: 1200 });
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  dir = mkdtempSync(join(tmpdir(), 'wb-arb-cli-'));
  store = join(dir, 'w.duckdb');
  const s = await MidgardStore.open(store);
  const client = new MidgardClient(server.url, { rps: 1000 });
  await syncActions({ client, store: s, chain: 'maya', rawDir: join(dir, 'raw') });
  await syncPools(client, s, 'maya');
  await s.close();
}, 60_000);
afterAll(async () => {
  await server?.close();
  const { rmSync } = await import('node:fs');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('workbench arb / protocol', () => {
  it('truth, evaluate and scan on a synced simulated feed', async () => {
    const truth = join(dir, 'truth.jsonl');
    const t = await workbenchAsync(['arb', 'truth', '--seed', '11', '--actions', '1200', '--out', truth]);
    expect(t.code, t.stderr).toBe(0);
    const lines = readFileSync(truth, 'utf8').trim().split('\n');
    expect(lines.some((l) => l.includes('"kind":"arb"'))).toBe(true);

    const out = join(dir, 'report');
    const ev = await workbenchAsync([
      'arb',
      'evaluate',
      '--store',
      store,
      '--truth',
      truth,
      '--out',
      out,
      '--external',
      'sim:11',
      '--no-inbound-fees',
      '--min-profit-usd',
      '1',
    ]);
    expect(ev.code, ev.stderr).toBe(0);
    const m = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as {
      all: { precision: number; recall: number; truthPositives: number };
    };
    expect(m.all.truthPositives).toBeGreaterThan(20);
    expect(m.all.precision).toBeGreaterThan(0.9);
    expect(m.all.recall).toBeGreaterThan(0.9);
    expect(existsSync(join(out, 'index.html'))).toBe(true);

    const opps = join(dir, 'opps.jsonl');
    const sc = await workbenchAsync([
      'arb',
      'scan',
      '--store',
      store,
      '--out',
      opps,
      '--external',
      'sim:11',
      '--no-inbound-fees',
      '--json',
    ]);
    expect(sc.code, sc.stderr).toBe(0);
    const first = JSON.parse(readFileSync(opps, 'utf8').split('\n')[0] as string) as {
      kind: string;
      inAmount: string;
      profitUsd: number;
    };
    expect(first.profitUsd).toBeGreaterThanOrEqual(1);
    expect(first.inAmount).toMatch(/^\d+$/);
  }, 120_000);

  it('protocol metrics per pool and day', async () => {
    const out = join(dir, 'metrics.jsonl');
    const r = await workbenchAsync([
      'protocol',
      'metrics',
      '--store',
      store,
      '--from',
      '2024-09-01',
      '--to',
      '2024-09-30',
      '--out',
      out,
      '--external',
      'sim:11',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const rows = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, number | string>);
    const pools = rows.filter((x) => x.kind === 'pool');
    expect(pools.length).toBeGreaterThan(5);
    for (const p of pools) {
      expect(p.depthUsd as number).toBeGreaterThan(0);
      // Impermanent loss of a symmetric position is never a gain.
      expect(p.impermanentLoss as number).toBeLessThanOrEqual(0);
    }
    expect(rows.some((x) => x.kind === 'chain')).toBe(true);
  }, 60_000);

  it('bad input: one clear error, no stack, nothing written', () => {
    const out = join(tmp(), 'x.jsonl');
    const bad = join(tmp(), 'bad.csv');
    writeFileSync(bad, 'when,what\n1,2\n');
    const r = workbench(['arb', 'scan', '--store', store, '--external', bad, '--anchor', 'seed', '--out', out]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^error: .*header must name time, asset and usd/m);
    expect(r.stderr).toMatch(/^fix: /m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
    const d = workbench([
      'protocol',
      'metrics',
      '--store',
      store,
      '--from',
      '2024-13',
      '--to',
      '2024-09-30',
      '--out',
      out,
    ]);
    expect(d.code).not.toBe(0);
    expect(d.stderr).toMatch(/error: .*YYYY-MM-DD/);
  }, 60_000);
});
