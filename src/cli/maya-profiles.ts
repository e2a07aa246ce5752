import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { WorkbenchError } from '../core';
import { MarketSimulator, MidgardStore } from '../midgard';
import { profileAddresses, writeProfilesParquet, writeProfilesReport } from '../profiles';
import { integer, positiveInt } from './args';
import { DEFAULT_STORE } from './midgard';
import { printJson } from './output';

export function registerMayaProfiles(maya: Command): void {
  maya
    .command('profiles')
    .description(
      "cluster addresses into behaviour profiles (k-means, k by silhouette): profiles.parquet and an HTML report; with --sim-seed, scored against the simulator's agents",
    )
    .option('--store <path>', 'DuckDB store', DEFAULT_STORE)
    .requiredOption('--out <dir>', 'output folder (profiles.parquet, index.html)')
    .option('--chain <chain>', 'chain in the store', 'maya')
    .option('--seed <n>', 'k-means seed', integer, 1)
    .option('--k-max <n>', 'largest k tried', positiveInt, 8)
    .option(
      '--sim-seed <n>',
      'the simulator seed the store was filled from (`midgard serve --seed`): score profiles against its agents',
      integer,
    )
    .option('--sim-arbitrageurs <n>', "the simulator's arbitrageur count", positiveInt, 4)
    .option('--json', 'print the summary as JSON')
    .action(
      async (o: {
        store: string;
        out: string;
        chain: string;
        seed: number;
        kMax: number;
        simSeed?: number;
        simArbitrageurs: number;
        json?: boolean;
      }) => {
        if (!existsSync(o.store))
          throw new WorkbenchError(
            `no store at ${o.store}`,
            'fill one with `workbench midgard sync` (or pass --store)',
          );
        const startedAt = new Date();
        const store = await MidgardStore.open(o.store);
        try {
          const arbitrageurs =
            o.simSeed === undefined
              ? undefined
              : new MarketSimulator({ seed: o.simSeed, arbitrageurs: o.simArbitrageurs }).arbitrageurAddresses();
          let r: Awaited<ReturnType<typeof profileAddresses>>;
          try {
            r = await profileAddresses(store, { chain: o.chain, seed: o.seed, kMax: o.kMax, arbitrageurs });
          } catch (e) {
            if (e instanceof RangeError)
              throw new WorkbenchError(`${o.store}: ${e.message}`, 'sync more actions into the store first');
            throw e;
          }
          const scratch = mkdtempSync(join(tmpdir(), 'wb-profiles-'));
          try {
            await writeProfilesParquet(store, r.profiles, join(scratch, 'profiles.parquet'));
            const parquetBytes = readFileSync(join(scratch, 'profiles.parquet'));
            await writeProfilesReport(o.out, r, {
              startedAt,
              source: o.store,
              params: { store: o.store, chain: o.chain, seed: o.seed, kMax: o.kMax, simSeed: o.simSeed ?? null },
              parquet: parquetBytes,
            });
          } finally {
            rmSync(scratch, { recursive: true, force: true });
          }
          const parquet = join(o.out, 'profiles.parquet');
          const summary = {
            out: o.out,
            addresses: r.profiles.length,
            k: r.k,
            profiles: r.centres.map((c) => ({ profile: c.profile, addresses: c.size })),
            ari: r.truth?.ari ?? null,
            botSplitAri: r.truth?.botSplitAri ?? null,
            purity: r.truth?.purity ?? null,
          };
          if (o.json) printJson(summary);
          else {
            process.stdout.write(
              `${r.profiles.length} addresses → ${r.k} profiles → ${o.out}/index.html, ${parquet}\n`,
            );
            for (const c of r.centres)
              process.stdout.write(`  ${c.profile.padEnd(24)} ${String(c.size).padStart(6)} addresses\n`);
            if (r.truth)
              process.stdout.write(
                `  vs simulator agents: ARI ${r.truth.ari.toFixed(3)} (clusters), ${r.truth.botSplitAri.toFixed(3)} (bot profiles vs rest)\n`,
              );
          }
        } finally {
          await store.close();
        }
      },
    );
}
