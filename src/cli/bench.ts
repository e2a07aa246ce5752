import type { Command } from 'commander';
import { WorkbenchError } from '../core';
import { benchModel } from '../maya/model/bench';
import { benchAgainstTorch } from '../maya/model/bench-torch';
import { benchIngest, benchSync } from '../midgard/bench';
import { benchTraces } from '../traces/generate/bench';
import { benchReport } from '../report/bench';
import { benchRewards } from '../calibration';
import { benchMarket } from '../market';

/** Benchmarks by name; each stage adds its own. Speed is measured here, never in tests. */
const BENCHMARKS: Record<string, () => Promise<object>> = {
  report: () => benchReport(),
  'midgard-ingest': () => benchIngest({ actions: Number(process.env.BENCH_ACTIONS ?? 100_000) }),
  'midgard-sync': () => benchSync({ actions: Number(process.env.BENCH_ACTIONS ?? 100_000) }),
  'maya-model-s25_l6': () => benchModel('s25_l6'),
  'maya-model-default': () => benchModel('default'),
  /** s25_l6 step against bench/torch_ref.py (same architecture, one thread): both and the ratio when PyTorch is installed. */
  'maya-vs-torch': () => benchAgainstTorch(),
  'traces-throughput': () => benchTraces(),
  rewards: () => benchRewards(),
  market: () => benchMarket({ horizons: (process.env.BENCH_MARKET_HORIZONS ?? '1').split(',').map(Number) }),
  // Loaded when run: the dashboard bench drives Chromium.
  arb: async () => {
    // require, not import(): under tsx a dynamic import() takes the ESM path, which does not resolve .ts files.
    const b = require('../arb/bench') as typeof import('../arb/bench');
    return { scan: await b.benchScan(), dashboard: await b.benchDashboard() };
  },
};

export function registerBench(program: Command): void {
  program
    .command('bench')
    .description('run the benchmarks and print their measurements (JSON with --json)')
    .option('--only <names>', `comma-separated subset of: ${Object.keys(BENCHMARKS).join(', ')}`)
    .option('--json', 'print one JSON document')
    .addHelpText(
      'after',
      "\nBENCH_ACTIONS=N sets the size of the Midgard benchmarks (default 100000; the issue's memory check uses 1000000).",
    )
    .action(async (opts: { only?: string; json?: boolean }) => {
      const names = opts.only ? opts.only.split(',').map((s) => s.trim()) : Object.keys(BENCHMARKS);
      const unknown = names.filter((n) => !(n in BENCHMARKS));
      if (unknown.length)
        throw new WorkbenchError(
          `unknown benchmark(s) ${unknown.join(', ')}`,
          `use --only with some of: ${Object.keys(BENCHMARKS).join(', ')}`,
        );
      const results: Record<string, object> = {};
      for (const n of names) {
        const bench = BENCHMARKS[n];
        if (bench) results[n] = await bench();
      }
      const doc = { machine: { node: process.versions.node, platform: process.platform, arch: process.arch }, results };
      process.stdout.write(opts.json ? `${JSON.stringify(doc, null, 2)}\n` : `${JSON.stringify(doc)}\n`);
    });
}
