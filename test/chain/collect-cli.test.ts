import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ChainDaySimulator,
  deriveChainDays,
  startFlipsideServer,
  warmupStart,
  type DailyAggregate,
  type FlipsideServer,
} from '../../src/chain';
import { addDays } from '../../src/chain/metrics';
import { parseFaults } from '../../src/serve';
import { workbenchAsync } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();
const KEY = 'fs-test-key-9f8e7d6c5b4a';
let server: FlipsideServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** What the rows must be: the simulator's aggregates for the warm-up + window, derived independently of the CLI. */
function expected(seed: number, chain: 'ethereum' | 'bitcoin', from: string, to: string) {
  const sim = new ChainDaySimulator({ seed, missingRate: 0.01 });
  const raw: DailyAggregate[] = sim.rows(chain, warmupStart(from), addDays(to, 1)).map((r) => ({
    chain,
    date: r.day.slice(0, 10),
    source: 'flipside',
    transactions: r.transactions,
    activeSenders: r.active_senders,
    activeReceivers: r.active_receivers,
    successRate: r.success_rate,
    feesNative: r.fees_native,
    transferredNative: r.transferred_native,
    gasUsed: r.gas_used,
    contractCalls: r.contract_calls,
  }));
  return deriveChainDays(raw, { from, to, chains: [chain] });
}

const collect = (dir: string, extra: string[], env: NodeJS.ProcessEnv = { FLIPSIDE_API_KEY: KEY }) =>
  workbenchAsync(
    [
      'chain',
      'collect',
      '--source',
      'flipside',
      '--flipside-url',
      server?.url ?? 'http://127.0.0.1:9',
      '--out',
      join(dir, 'days.jsonl'),
      '--cache',
      join(dir, 'cache'),
      ...extra,
    ],
    env,
  );

describe('workbench chain collect', () => {
  it('returns every chain-day exactly once through redirects, pages, concurrency errors and 5xx, and keeps the key out of every output', async () => {
    server = await startFlipsideServer(
      { seed: 4, apiKey: KEY, redirectRate: 0.5, concurrencyErrorRate: 0.3, maxPageSize: 40, pollsToFinish: 2 },
      parseFaults('5xx=0.15,429=0.1,seed=11'),
    );
    const dir = tmp();
    const r = await collect(dir, [
      '--chains',
      'ethereum,bitcoin',
      '--from',
      '2025-01-10',
      '--to',
      '2025-04-20',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(join(dir, 'days.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { chain: string; date: string });
    const want = [
      ...expected(4, 'ethereum', '2025-01-10', '2025-04-20'),
      ...expected(4, 'bitcoin', '2025-01-10', '2025-04-20'),
    ];
    expect(lines).toHaveLength(2 * 101);
    expect(new Set(lines.map((l) => `${l.chain} ${l.date}`)).size).toBe(lines.length);
    expect(lines).toEqual(JSON.parse(JSON.stringify(want)));
    const calls = server.calls.map((c) => c.method);
    expect(calls).toContain('getQueryRunResults');
    const files = [join(dir, 'days.jsonl'), ...readdirSync(join(dir, 'cache')).map((f) => join(dir, 'cache', f))];
    for (const text of [r.stdout, r.stderr, ...files.map((f) => readFileSync(f, 'utf8'))])
      expect(text.includes(KEY)).toBe(false);

    // The same query again costs no query: answered from the cache.
    const before = server.calls.length;
    const again = await collect(dir, [
      '--chains',
      'ethereum,bitcoin',
      '--from',
      '2025-01-10',
      '--to',
      '2025-04-20',
      '--json',
    ]);
    expect(again.code, again.stderr).toBe(0);
    expect(server.calls.length).toBe(before);
    expect((JSON.parse(again.stdout) as { queries: { cached: boolean }[] }).queries.every((q) => q.cached)).toBe(true);
  }, 120_000);

  it('refuses injection attempts, unknown chains, bad dates and a missing key before any request', async () => {
    server = await startFlipsideServer({ seed: 4, apiKey: KEY });
    const dir = tmp();
    const cases: [string[], string][] = [
      [
        ['--chains', 'ethereum; drop table x', '--from', '2025-01-01', '--to', '2025-01-31'],
        'does not serve chain(s) ethereum; drop table x',
      ],
      [['--chains', 'ethereum', '--from', "2025-01-01' OR 1=1 --", '--to', '2025-01-31'], 'is not a date'],
      [['--chains', 'ethereum', '--from', '2025-02-30', '--to', '2025-03-31'], 'is not a date'],
      [['--chains', 'ethereum', '--from', '2025-03-01', '--to', '2025-02-01'], 'is before --from'],
      [['--chains', 'maya', '--from', '2025-01-01', '--to', '2025-01-31'], 'supported chains for flipside'],
    ];
    for (const [args, message] of cases) {
      const r = await collect(dir, args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain(message);
    }
    const noKey = await collect(dir, ['--chains', 'ethereum', '--from', '2025-01-01', '--to', '2025-01-31'], {
      FLIPSIDE_API_KEY: '',
    });
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('FLIPSIDE_API_KEY is not set');
    expect(server.calls).toHaveLength(0);
  }, 120_000);

  it('names the chain and query when the key is refused, without printing the key', async () => {
    server = await startFlipsideServer({ seed: 4, apiKey: KEY });
    const dir = tmp();
    const bad = await collect(dir, ['--chains', 'ethereum', '--from', '2025-01-01', '--to', '2025-01-31'], {
      FLIPSIDE_API_KEY: 'wrong-key-000',
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/ethereum 2024-12-18\.\.2025-01-31/);
    expect(bad.stderr).toMatch(/key/i);
    expect(bad.stderr.includes('wrong-key-000')).toBe(false);
  }, 60_000);

  it('stops on a malformed row with an error naming the chain, the day and the query', async () => {
    server = await startFlipsideServer({ seed: 4, apiKey: KEY }, parseFaults('malformed=1,seed=2'));
    const dir = tmp();
    const r = await collect(dir, ['--chains', 'ethereum', '--from', '2025-01-10', '--to', '2025-01-20']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /malformed row from flipside for ethereum on (20\d\d-\d\d-\d\d|row \d+ \(day [^)]*\)) \(query ethereum 2024-12-27\.\.2025-01-20\)/,
    );
  }, 60_000);
});
