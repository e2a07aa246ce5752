import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { WorkbenchError, repoPath } from '../core';
import { ChainDaySchema, checkIsoDate, FLIPSIDE_CHAINS, type ChainDay, type FlipsideChain } from '../chain';
import { configWithWeights, DEFAULT_CONFIG, exportPython, scoreFile, type RewardConfig } from '../rewards';
import { LATER_HELDOUT_SETS, runCalibration, writeCalibrationReport } from '../calibration';
import { realisedOutcome } from '../traces';
import { integer, listOf, positiveInt } from './args';
import { printJson } from './output';
import { recordCalibration } from './record-runs';

function loadWeights(path?: string): RewardConfig {
  if (!path) return DEFAULT_CONFIG;
  if (!existsSync(path) || !statSync(path).isFile())
    throw new WorkbenchError(
      `no weights file at ${path}`,
      'pass a JSON file like the proposed-weights.json a calibration writes (--weights FILE)',
    );
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new WorkbenchError(
      `cannot read weights from ${path}: ${e instanceof Error ? e.message : String(e)}`,
      'pass a JSON file like the proposed-weights.json a calibration writes',
    );
  }
  return configWithWeights(value, path);
}

const OUTCOMES_FIX = 'pass the chain-day JSONL that `workbench chain collect` wrote (--outcomes FILE)';

