import type { Command } from 'commander';
import { createProgress, JsonlWriter, prepareOutputFile } from '../core';
import { parseFaults } from '../serve';
import {
  CHAINS_BY_SOURCE,
  checkChains,
  collectChainDays,
  DEFAULT_FLIPSIDE_URL,
  openSource,
  QueryCache,
  SOURCES,
  startFlipsideServer,
} from '../chain';
import { httpUrl, nonNegativeInt } from './args';
import { printJson } from './output';
import { serveUntilSignal } from './lifecycle';

export function registerChain(program: Command): void {
  const chain = program
    .command('chain')
    .description(
      'Cross-chain daily market metrics: Flipside SQL, Midgard history, simulated; derived metrics and regimes',
    );
  chain
    .command('collect')
    .description(
      'one validated row per chain and day (raw aggregates, derived metrics, regime label) to a JSONL file; queries cached',
    )
    .requiredOption(
      '--source <name>',
      `${SOURCES.join(' | ')} (sim: the seeded simulator behind a local Flipside server)`,
    )
    .requiredOption(
      '--chains <list>',
      `comma-separated; flipside/sim: ${CHAINS_BY_SOURCE.flipside.join(', ')}; midgard: ${CHAINS_BY_SOURCE.midgard.join(', ')}`,
    )
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD (UTC)')
    .requiredOption('--to <date>', 'last day, included')
    .requiredOption('--out <file>', 'JSONL output')
    .option(
      '--flipside-url <url>',
      `Flipside API base (key from FLIPSIDE_API_KEY); with --source sim, a running \`workbench flipside serve\``,
      httpUrl,
    )
    .option(
      '--midgard-url <url>',
      'Midgard base URL for --source midgard (default: the public Maya / THORChain Midgard)',
      httpUrl,
    )
    .option('--cache <dir>', 'query cache folder', 'data/chain-cache')
    .option('--seed <n>', 'simulator seed (--source sim)', nonNegativeInt, 1)
    .option('--max-age-minutes <m>', 'let Flipside reuse a result this recent', nonNegativeInt, 0)
    .option('--json', 'print the summary as JSON')
    .action(
      async (o: {
        source: string;
        chains: string;
        from: string;
        to: string;
        out: string;
        flipsideUrl?: string;
        midgardUrl?: string;
        cache: string;
        seed: number;
        maxAgeMinutes: number;
        json?: boolean;
      }) => {
        const { source: name, chains } = checkChains(
          o.source,
          o.chains
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean),
        );
        prepareOutputFile(o.out);
        const opened = await openSource(name, {
          flipsideUrl: o.flipsideUrl,
          midgardUrl: o.midgardUrl,
          seed: o.seed,
          maxAgeMinutes: o.maxAgeMinutes,
          onRetry: (m) => process.stderr.write(`retry: ${m}\n`),
        });
        // Lazy: a collection that fails before its first row leaves no empty file (and an earlier one untouched).
        const out = new JsonlWriter(o.out, { lazy: true });
        try {
          const r = await collectChainDays({
            source: opened.source,
            chains,
            from: o.from,
            to: o.to,
            cache: new QueryCache(o.cache),
            progress: createProgress(),
            onChain: async (_c, rows) => {
              for (const row of rows) await out.write(row);
            },
          });
          const summary = {
            source: name,
            endpoint: opened.endpoint,
            out: o.out,
            rows: r.rows.length,
            missingDays: r.rows.filter((x) => x.missing).length,
            queries: r.queries,
            regimes: r.balance,
          };
          if (o.json) printJson(summary);
          else {
            process.stdout.write(
              `${r.rows.length} chain-days (${summary.missingDays} missing) from ${name} (${opened.endpoint}) → ${o.out}; ${r.queries.filter((q) => q.cached).length}/${r.queries.length} queries from cache\n`,
            );
            process.stdout.write(
              `regimes: ${Object.entries(r.balance.counts)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')}; unlabelled ${r.balance.unlabelled}\n`,
            );
          }
        } finally {
          await out.close();
          await opened.close();
        }
      },
    );

  const flipside = program
    .command('flipside')
    .description('The local Flipside-compatible JSON-RPC server (offline stand-in)');
  flipside
    .command('serve')
    .description(
      "serve simulated daily chain aggregates over Flipside's JSON-RPC API (createQueryRun, getQueryRun, getQueryRunResults, cancelQueryRun)",
    )
    .option('--port <port>', 'port (0 = any free one)', nonNegativeInt, 8090)
    .option('--seed <n>', 'simulator seed', nonNegativeInt, 1)
    .option('--faults <spec>', 'fault injection, e.g. "429=0.1,5xx=0.05,slow=0.05,malformed=0.01,seed=7"')
    .action(async (o: { port: number; seed: number; faults?: string }) => {
      const server = await startFlipsideServer({ port: o.port, seed: o.seed }, parseFaults(o.faults));
      process.stdout.write(
        `local Flipside JSON-RPC (OFFLINE SIMULATOR, seed ${o.seed}) at ${server.url}/json-rpc; the real API is ${DEFAULT_FLIPSIDE_URL}\n`,
      );
      await serveUntilSignal(server);
    });
}
