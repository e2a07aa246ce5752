import { performance } from 'node:perf_hooks';
import { SEED_HEIGHT, simulateActions, startMidgardServer, type MidgardAction } from '../midgard';
import { SimExternal, type ExternalPrices } from './external';
import { runScan, seedAnchor } from './pipeline';
import type { Chain } from './units';
import { startDashboard } from './dashboard';

/** A simulated day of Maya, and a THORChain-shaped twin (another seed, RUNE for CACAO) to scan beside it. */
function day(seed: number, blocks: number, twin: boolean): MidgardAction[] {
  const out: MidgardAction[] = [];
  const last = SEED_HEIGHT + blocks;
  for (const a of simulateActions({ seed }, 10_000_000)) {
    if (Number(a.height) > last) break;
    out.push(twin ? (JSON.parse(JSON.stringify(a).replace(/MAYA\.CACAO/g, 'THOR.RUNE')) as MidgardAction) : a);
  }
  return out;
}

/** The twin's pools hold CACAO-sized (1e10) numbers under RUNE's 1e8 units: its "RUNE" is priced per 1e10 base unit. */
class TwinExternal implements ExternalPrices {
  readonly name = 'sim twin';
  constructor(private readonly inner: SimExternal) {}
  at(h: number, d: bigint): void {
    this.inner.at(h);
    void d;
  }
  usd(_c: Chain, asset: string): number | undefined {
    if (asset === 'THOR.RUNE') return (this.inner.usd('maya', 'MAYA.CACAO') ?? 0) / 100;
    return this.inner.usd('maya', asset);
  }
}

/**
 * Scan speed on a simulated day per chain (blocks × pools evaluated per second, every block, both
 * chains interleaved with cross-chain pairs); simulating the feeds is not timed.
 */
export async function benchScan(blocks = Number(process.env.BENCH_BLOCKS ?? 14_400)) {
  const maya = day(1, blocks, false);
  const thor = day(2, blocks, true);
  const twinAnchor = seedAnchor().map((p) => ({ ...p, chain: 'thorchain' as const }));
  const ext = () => ({ maya: new SimExternal({ seed: 1 }), thorchain: new TwinExternal(new SimExternal({ seed: 2 })) });
  const configs = [
    { name: 'maya only', feeds: () => [{ chain: 'maya' as const, anchor: seedAnchor(), actions: maya }] },
    {
      name: 'maya + twin (cross pairs every block)',
      feeds: () => [
        { chain: 'maya' as const, anchor: seedAnchor(), actions: maya },
        { chain: 'thorchain' as const, anchor: twinAnchor, actions: thor },
      ],
    },
  ];
  const runs = [];
  // Untimed passes first: the scan's first seconds are JIT warm-up, not its speed.
  const both = configs[1] as (typeof configs)[number];
  for (let i = 0; i < 2; i++)
    await runScan(both.feeds(), {
      external: ext(),
      simFees: true,
      fees: { inbound: false },
      collectTrades: false,
      onOpportunity: () => undefined,
    });
  for (const c of configs) {
    for (const minProfitUsd of [1, 0]) {
      const times: number[] = [];
      let poolBlocks = 0;
      for (let rep = 0; rep < 3; rep++) {
        const t0 = performance.now();
        const r = await runScan(c.feeds(), {
          external: ext(),
          minProfitUsd,
          simFees: true,
          fees: { inbound: false },
          collectTrades: false,
          onOpportunity: () => undefined,
        });
        times.push((performance.now() - t0) / 1000);
        poolBlocks = r.poolBlocks;
      }
      times.sort((a, b) => a - b);
      const med = times[1] as number;
      runs.push({
        feeds: c.name,
        minProfitUsd,
        poolBlocks,
        medianSeconds: Math.round(med * 1000) / 1000,
        poolBlocksPerSecond: Math.round(poolBlocks / med),
        bestPoolBlocksPerSecond: Math.round(poolBlocks / (times[0] as number)),
      });
    }
  }
  return {
    benchmark: 'arb.scan',
    blocksPerChain: blocks,
    actions: maya.length + thor.length,
    pools: 9,
    runs,
    note: 'median of 3 after two untimed warm-up passes; min profit 0 prices every pool-block in full (no bound pruning); the twin is an independent simulation, so its cross-chain gaps are large and searched every block',
  };
}

/**
 * Dashboard under a 50 actions/s feed: a live local Midgard (5 actions every 100 ms), the
 * dashboard polling every 200 ms, one Chromium page; latency = page render time − server fetch
 * time of the newest action in each update (same clock).
 */
export async function benchDashboard(seconds = Number(process.env.BENCH_SECONDS ?? 10)) {
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  const midgard = await startMidgardServer({ seed: 3, actions: 500, liveIntervalMs: 100, liveBatch: 5 });
  const dash = await startDashboard({ baseUrl: midgard.url, intervalMs: 200, external: new SimExternal({ seed: 3 }) });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(dash.url);
    await page.waitForFunction('window.__dash && window.__dash.rows > 0');
    const start = midgard.history.length;
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const lat = (await page.evaluate('window.__dash.latencies')) as number[];
    const grown = midgard.history.length - start;
    const sorted = [...lat].sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? null;
    return {
      benchmark: 'arb.dashboard',
      seconds,
      feedActionsPerSecond: Math.round(grown / seconds),
      updates: lat.length,
      latencyMs: { p50: q(0.5), p95: q(0.95), max: sorted[sorted.length - 1] ?? null },
      pageRowsShown: await page.evaluate('window.__dash.rows'),
    };
  } finally {
    await browser.close();
    await dash.close();
    await midgard.close();
  }
}