/** Realised outcomes by (chain, date) from ChainDay rows: what prediction traces are scored against. */
function outcomesFrom(
  path: string,
): (chain: string, date: string) => { tx_growth_7d: number | null; user_growth_7d: number | null } | null {
  if (!existsSync(path) || !statSync(path).isFile())
    throw new WorkbenchError(`no outcomes file at ${path}`, OUTCOMES_FIX);
  const rows: ChainDay[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((l, i) => {
      if (!l.trim()) return;
      let value: unknown;
      try {
        value = JSON.parse(l);
      } catch (e) {
        throw new WorkbenchError(
          `${path} line ${i + 1} is not JSON: ${e instanceof Error ? e.message : String(e)}`,
          OUTCOMES_FIX,
        );
      }
      const p = ChainDaySchema.safeParse(value);
      if (!p.success)
        throw new WorkbenchError(
          `${path} line ${i + 1} is not a ChainDay (${p.error.issues
            .slice(0, 2)
            .map((x) => `${x.path.join('.') || 'row'}: ${x.message}`)
            .join('; ')})`,
          OUTCOMES_FIX,
        );
      rows.push(p.data);
    });
  if (!rows.length) throw new WorkbenchError(`${path} has no chain-day rows`, OUTCOMES_FIX);
  return (chain, date) => {
    const row = rows.find((r) => r.chain === chain && r.date === date);
    return row ? realisedOutcome({ chain: row.chain, date, input_row: row }, rows).outcome : null;
  };
}

const chainList = listOf(FLIPSIDE_CHAINS, 'simulated chain(s)');

export function registerRewards(program: Command): void {
  const rewards = program
    .command('rewards')
    .description('Reward functions: scoring, calibration, and the Python twin for TRL');
  rewards
    .command('score')
    .description(
      'score every trace: the composite and each component, one line per trace; bad lines are reported and skipped',
    )
    .requiredOption('--in <file>', 'trace records (JSONL)')
    .requiredOption('--out <file>', 'scores (JSONL)')
    .option('--weights <file>', 'reward weights (JSON: {shaping, components, penalties})')
    .option('--outcomes <file>', 'chain-day rows: prediction traces are scored against their realised 7-day change')
    .option('--json', 'print the summary as JSON')
    .action(async (o: { in: string; out: string; weights?: string; outcomes?: string; json?: boolean }) => {
      const r = await scoreFile(o.in, o.out, {
        config: loadWeights(o.weights),
        outcomeOf: o.outcomes ? outcomesFrom(o.outcomes) : undefined,
      });
      if (o.json) printJson(r);
      else {
        process.stdout.write(
          `${r.scored} scored → ${o.out}; mean composite ${r.meanComposite === null ? 'n/a' : r.meanComposite.toFixed(3)}; ${r.skipped.length} line(s) skipped\n`,
        );
        for (const s of r.skipped.slice(0, 20)) process.stderr.write(`  ${o.in} line ${s.line}: ${s.error}\n`);
      }
    });
  rewards
    .command('export-python')
    .description('write the Python twin (standard library only, config embedded) for TRL on the GPU machine')
    .requiredOption('--out <dir>', 'output folder (created if missing; an earlier export in it is replaced)')
    .option('--weights <file>', 'reward weights (JSON)')
    .action((o: { out: string; weights?: string }) => {
      if (existsSync(o.out) && !statSync(o.out).isDirectory())
        throw new WorkbenchError(
          `--out ${o.out} is a file, not a folder`,
          `pass a folder: the export writes workbench_rewards.py and reward_config.json into it (e.g. --out ${o.out}.d)`,
        );
      const r = exportPython(o.out, loadWeights(o.weights));
      process.stdout.write(`${r.module} (sha256 ${r.sha256.slice(0, 16)}…) and ${r.config}\n`);
    });
  rewards
    .command('calibrate')
    .description(
      'calibration report: authored tiers, held-out gaming attempts, real teacher traces, separation and a weight fit',
    )
    .option('--out <dir>', 'report folder', 'reports/rewards')
    .option('--seed <n>', 'simulator seed', integer, 11)
    .option('--chains <list>', 'simulated chains', chainList, ['ethereum', 'bitcoin', 'near'] as FlipsideChain[])
    .option('--from <date>', 'first day', '2025-01-01')
    .option('--to <date>', 'last day', '2025-06-30')
    .option('--stride <n>', 'every n-th day', positiveInt, 2)
    .option(
      '--real <dir>',
      "folder of cortex1 traces (the earlier project's R1 and o3-mini outputs)",
      repoPath('data', 'fixtures', 'cortex'),
    )
    .option('--weights <file>', 'reward weights (JSON)')
    .option('--json', 'print the summary as JSON')
    .action(
      async (o: {
        out: string;
        seed: number;
        chains: FlipsideChain[];
        from: string;
        to: string;
        stride: number;
        real: string;
        weights?: string;
        json?: boolean;
      }) => {
        if (!existsSync(o.real) || !statSync(o.real).isDirectory())
          throw new WorkbenchError(
            `--real ${o.real} is not a folder`,
            'pass the folder with the cortex1 JSONL files (default data/fixtures/cortex)',
          );
        if (existsSync(o.out) && !statSync(o.out).isDirectory())
          throw new WorkbenchError(`--out ${o.out} is a file, not a folder`, 'pass a folder for the report');
        checkIsoDate(o.from, '--from');
        checkIsoDate(o.to, '--to');
        if (o.from > o.to)
          throw new WorkbenchError(`--from ${o.from} is after --to ${o.to}`, 'give the first day before the last');
        const startedAt = new Date();
        const run = runCalibration({
          seed: o.seed,
          chains: o.chains,
          from: o.from,
          to: o.to,
          stride: o.stride,
          realDir: o.real,
          config: loadWeights(o.weights),
          laterHeldout: LATER_HELDOUT_SETS,
        });
        await writeCalibrationReport(o.out, run, { startedAt });
        await recordCalibration(o.out, run, startedAt);
        const s = run.separation;
        const l = run.learn;
        if (o.json)
          printJson({
            tiers: run.tiers,
            separation: s,
            heldout: run.heldoutSummary,
            laterHeldout: run.laterHeldout.map((h) => ({ set: h.set, attacks: h.summary })),
            learn: l,
            targets: run.targets,
            fit: run.fit.weights,
          });
        else {
          const worstEdit = Math.max(...l.families.map((f) => f.onMediocre.meanDelta));
          process.stdout.write(
            `${run.scored.length} cases, ${run.heldout.length + run.laterHeldout.reduce((n, h) => n + h.cases.length, 0)} held-out gaming attempts, ${run.real.length} real traces → ${o.out}/index.html\n` +
              `  ${s.adjacent.map((a) => `AUC ${a.pair} ${a.auc?.toFixed(3)}`).join(', ')}\n` +
              `  honest improvement on a prompt +${l.honestImprovement.meanDelta.toFixed(3)}, best gaming edit on average ${worstEdit >= 0 ? '+' : ''}${worstEdit.toFixed(3)}; shaping bound β ${l.bound.shaping} < ${l.bound.weightedGap.toFixed(3)}: ${l.bound.holds ? 'yes' : 'NO'}\n` +
              `  targets (issue 16 §2) met: ${run.targets.filter((t) => t.met).length} of ${run.targets.length}\n`,
          );
        }
      },
    );
}
