import type { Command } from 'commander';
import { createProgress, prepareOutputFile, requireInputFile, WorkbenchError, writeFileAtomic } from '../core';
import {
  apiKeyFromEnv,
  buildDatasetFiles,
  createLlmClient,
  DEFAULT_API_KEY_ENV,
  DEFAULT_MIN_REWARD,
  generateTraces,
  importCortex1File,
  joinOutcomesInDir,
  OPENROUTER_BASE_URL,
  passThrough,
  rewardFilter,
  TASKS,
  type Task,
} from '../traces';
import { httpUrl, integer, listOf, nonNegativeInt, nonNegativeNumber, positiveInt, positiveNumber } from './args';
import { printJson } from './output';
import { abortOnSignals } from './lifecycle';

const taskList = listOf(TASKS, 'task(s)');

export function registerTraces(program: Command): void {
  const traces = program
    .command('traces')
    .description('Reasoning traces from a teacher model and the SFT/GRPO datasets built from them');
  traces
    .command('generate')
    .description(
      'one trace record per (day, task): concurrent, retried, cached, resumable after kill -9, with a cost ceiling',
    )
    .requiredOption('--input <file>', 'chain-day rows (JSONL from `workbench chain collect`)')
    .requiredOption('--out <file>', 'trace records (JSONL; a rerun resumes)')
    .option(
      '--base-url <url>',
      `OpenAI-compatible endpoint (OpenRouter by default; \`workbench llm serve\` offline)`,
      httpUrl,
      OPENROUTER_BASE_URL,
    )
    .option('--model <id>', 'model id', 'deepseek/deepseek-r1')
    .option('--api-key-env <name>', 'environment variable holding the key', DEFAULT_API_KEY_ENV)
    .option('--n <n>', 'at most this many days (a seeded sample)', positiveInt)
    .option('--samples <k>', 'completions per (day, task): a GRPO group, for the reward-variance check', positiveInt, 1)
    .option('--tasks <list>', `comma-separated: ${TASKS.join(', ')}`, taskList)
    .option('--concurrency <c>', 'requests in flight at most (halved on 429, grows back)', positiveInt, 4)
    .option('--max-cost-usd <x>', 'stop starting requests once this much was spent', positiveNumber)
    .option('--max-tokens <n>', 'completion budget (reasoning + answer)', positiveInt, 8192)
    .option('--reasoning-max-tokens <n>', 'reasoning budget (OpenRouter `reasoning.max_tokens`)', positiveInt)
    .option(
      '--length-retries <n>',
      'when the length limit cuts an answer, ask again with twice the budget up to n times (0: keep it, marked truncated)',
      nonNegativeInt,
      1,
    )
    .option('--seed <n>', 'seed for the sample of days', integer, 1)
    .option('--cache <dir>', 'request cache folder', 'data/llm-cache')
    .option('--json', 'print the summary as JSON')
    .action(
      async (o: {
        input: string;
        out: string;
        baseUrl: string;
        model: string;
        apiKeyEnv: string;
        n?: number;
        samples: number;
        tasks?: Task[];
        concurrency: number;
        maxCostUsd?: number;
        maxTokens: number;
        reasoningMaxTokens?: number;
        lengthRetries: number;
        seed: number;
        cache: string;
        json?: boolean;
      }) => {
        const client = createLlmClient({ baseUrl: o.baseUrl, apiKey: apiKeyFromEnv(o.apiKeyEnv) });
        prepareOutputFile(o.out);
        const s = await generateTraces({
          client,
          input: o.input,
          out: o.out,
          model: o.model,
          tasks: o.tasks,
          n: o.n,
          samples: o.samples,
          seed: o.seed,
          concurrency: o.concurrency,
          maxCostUsd: o.maxCostUsd,
          maxTokens: o.maxTokens,
          reasoningMaxTokens: o.reasoningMaxTokens,
          lengthRetries: o.lengthRetries,
          cacheDir: o.cache,
          progress: createProgress(),
          signal: abortOnSignals(),
        });
        if (o.json) printJson(s);
        else {
          process.stdout.write(
            `${s.written} new records (${s.fromCache} from cache, ${s.resumed} already there) → ${o.out}; ${s.failed.length} failed (a rerun retries them); $${s.costUsd.toFixed(4)} spent${s.stoppedByCost ? `; stopped at the cost ceiling with ${s.notStarted} not started` : ''}\n`,
          );
          for (const f of s.failed.slice(0, 10)) process.stdout.write(`  failed ${f.id.slice(0, 12)}: ${f.error}\n`);
        }
        if (s.quarantined.length) {
          process.stderr.write(
            `warning: ${s.quarantined.length} line(s) of ${o.out} were not whole records; moved to ${s.quarantinePath} (their records were generated again):\n`,
          );
          for (const q of s.quarantined.slice(0, 5)) process.stderr.write(`  line ${q.line}: ${q.reason}\n`);
        }
        if (s.failed.length || s.stoppedByCost) process.exitCode = 1;
      },
    );

  traces
    .command('build')
    .description(
      'SFT and GRPO datasets: drops failed/truncated/duplicate traces, time-based train/eval split with a gap, stats and a dataset card',
    )
    .requiredOption('--in <file>', 'trace records (JSONL)')
    .requiredOption('--out <dir>', 'dataset folder')
    .option('--eval-fraction <f>', 'share of the latest days in eval', positiveNumber, 0.2)
    .option('--gap-days <n>', 'days between the last train day and the first eval day', positiveInt, 7)
    .option('--outcomes <file>', 'chain-day rows to join realised 7-day outcomes into the GRPO records')
    .option(
      '--min-reward <x>',
      'drop traces whose composite reward is below this (0 keeps every trace the reward module does not flag)',
      nonNegativeNumber,
      DEFAULT_MIN_REWARD,
    )
    .option('--no-quality-filter', 'keep traces whatever the reward module says')
    .option(
      '--allow-invalid',
      'build without the lines that are not valid trace records (they are counted in stats.json) instead of refusing',
    )
    .option('--json', 'print the stats as JSON')
    .action(
      async (o: {
        in: string;
        out: string;
        evalFraction: number;
        gapDays: number;
        outcomes?: string;
        minReward: number;
        qualityFilter: boolean;
        allowInvalid?: boolean;
        json?: boolean;
      }) => {
        requireInputFile(o.in, 'trace records', 'pass the JSONL that `workbench traces generate --out FILE` wrote');
        if (o.outcomes)
          requireInputFile(o.outcomes, '--outcomes', 'pass chain-day rows from `workbench chain collect`');
        const built = await buildDatasetFiles(o.in, o.out, {
          evalFraction: o.evalFraction,
          gapDays: o.gapDays,
          allowInvalid: o.allowInvalid,
          qualityFilter: o.qualityFilter ? rewardFilter({ minReward: o.minReward }) : passThrough,
        });
        const joined = o.outcomes ? await joinOutcomesInDir(o.out, o.outcomes) : undefined;
        if (o.json) printJson({ stats: built.stats, outcomes: joined ?? null });
        else
          process.stdout.write(
            `SFT ${built.sft.train.length} train / ${built.sft.eval.length} eval, GRPO ${built.grpo.train.length} / ${built.grpo.eval.length}, ${built.dropped.length} dropped → ${o.out}\n`,
          );
      },
    );

  traces
    .command('import')
    .description(
      "read the earlier project's published records (--format cortex1) into trace records, defects flagged, never repaired",
    )
    .requiredOption('--format <name>', 'cortex1')
    .argument('<file>', 'JSONL in that format')
    .requiredOption('--out <file>', 'trace records (JSONL)')
    .action((file: string, o: { format: string; out: string }) => {
      if (o.format !== 'cortex1')
        throw new WorkbenchError(`unknown --format "${o.format}"`, 'the known format is cortex1');
      requireInputFile(file, 'input', "pass a JSONL file of the earlier project's records");
      const r = importCortex1File(file);
      if (!r.records.length) {
        const first = r.refused[0];
        throw new WorkbenchError(
          `nothing to import from ${file}: all ${r.refused.length} record(s) refused${first ? ` (line ${first.line}: ${first.reasons.map((x) => x.code).join(', ')})` : ''}`,
          'check that the file is in the cortex1 format (see data/fixtures/cortex/)',
        );
      }
      writeFileAtomic(o.out, r.records.map((x) => `${JSON.stringify(x)}\n`).join(''), {
        overwrite: true,
        what: '--out',
      });
      process.stdout.write(
        `${r.records.length} imported, ${r.refused.length} refused → ${o.out}; defects: ${
          Object.entries(r.defectCounts)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ') || 'none'
        }\n`,
      );
      for (const x of r.refused.slice(0, 5)) process.stdout.write(`  refused: ${JSON.stringify(x)}\n`);
    });
}
