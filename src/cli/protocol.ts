import type { Command } from 'commander';
import { WorkbenchError } from '../core';
import {
  jsonLine,
  openExternal,
  protocolMetrics,
  storeAnchor,
  writeLinesAtomic,
  type AnchorMode,
  type Chain,
} from '../arb';
import { MidgardStore } from '../midgard';
import { oneOf, positiveNumber } from './args';
import { DEFAULT_STORE } from './midgard';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const date = (v: string) => {
  if (!DATE.test(v))
    throw new WorkbenchError(`expected a date YYYY-MM-DD, got "${v}"`, 'pass --from 2024-09-20 --to 2024-09-21');
  return v;
};

export function registerProtocol(program: Command): void {
  const p = program
    .command('protocol')
    .description(
      'protocol metrics per pool and day: depth, volume, fees, LP earnings and APY, utilisation, impermanent loss, price deviation',
    );
  p.command('metrics')
    .description(
      'per pool and UTC day (and per chain totals) from the stored actions, replayed over anchored pools; JSON lines',
    )
    .option('--store <path>', 'DuckDB store', DEFAULT_STORE)
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD)', date)
    .requiredOption('--to <date>', 'last day, included', date)
    .requiredOption('--out <file>', 'output .jsonl: {kind:"pool",…} and {kind:"chain",…} rows')
    .option('--chain <chain>', 'maya or thorchain', oneOf('maya', 'thorchain'), 'maya')
    .option(
      '--anchor <mode>',
      'replay start: seed (simulated Maya), depths, snapshot',
      oneOf('seed', 'depths', 'snapshot'),
    )
    .option(
      '--external <spec>',
      'external prices (FILE.csv or sim[:SEED]) for USD and price deviation; default: USD through the stablecoin pools',
    )
    .option('--block-seconds <s>', "the simulator's block time, for --external sim", positiveNumber, 6)
    .action(
      async (o: {
        store: string;
        from: string;
        to: string;
        out: string;
        chain: Chain;
        anchor?: AnchorMode;
        external?: string;
        blockSeconds: number;
      }) => {
        if (o.from > o.to) throw new WorkbenchError(`--from ${o.from} is after --to ${o.to}`, 'swap them');
        const store = await MidgardStore.open(o.store);
        try {
          const anchor = await storeAnchor(
            store,
            o.chain,
            o.anchor ?? (o.chain === 'maya' && (o.external ?? 'sim').startsWith('sim') ? 'seed' : 'depths'),
          );
          const external = o.external ? openExternal(o.external, { blockSeconds: o.blockSeconds }) : undefined;
          const m = await protocolMetrics(o.chain, anchor, store.actions({ chain: o.chain }), {
            external,
            from: o.from,
            to: o.to,
          });
          writeLinesAtomic(o.out, [
            ...m.pools.map((r) => jsonLine({ kind: 'pool', ...r })),
            ...m.totals.map((r) => jsonLine({ kind: 'chain', ...r })),
          ]);
          process.stdout.write(`${m.pools.length} pool-days over ${m.totals.length} days → ${o.out}\n`);
        } finally {
          await store.close();
        }
      },
    );
}
