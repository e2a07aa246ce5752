import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, extname, join, parse, resolve } from 'node:path';
import type { Command } from 'commander';
import { createProgress, isWorkbenchError, JsonlWriter, WorkbenchError } from '../core';
import {
  exportActionsJsonl,
  MidgardClient,
  MidgardStore,
  simulateActions,
  startMidgardServer,
  syncActions,
  syncPools,
} from '../midgard';
import { parseFaults } from '../serve';
import { httpUrl, nonNegativeInt, oneOf, positiveInt, positiveNumber } from './args';
import { printJson } from './output';
import { serveUntilSignal } from './lifecycle';

export const DEFAULT_STORE = 'data/workbench.duckdb';

/** Raw pages live beside the store: data/workbench.duckdb → data/workbench-raw/. */
export function rawDirFor(store: string): string {
  const p = parse(resolve(store));
  return join(p.dir, `${p.name}-raw`);
}

/** A store a command reads: it must exist (DuckDB would silently create an empty one). */
export function requireStore(path: string): void {
  if (!existsSync(path))
    throw new WorkbenchError(
      `store ${path} does not exist`,
      'collect actions first with `workbench midgard sync --base-url URL --store PATH`, or pass --store <an existing store>',
    );
}

async function withStore<T>(path: string, fn: (s: MidgardStore) => Promise<T>, mustExist = true): Promise<T> {
  if (mustExist) requireStore(path);
  const store = await MidgardStore.open(path);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function registerMidgard(program: Command): void {
  const m = program
    .command('midgard')
    .description('Maya/THORChain Midgard data: sync, local server, simulator, export');

  m.command('sync')
    .description('collect /v2/actions into the DuckDB store (token paging, resumable, malformed actions quarantined)')
    .requiredOption(
      '--base-url <url>',
      'Midgard base URL, e.g. http://127.0.0.1:8080 from `workbench midgard serve`',
      httpUrl,
    )
    .option('--store <path>', 'DuckDB store', DEFAULT_STORE)
    .option('--chain <chain>', 'maya or thorchain', oneOf('maya', 'thorchain'), 'maya')
    .option('--max-actions <n>', 'stop after storing this many new actions', positiveInt)
    .option('--rps <r>', 'requests per second (be polite to public hosts)', positiveNumber, 1)
    .option('--from-height <h>', 'first run only: start at this height and go forward', nonNegativeInt)
    .option('--pools', 'also store a /v2/pools snapshot')
    .option(
      '--depths <interval>',
      "also store each pool's depth history at this interval (hour, day, week)",
      oneOf('5min', 'hour', 'day', 'week', 'month'),
    )
    .option('--json', 'print the summary as JSON')
    .action(
      async (o: {
        baseUrl: string;
        store: string;
        chain: string;
        maxActions?: number;
        rps: number;
        fromHeight?: number;
        pools?: boolean;
        depths?: string;
        json?: boolean;
      }) => {
        const client = new MidgardClient(o.baseUrl, {
          rps: o.rps,
          onRetry: (r) => process.stderr.write(`retry ${r.attempt} in ${Math.round(r.delayMs)} ms: ${r.reason}\n`),
        });
        const summary = await withStore(
          o.store,
          async (store) => {
            const s = await syncActions({
              client,
              store,
              chain: o.chain,
              rawDir: rawDirFor(o.store),
              maxActions: o.maxActions,
              fromHeight: o.fromHeight,
              progress: createProgress(),
            });
            const pools =
              o.pools || o.depths ? await syncPools(client, store, o.chain, { depthInterval: o.depths }) : undefined;
            return { ...s, pools, totals: await store.counts(o.chain) };
          },
          false,
        ).catch((e: unknown) => {
          // Everything stored so far is committed; say how to get the source up rather than only that it failed.
          if (isWorkbenchError(e) && !e.hint)
            throw new WorkbenchError(
              e.message,
              `check --base-url ${o.baseUrl} (is it up? a local stand-in: \`workbench midgard serve\`); run the same command again to resume`,
              e.details,
            );
          throw e;
        });
        if (o.json) printJson(summary);
        else {
          process.stdout.write(
            `synced ${o.chain} from ${o.baseUrl}: ${summary.pages} pages, ${summary.inserted} new, ${summary.duplicates} duplicates, ${summary.quarantined} quarantined; ` +
              `store now holds ${summary.totals.actions} actions (${summary.totals.quarantine} quarantined); backfill ${summary.backfillDone ? 'complete' : 'incomplete'}\n`,
          );
        }
      },
    );

  m.command('serve')
    .description(
      'serve simulated Maya history with real Midgard semantics (/v2/actions, pools, health, history/depths)',
    )
    .option('--port <port>', 'port (0 = any free one)', nonNegativeInt, 8080)
    .option('--seed <n>', 'simulator seed', nonNegativeInt, 1)
    .option('--actions <n>', 'actions generated before serving', nonNegativeInt, 5000)
    .option('--live-interval-ms <ms>', 'keep adding actions every this many ms (0 = fixed history)', nonNegativeInt, 0)
    .option(
      '--block-seconds <s>',
      'mean simulated block time (Maya ≈ 6; larger spreads the history over more days for /v2/history)',
      positiveNumber,
      6,
    )
    .option('--faults <spec>', 'fault injection, e.g. "429=0.1,5xx=0.05,slow=0.05,malformed=0.02,seed=7"')
    .action(
      async (o: {
        port: number;
        seed: number;
        actions: number;
        liveIntervalMs: number;
        blockSeconds: number;
        faults?: string;
      }) => {
        const server = await startMidgardServer(
          {
            port: o.port,
            seed: o.seed,
            actions: o.actions,
            liveIntervalMs: o.liveIntervalMs,
            blockSeconds: o.blockSeconds,
          },
          parseFaults(o.faults),
        );
        process.stdout.write(
          `local Midgard (offline simulator, seed ${o.seed}, ${server.history.length} actions) at ${server.url}\n`,
        );
        await serveUntilSignal(server);
      },
    );

  m.command('sim')
    .description('write simulated Maya actions (Midgard JSON, ascending) to a JSONL file')
    .requiredOption('--out <file>', 'output .jsonl')
    .option('--seed <n>', 'simulator seed', nonNegativeInt, 1)
    .option('--actions <n>', 'number of actions', positiveInt, 1000)
    .action(async (o: { out: string; seed: number; actions: number }) => {
      mkdirSync(dirname(resolve(o.out)), { recursive: true });
      // Written beside the target and renamed: an interrupted run leaves no half-written file.
      const tmp = `${o.out}.tmp-${process.pid}`;
      const out = new JsonlWriter(tmp);
      try {
        for (const a of simulateActions({ seed: o.seed }, o.actions)) await out.write(a);
        await out.close();
        renameSync(tmp, o.out);
      } catch (e) {
        rmSync(tmp, { force: true });
        throw e;
      }
      process.stdout.write(`wrote ${o.actions} simulated actions (seed ${o.seed}) to ${o.out}\n`);
    });

  m.command('export')
    .description('write the stored actions back as Midgard JSON lines (ascending), or Parquet for .parquet')
    .option('--store <path>', 'DuckDB store', DEFAULT_STORE)
    .requiredOption('--out <file>', 'output .jsonl or .parquet')
    .option('--chain <chain>', 'only this chain')
    .action(async (o: { store: string; out: string; chain?: string }) => {
      if (!['.jsonl', '.parquet'].includes(extname(o.out)))
        throw new WorkbenchError(
          `--out ${o.out}: the format is chosen by the extension, and ${JSON.stringify(extname(o.out) || '(none)')} is neither .jsonl nor .parquet`,
          'name the output FILE.jsonl or FILE.parquet',
        );
      const n = await withStore(o.store, async (store) => {
        if (extname(o.out) === '.parquet') {
          await store.exportParquet(o.out);
          return (await store.counts(o.chain)).actions;
        }
        return exportActionsJsonl(store, o.out, { chain: o.chain });
      });
      process.stdout.write(`exported ${n} actions to ${o.out}\n`);
    });

  m.command('quarantine')
    .description('print quarantined (malformed) actions with their reasons as JSON lines')
    .option('--store <path>', 'DuckDB store', DEFAULT_STORE)
    .action(async (o: { store: string }) => {
      await withStore(o.store, async (store) => {
        for await (const q of store.quarantined()) {
          process.stdout.write(
            `${JSON.stringify({ id: q.id, chain: q.chain, reason: q.reason, pageSeq: q.pageSeq, raw: JSON.parse(q.rawJson) as unknown })}\n`,
          );
        }
      });
    });
}
