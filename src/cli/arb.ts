import { join } from 'node:path';
import type { Command } from 'commander';
import { WorkbenchError } from '../core';
import {
  evaluate,
  evaluationReport,
  jsonLine,
  openExternal,
  plantedLine,
  profileTraders,
  readTruth,
  runScan,
  simulateWithTruth,
  storeAnchor,
  summariseBots,
  writeLinesAtomic,
  type AnchorMode,
  type Chain,
  type ExternalPrices,
  type Opportunity,
  type ScanFeed,
} from '../arb';
import { MidgardStore } from '../midgard';
import { writeReport } from '../report';
import { nonNegativeInt, nonNegativeNumber, oneOf, positiveInt, positiveNumber } from './args';
import { DEFAULT_STORE } from './midgard';
import { printJson } from './output';

interface ScanOpts {
  store: string;
  chain: 'maya' | 'thorchain' | 'both';
  external: string;
  anchor?: AnchorMode;
  minProfitUsd: number;
  blockSeconds: number;
  inboundFees: boolean;
  streaming?: number;
}

/** Opens the store and builds one feed per chain (anchor: seed for simulated Maya, else depth history). */
async function openFeeds(
  o: ScanOpts,
): Promise<{ store: MidgardStore; feeds: ScanFeed[]; external: Partial<Record<Chain, ExternalPrices>> }> {
  const chains: Chain[] = o.chain === 'both' ? ['maya', 'thorchain'] : [o.chain];
  const store = await MidgardStore.open(o.store);
  try {
    const external: Partial<Record<Chain, ExternalPrices>> = {};
    const feeds: ScanFeed[] = [];
    for (const chain of chains) {
      if ((await store.counts(chain)).actions === 0)
        throw new WorkbenchError(
          `the store ${o.store} holds no ${chain} actions`,
          `sync them first: workbench midgard sync --chain ${chain} --store ${o.store} --base-url URL`,
        );
      const simulated = o.external.startsWith('sim');
      const anchor = await storeAnchor(store, chain, o.anchor ?? (simulated && chain === 'maya' ? 'seed' : 'depths'));
      // The simulator's walk prices Maya only; a CSV serves every chain.
      if (!simulated || chain === 'maya') external[chain] = openExternal(o.external, { blockSeconds: o.blockSeconds });
      feeds.push({ chain, anchor, actions: store.actions({ chain }) });
    }
    return { store, feeds, external };
  } catch (e) {
    await store.close();
    throw e;
  }
}

/** What `arb scan` and `arb evaluate` both scan with: the prices, fees, threshold and fee model. */
function scanSettings(o: ScanOpts, external: Partial<Record<Chain, ExternalPrices>>) {
  return {
    external,
    fees: { inbound: o.inboundFees },
    minProfitUsd: o.minProfitUsd,
    simFees: o.external.startsWith('sim'),
  };
}

function scanOptions(c: Command): Command {
  return c
    .option('--store <path>', 'DuckDB store', DEFAULT_STORE)
    .option('--chain <chain>', 'maya, thorchain or both', oneOf('maya', 'thorchain', 'both'), 'maya')
    .option(
      '--external <spec>',
      "external prices: FILE.csv (time,asset,usd) or sim[:SEED][@N] (the simulator's walk, refreshed every N blocks; sim alone = seed 1, midgard serve's default)",
      'sim',
    )
    .option(
      '--anchor <mode>',
      'replay start: seed (simulated Maya), depths (earliest depth history), snapshot',
      oneOf('seed', 'depths', 'snapshot'),
    )
    .option('--min-profit-usd <x>', 'report opportunities earning at least this', nonNegativeNumber, 1)
    .option(
      '--block-seconds <s>',
      "the simulator's block time, for --external sim (as given to midgard serve)",
      positiveNumber,
      6,
    )
    .option('--no-inbound-fees', 'charge no inbound network fee (the simulator charges none)')
    .option(
      '--streaming <n>',
      'also size a streaming alternative in N sub-swaps (pool recovering half way between)',
      positiveInt,
    );
}

