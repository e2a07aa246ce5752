/** `maya simulate` and `maya predict-next`: the model generating actions. */
import type { Command } from 'commander';
import type { BackendPreference } from '../core';
import {
  asNextActionPredictor,
  enableSplitInference,
  keyParityGaps,
  loadModel,
  predictLive,
  simulateModel,
} from '../maya';
import { MidgardClient } from '../midgard';
import { httpUrl, integer, nonNegativeInt, oneOf, positiveInt, positiveNumber } from './args';
import { abortOnSignals } from './lifecycle';
import { BACKENDS, backendOption, fmt, refreshIndexIfUnderReports } from './maya-options';
import { DEFAULT_STORE } from './midgard';
import { printJson } from './output';

export function registerSimulate(maya: Command): void {
  maya
    .command('simulate')
    .description(
      "generate actions autoregressively from the start of the test block; every one checked against the Midgard schema and the trained-on feed's key sets per type",
    )
    .requiredOption('--model <dir>', 'model folder')
    .requiredOption('--steps <n>', 'actions to generate', positiveInt)
    .requiredOption('--out <file>', 'generated actions (JSON array of Midgard actions)')
    .option('--report <dir>', 'comparison report folder', 'reports/maya-simulation')
    .option('--store <path>', "the DuckDB store the model's features were built from", DEFAULT_STORE)
    .option('--chain <chain>', 'maya or thorchain', oneOf('maya', 'thorchain'), 'maya')
    .option('--temperature <t>', 'sampling temperature (0 = argmax)', (v) => (v === '0' ? 0 : positiveNumber(v)), 1)
    .option('--top-k <k>', 'sample among the k most likely tokens (0 = all)', nonNegativeInt, 0)
    .option('--seed <n>', 'sampling seed', integer, 1)
    .option('--backend <name>', `tfjs backend: ${BACKENDS.join(', ')}`, backendOption, 'auto')
    .option('--json', 'print the summary as JSON')
    .action(
      async (o: {
        model: string;
        steps: number;
        out: string;
        report: string;
        store: string;
        chain: string;
        temperature: number;
        topK: number;
        seed: number;
        backend: BackendPreference;
        json?: boolean;
      }) => {
        const r = await simulateModel({
          model: o.model,
          steps: o.steps,
          out: o.out,
          report: o.report,
          store: o.store,
          chain: o.chain,
          temperature: o.temperature,
          topK: o.topK,
          seed: o.seed,
          backend: o.backend,
        });
        if (r.report) await refreshIndexIfUnderReports(r.report.dir);
        const c = r.comparison;
        const k = r.keyParity;
        const gaps = keyParityGaps(k);
        const summary = {
          out: o.out,
          report: r.report?.dir ?? null,
          generated: r.actions.length,
          invalid: r.invalid.length,
          keyParity: { complete: k.complete, source: k.source, gaps },
          typeMixTvd: c.typeMixTvd,
          sizeKs: c.sizeKs,
          interArrivalKs: c.interArrivalKs,
        };
        if (o.json) printJson(summary);
        else {
          process.stdout.write(
            `${r.actions.length} actions → ${o.out} (${r.invalid.length} invalid; ${k.complete} of ${k.generated} with every key the trained-on feed carries for their type); ` +
              `type-mix TVD ${fmt(c.typeMixTvd)}, size KS ${fmt(c.sizeKs)}, inter-arrival KS ${fmt(c.interArrivalKs)}${r.report ? `; report ${r.report.dir}/index.html` : ''}\n`,
          );
          for (const g of gaps) process.stderr.write(`key parity: ${g}\n`);
        }
        if (r.invalid.length || gaps.length) process.exitCode = 1;
      },
    );
}

export function registerPredictNext(maya: Command): void {
  maya
    .command('predict-next')
    .description('predict each next action of a live Midgard feed and score it when it arrives (running accuracy)')
    .requiredOption('--model <dir>', 'model folder')
    .requiredOption(
      '--base-url <url>',
      'Midgard base URL, e.g. from `workbench midgard serve --live-interval-ms 500`',
      httpUrl,
    )
    .option('--max <n>', 'stop after scoring this many predictions (default: until Ctrl-C)', positiveInt)
    .option('--poll-ms <ms>', 'wait between polls when nothing new arrived', positiveInt, 2000)
    .option('--rps <r>', 'requests per second', positiveNumber, 1)
    .option('--backend <name>', `tfjs backend: ${BACKENDS.join(', ')}`, backendOption, 'auto')
    .option('--split', 'split each prediction over two threads (models without a pointer head, e.g. s25_l6)')
    .option('--json', 'print one JSON line per scored prediction, then the final score')
    .action(
      async (o: {
        model: string;
        baseUrl: string;
        max?: number;
        pollMs: number;
        rps: number;
        backend: BackendPreference;
        split?: boolean;
        json?: boolean;
      }) => {
        const model = await loadModel(o.model, { backend: o.backend });
        try {
          if (o.split) await enableSplitInference(model);
          const score = await predictLive({
            client: new MidgardClient(o.baseUrl, { rps: o.rps }),
            predictor: asNextActionPredictor(model),
            artifacts: model.artifacts,
            maxPredictions: o.max,
            pollMs: o.pollMs,
            signal: abortOnSignals(),
            onPrediction: (e) => {
              const line = {
                height: e.actual.height,
                actual: e.actual.type,
                predicted: e.predictedType,
                correct: e.correctType,
                scored: e.score.scored,
                typeAccuracy: e.score.accuracy.type,
              };
              process.stdout.write(
                o.json
                  ? `${JSON.stringify(line)}\n`
                  : `${line.height} ${line.actual.padEnd(14)} predicted ${line.predicted.padEnd(14)} ${line.correct ? '✓' : '✗'}  running type accuracy ${fmt(line.typeAccuracy ?? null)} (${line.scored})\n`,
              );
            },
          });
          if (o.json) printJson(score);
          else
            process.stdout.write(
              `scored ${score.scored} predictions; accuracy ${Object.entries(score.accuracy)
                .map(([k, v]) => `${k} ${fmt(v)}`)
                .join(', ')}\n`,
            );
        } finally {
          model.dispose();
        }
      },
    );
}
