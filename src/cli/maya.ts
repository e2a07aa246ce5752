import type { Command } from 'commander';
import { createProgress } from '../core';
import { buildFeatures, writeFeatureDir } from '../maya';
import { MidgardStore } from '../midgard';
import { oneOf, positiveInt } from './args';
import { DEFAULT_STORE, requireStore } from './midgard';
import { registerMayaModel } from './maya-model';
import { registerMayaProfiles } from './maya-profiles';
import { printJson } from './output';

export function registerMaya(program: Command): void {
  const maya = program.command('maya').description('Maya transaction features and models');
  maya
    .command('features')
    .description(
      'build model features from the store (chronological split, fitted on train only) and export .npy + spec',
    )
    .option('--store <path>', 'DuckDB store', DEFAULT_STORE)
    .requiredOption('--out <dir>', 'output folder (spec.json, vocabularies, scalers, .npy arrays)')
    .option('--chain <chain>', 'maya or thorchain', oneOf('maya', 'thorchain'), 'maya')
    .option('--seq-len <n>', 'window length L', positiveInt, 25)
    .option('--buckets <n>', 'address hash buckets', positiveInt, 1024)
    .option('--materialize', 'also write [N, L, F] window arrays per split')
    .option('--json', 'print the summary as JSON')
    .action(
      async (o: {
        store: string;
        out: string;
        chain: string;
        seqLen: number;
        buckets: number;
        materialize?: boolean;
        json?: boolean;
      }) => {
        requireStore(o.store);
        const store = await MidgardStore.open(o.store);
        try {
          const set = await buildFeatures(store.actions({ chain: o.chain }), {
            seqLen: o.seqLen,
            buckets: o.buckets,
            progress: createProgress(),
          });
          const files = writeFeatureDir(o.out, set, { materialize: o.materialize });
          const summary = {
            actions: set.count,
            windows: Object.fromEntries(Object.entries(set.windows).map(([k, v]) => [k, v.length])),
            dataSha256: set.artifacts.data.sha256,
            constantFeatures: set.artifacts.constantFeatures,
            files,
          };
          if (o.json) printJson(summary);
          else
            process.stdout.write(
              `features for ${set.count} actions → ${o.out} (windows: ${JSON.stringify(summary.windows)})\n`,
            );
        } finally {
          await store.close();
        }
      },
    );
  registerMayaModel(maya);
  registerMayaProfiles(maya);
}
