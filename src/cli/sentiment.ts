import { join } from 'node:path';
import type { Command } from 'commander';
import { apiKeyFromEnv, createLlmClient, DEFAULT_API_KEY_ENV, startLlmServer, STAND_IN_MODEL } from '../traces';
import {
  evaluateSentiment,
  lexiconScorer,
  llmScorer,
  scoreTextFile,
  SURGE_CSV,
  writeSentimentReport,
  type Scorer,
} from '../sentiment';
import { recordRun } from '../registry';
import { httpUrl, integer, oneOf, positiveInt } from './args';
import { abortOnSignals } from './lifecycle';
import { printJson } from './output';

/** The LLM scorer on --base-url (key from the environment), or on the local stand-in started here when no URL is given. */
async function withLlm<T>(
  o: { baseUrl?: string; model?: string; apiKeyEnv: string; concurrency: number },
  f: (s: Scorer) => Promise<T>,
): Promise<T> {
  const local = o.baseUrl ? null : await startLlmServer({ quality: 'good' });
  try {
    const client = local
      ? createLlmClient({ baseUrl: `${local.url}/v1`, apiKey: 'offline-stand-in' })
      : createLlmClient({ baseUrl: o.baseUrl as string, apiKey: apiKeyFromEnv(o.apiKeyEnv) });
    if (local)
      process.stderr.write(
        'LLM scorer: no --base-url, using the local OFFLINE STAND-IN (it answers with plain AFINN, not a model)\n',
      );
    return await f(llmScorer({ client, model: o.model ?? STAND_IN_MODEL, concurrency: o.concurrency }));
  } finally {
    await local?.close();
  }
}

export function registerSentiment(program: Command): void {
  const s = program
    .command('sentiment')
    .description('Sentiment of crypto text: lexicon and LLM scorers, their evaluation on human labels, a daily index');
  const llmOptions = (c: Command) =>
    c
      .option(
        '--base-url <url>',
        'OpenAI-compatible endpoint for the LLM scorer (default: the local offline stand-in)',
        httpUrl,
      )
      .option('--model <id>', `model id (default with the stand-in: ${STAND_IN_MODEL})`)
      .option('--api-key-env <name>', 'environment variable holding the key', DEFAULT_API_KEY_ENV)
      .option('--concurrency <n>', 'LLM requests in flight', positiveInt, 8);
  llmOptions(
    s
      .command('score')
      .description(
        'score a JSONL of {time, text, source, assets?}; each line is written back with its sentiment, and the daily index per asset is printed',
      )
      .requiredOption('--in <file>', 'timestamped texts (JSONL)')
      .requiredOption('--out <file>', 'scored texts (JSONL)')
      .option('--scorer <name>', 'lexicon or llm', oneOf('lexicon', 'llm'), 'lexicon')
      .option('--json', 'print the summary as JSON'),
  ).action(
    async (o: {
      in: string;
      out: string;
      scorer: 'lexicon' | 'llm';
      baseUrl?: string;
      model?: string;
      apiKeyEnv: string;
      concurrency: number;
      json?: boolean;
    }) => {
      const run = (scorer: Scorer) => scoreTextFile(o.in, o.out, scorer, { signal: abortOnSignals() });
      const r = o.scorer === 'llm' ? await withLlm(o, run) : await run(lexiconScorer());
      if (o.json) printJson(r);
      else {
        process.stdout.write(
          `${r.scored} texts scored → ${o.out}; ${r.daily.length} (day, asset) cells in the daily index\n`,
        );
        for (const d of r.daily.slice(0, 30))
          process.stdout.write(
            `  ${d.date} ${d.asset.padEnd(8)} n ${String(d.n).padStart(4)}  mean ${d.mean.toFixed(3)}  bullish ${d.bullishShare.toFixed(2)}  bearish ${d.bearishShare.toFixed(2)}\n`,
          );
      }
    },
  );
  llmOptions(
    s
      .command('evaluate')
      .description(
        'accuracy, macro-F1, confusion and bootstrap intervals of each scorer beside the majority and plain-AFINN baselines, on the evaluation rows of the labelled Reddit comments; records one run per scorer',
      )
      .requiredOption('--out <dir>', 'report folder, e.g. reports/sentiment')
      .option('--data <file>', 'labelled CSV (Comment Text, Sentiment, URL)', SURGE_CSV)
      .option('--seed <n>', 'development/evaluation split and bootstrap seed', integer, 19)
      .option('--no-llm', 'leave the LLM scorer out')
      .option('--max-rows <n>', 'only the first n evaluation rows (quick runs)', positiveInt)
      .option('--json', 'print the metrics as JSON'),
  ).action(
    async (o: {
      out: string;
      data: string;
      seed: number;
      llm: boolean;
      maxRows?: number;
      baseUrl?: string;
      model?: string;
      apiKeyEnv: string;
      concurrency: number;
      json?: boolean;
    }) => {
      const startedAt = new Date();
      const evaluate = (extra: Scorer[]) =>
        evaluateSentiment({
          path: o.data,
          seed: o.seed,
          extraScorers: extra,
          maxRows: o.maxRows,
          signal: abortOnSignals(),
        });
      const e = o.llm ? await withLlm(o, (llm) => evaluate([llm])) : await evaluate([]);
      const { predictionFiles } = await writeSentimentReport(o.out, e, {
        startedAt,
        params: { maxRows: o.maxRows ?? null, llm: o.llm, model: o.llm ? (o.model ?? STAND_IN_MODEL) : null },
      });
      const runs: string[] = [];
      for (const [i, sc] of e.scorers.entries()) {
        const m = sc.metrics;
        const run = await recordRun({
          experiment: 'sentiment-evaluate',
          name: sc.name,
          startedAt,
          params: { scorer: sc.name, seed: o.seed, rows: m.n },
          metrics: {
            accuracy: m.accuracy,
            accuracyLo: m.accuracyCi.lo,
            accuracyHi: m.accuracyCi.hi,
            macroF1: m.macroF1,
            coverage: m.coverage,
          },
          artifacts: [
            { path: predictionFiles[i] as string, name: 'predictions.jsonl' },
            { path: join(o.out, 'metrics.json') },
          ],
          tags: { data: 'surge-crypto-reddit-sentiment' },
        });
        runs.push(run?.id ?? '');
      }
      if (o.json)
        printJson({
          report: o.out,
          rows: e.rows,
          runs,
          scorers: e.scorers.map((x) => ({ name: x.name, ...x.metrics })),
          versusAfinn: e.versusAfinn,
        });
      else {
        process.stdout.write(
          `${e.rows.evaluation} evaluation rows (${e.rows.development} development rows set aside) → ${o.out}/index.html\n`,
        );
        e.scorers.forEach((x, i) => {
          const m = x.metrics;
          process.stdout.write(
            `  ${x.name.padEnd(40)} accuracy ${m.accuracy.toFixed(3)} [${m.accuracyCi.lo.toFixed(3)}, ${m.accuracyCi.hi.toFixed(3)}]  macro-F1 ${m.macroF1.toFixed(3)}  coverage ${m.coverage.toFixed(3)}  run ${runs[i]?.slice(0, 12) || '(not recorded)'}\n`,
          );
        });
      }
    },
  );
}
