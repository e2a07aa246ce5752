import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { createProgress, repoPath, type BackendPreference } from '../core';
import {
  asNextActionPredictor,
  benchModel,
  evaluateModel,
  keyParityGaps,
  loadModel,
  PRESETS,
  predictLive,
  readManifest,
  simulateModel,
  trainFromFeatureDir,
  type ConfigOverrides,
} from '../maya';
import { MidgardClient } from '../midgard';
import { writeReportsIndex } from '../report';
import { httpUrl, integer, nonNegativeInt, oneOf, positiveInt, positiveNumber } from './args';
import { DEFAULT_STORE } from './midgard';
import { printJson } from './output';
import { abortOnSignals } from './lifecycle';
import { recordMayaEvaluation, recordMayaTraining } from './record-runs';

const BACKENDS: BackendPreference[] = ['auto', 'node-gpu', 'node', 'wasm', 'cpu'];
const backendOption = oneOf(...BACKENDS);

/** --config '{"train":{"lr":0.001}}': preset overrides as JSON (validated against the config schema when applied). */
function jsonObject(value: string): ConfigOverrides {
  let v: unknown;
  try {
    v = JSON.parse(value);
  } catch {
    throw new InvalidArgumentError(`expected a JSON object, got ${JSON.stringify(value)}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new InvalidArgumentError(`expected a JSON object, got ${JSON.stringify(value)}`);
  return v as ConfigOverrides;
}

/** Reports written under reports/ are listed in reports/index.html. */
async function refreshIndexIfUnderReports(dir: string): Promise<void> {
  const root = repoPath('reports');
  if (resolve(dir).startsWith(`${root}/`)) await writeReportsIndex(root);
}

/** `maya train|evaluate|simulate|predict-next|bench`: one function per subcommand. */
export function registerMayaModel(maya: Command): void {
  registerTrain(maya);
  registerEvaluate(maya);
  registerSimulate(maya);
  registerPredictNext(maya);
  registerBench(maya);
}

function registerTrain(maya: Command): void {
  maya
    .command('train')
    .description(
      'train a next-action model on a features folder (seeded; checkpoints every epoch and resumes after a kill)',
    )
    .requiredOption('--data <dir>', 'features folder from `workbench maya features`')
    .option(
      '--preset <name>',
      `model preset: ${Object.keys(PRESETS).join(', ')}`,
      oneOf(...Object.keys(PRESETS)),
      'default',
    )
    .requiredOption('--out <dir>', 'model folder, e.g. models/default')
    .option('--epochs <n>', "epochs (default: the preset's)", positiveInt)
    .option('--seed <n>', 'seed for weights, shuffling and dropout', integer, 1)
    .option('--config <json>', 'preset overrides, e.g. \'{"train":{"lr":0.001},"arch":{"layers":3}}\'', jsonObject)
    .option('--backend <name>', `tfjs backend: ${BACKENDS.join(', ')}`, backendOption, 'auto')
    .option('--fresh', 'ignore checkpoints in --out and start over')
    .option('--workers <n>', 'worker threads sharing each batch (data parallel; 2 uses both cores)', positiveInt, 1)
    .option('--json', 'print the manifest as JSON')
    .action(
      async (o: {
        data: string;
        workers: number;
        preset: string;
        out: string;
        epochs?: number;
        seed: number;
        config?: ConfigOverrides;
        backend: BackendPreference;
        fresh?: boolean;
        json?: boolean;
      }) => {
        const overrides: ConfigOverrides = {
          ...o.config,
          train: { ...o.config?.train, ...(o.epochs ? { epochs: o.epochs } : {}) },
        };
        const { manifest } = await trainFromFeatureDir(o.data, {
          out: o.out,
          preset: o.preset,
          overrides,
          seed: o.seed,
          backend: o.backend,
          resume: !o.fresh,
          workers: o.workers,
          progress: createProgress(),
          signal: abortOnSignals(),
        });
        await recordMayaTraining(o.out, manifest, { data: o.data, epochs: o.epochs ?? null });
        if (o.json) printJson(manifest);
        else {
          const m = manifest.metrics;
          process.stdout.write(
            `model ${manifest.preset} (${manifest.parameters} parameters, ${manifest.backend.backend}) → ${o.out}: ${m.epochs.length} epochs` +
              `${m.bestEpoch ? `, best validation loss ${m.bestValLoss?.toFixed(4)} at epoch ${m.bestEpoch}` : ''}${m.stoppedEarly ? ' (early stop)' : ''}` +
              `${manifest.timings.resumedFromEpoch ? `, resumed after epoch ${manifest.timings.resumedFromEpoch}` : ''}\n`,
          );
        }
      },
    );
}

function registerEvaluate(maya: Command): void {
  maya
    .command('evaluate')
    .description(
      'score a model on the held-out test block beside copy-last, majority and Markov baselines (metrics.json + HTML report)',
    )
    .requiredOption('--model <dir>', 'model folder')
    .option('--out <dir>', 'report folder', 'reports/maya-evaluation')
    .option('--data <dir>', 'features folder (default: the one the model was trained from)')
    .option('--backend <name>', `tfjs backend: ${BACKENDS.join(', ')}`, backendOption, 'auto')
    .option('--json', 'print the headline metrics as JSON')
    .action(async (o: { model: string; out: string; data?: string; backend: BackendPreference; json?: boolean }) => {
      const startedAt = new Date();
      const { result, dir } = await evaluateModel({
        model: o.model,
        out: o.out,
        data: o.data,
        backend: o.backend,
        progress: createProgress(),
        signal: abortOnSignals(),
      });
      await refreshIndexIfUnderReports(dir);
      const run = await recordMayaEvaluation(dir, o.model, readManifest(o.model), result, startedAt);
      const headline = Object.fromEntries(Object.entries(result.models).map(([name, m]) => [name, m.headline]));
      if (o.json)
        printJson({
          report: dir,
          run,
          block: result.block,
          targets: result.targets,
          boundaries: result.boundaries,
          headline,
          paired: result.paired,
        });
      else {
        process.stdout.write(
          `evaluated on ${result.targets} held-out test targets → ${dir}/index.html (per-target predictions.jsonl; run ${run?.slice(0, 12) ?? '(not recorded)'})\n`,
        );
        for (const [name, h] of Object.entries(headline)) {
          process.stdout.write(
            `  ${name.padEnd(16)} type ${fmt(h.typeAccuracy)}  pool1 ${fmt(h.pool1Accuracy)}  inAsset ${fmt(h.inAssetAccuracy)}  inAmount MAE(log) ${fmt(h.inAmountMaeLog)}  weighted ${fmt(h.weightedScore)}\n`,
          );
        }
        for (const c of result.paired) {
          process.stdout.write(
            `  ${c.model} vs ${c.baseline.padEnd(10)} ${c.column.padEnd(9)} margin ${fmt(c.margin)}  p ${c.pValue === null ? '—' : c.pValue.toExponential(2)} (${c.test})\n`,
          );
        }
      }
    });
}

function registerSimulate(maya: Command): void {
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

function registerPredictNext(maya: Command): void {
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
    .option('--json', 'print one JSON line per scored prediction, then the final score')
    .action(
      async (o: {
        model: string;
        baseUrl: string;
        max?: number;
        pollMs: number;
        rps: number;
        backend: BackendPreference;
        json?: boolean;
      }) => {
        const model = await loadModel(o.model, { backend: o.backend });
        try {
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

function registerBench(maya: Command): void {
  maya
    .command('bench')
    .description('training throughput (batch 128), peak RSS and next-action inference latency of a preset')
    .option(
      '--preset <name>',
      `model preset: ${Object.keys(PRESETS).join(', ')}`,
      oneOf(...Object.keys(PRESETS)),
      's25_l6',
    )
    .option('--steps <n>', 'timed training steps', positiveInt, 5)
    .option('--batch <n>', 'batch size', positiveInt, 128)
    .option('--backend <name>', `tfjs backend: ${BACKENDS.join(', ')}`, backendOption, 'auto')
    .option('--workers <n>', 'worker threads sharing each batch (data parallel)', positiveInt, 1)
    .option('--json', 'print JSON')
    .action(
      async (o: {
        preset: string;
        steps: number;
        batch: number;
        backend: BackendPreference;
        workers: number;
        json?: boolean;
      }) => {
        const r = await benchModel(o.preset, {
          steps: o.steps,
          batch: o.batch,
          backend: o.backend,
          workers: o.workers,
        });
        if (o.json) printJson(r);
        else
          process.stdout.write(
            `${r.preset} on ${r.backend} (${r.workers} worker${r.workers > 1 ? 's' : ''}): ${r.msPerStep.toFixed(0)} ms/step (${r.cpuMsPerStep.toFixed(0)} CPU ms) at batch ${r.batch}, ${r.seqPerSec.toFixed(1)} seq/s, peak RSS ${r.peakRssMb.toFixed(0)} MB, inference p50 ${r.inference.p50Ms.toFixed(2)} ms, p99 ${r.inference.p99Ms.toFixed(2)} ms\n`,
          );
      },
    );
}

function fmt(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : v.toFixed(3);
}