export function registerArb(program: Command): void {
  const arb = program
    .command('arb')
    .description(
      'arbitrage scanner: opportunities across pools, chains and external prices; ground truth from the simulator',
    );

  scanOptions(arb.command('scan').description('scan the stored feeds for opportunities and write them as JSON lines'))
    .requiredOption('--out <file>', 'output .jsonl (one opportunity per line)')
    .option('--json', 'print the summary as JSON')
    .action(async (o: ScanOpts & { out: string; json?: boolean }) => {
      const { store, feeds, external } = await openFeeds(o);
      const lines: string[] = [];
      const byKind: Record<string, number> = {};
      try {
        const run = await runScan(feeds, {
          ...scanSettings(o, external),
          collectTrades: false,
          streaming: o.streaming ? { quantity: o.streaming, recovery: 0.5 } : undefined,
          onOpportunity: (x: Opportunity) => {
            byKind[x.kind] = (byKind[x.kind] ?? 0) + 1;
            lines.push(jsonLine(x));
          },
        });
        writeLinesAtomic(o.out, lines);
        const summary = {
          opportunities: lines.length,
          byKind,
          poolBlocks: run.poolBlocks,
          seconds: run.seconds,
          out: o.out,
        };
        if (o.json) printJson(summary);
        else
          process.stdout.write(
            `scanned ${run.poolBlocks} pool-blocks in ${run.seconds.toFixed(2)} s: ${lines.length} opportunities ≥ $${o.minProfitUsd} (${
              Object.entries(byKind)
                .map(([k, n]) => `${k} ${n}`)
                .join(', ') || 'none'
            }) → ${o.out}\n`,
          );
      } finally {
        await store.close();
      }
    });

  scanOptions(
    arb
      .command('evaluate')
      .description(
        "score the scanner against the simulator's planted truth: precision, recall, profit error, bots (HTML report)",
      ),
  )
    .requiredOption('--truth <file>', 'planted truth JSONL (workbench arb truth)')
    .requiredOption('--out <dir>', 'report folder')
    .action(async (o: ScanOpts & { truth: string; out: string }) => {
      if (o.chain !== 'maya')
        throw new WorkbenchError('the simulator plants Maya mispricings only', 'use --chain maya with arb evaluate');
      const truth = readTruth(o.truth);
      const { store, feeds, external } = await openFeeds(o);
      try {
        const run = await runScan(feeds, scanSettings(o, external));
        const ev = evaluate(truth, run.opportunities, run.trades, run.fees, o.minProfitUsd);
        const profiles = profileTraders(run.trades);
        const bots = summariseBots(profiles, truth);
        const r = evaluationReport({
          ev,
          opportunities: run.opportunities,
          profiles,
          bots,
          poolBlocks: run.poolBlocks,
          seconds: run.seconds,
          source: `${o.store}, external ${o.external}`,
        });
        const metrics = {
          all: ev.all,
          clear: ev.clear,
          backrunRecall: ev.backrunRecall,
          profitError: { ...ev.profitError, pairs: undefined },
          bots,
          poolBlocks: run.poolBlocks,
          seconds: run.seconds,
        };
        await writeReport(
          o.out,
          { title: r.title, subtitle: r.subtitle, blocks: r.blocks },
          {
            kind: 'cli',
            provenance: { startedAt: new Date(), params: { ...o }, inputs: [o.truth] },
            extraFiles: { 'metrics.json': JSON.stringify(metrics, null, 2) },
          },
        );
        process.stdout.write(
          `precision ${ev.all.precision.toFixed(3)}, recall ${ev.all.recall.toFixed(3)} (truth ≥ $${o.minProfitUsd}: ${ev.all.truthPositives}); back-run recall ${ev.backrunRecall.recall.toFixed(3)}; ` +
            `profit error median ${ev.profitError.medianAbsPct.toFixed(3)}% over ${ev.profitError.trades} trades; report → ${join(o.out, 'index.html')}\n`,
        );
      } finally {
        await store.close();
      }
    });

  arb
    .command('truth')
    .description(
      'write the mispricings the simulator plants for a seed (what `midgard serve --seed N --actions N` serves) as JSON lines',
    )
    .requiredOption('--out <file>', 'output .jsonl')
    .option('--seed <n>', 'simulator seed', nonNegativeInt, 1)
    .option('--actions <n>', 'actions in the feed', positiveInt, 5000)
    .option('--block-seconds <s>', 'mean block time, as given to midgard serve', positiveNumber, 6)
    .action((o: { out: string; seed: number; actions: number; blockSeconds: number }) => {
      const { truth } = simulateWithTruth({ seed: o.seed, blockSeconds: o.blockSeconds }, o.actions);
      writeLinesAtomic(o.out, truth.map(plantedLine));
      process.stdout.write(
        `wrote ${truth.length} planted records (${truth.filter((t) => t.kind !== 'gap').length} arbitrage trades) for seed ${o.seed} to ${o.out}\n`,
      );
    });
}
