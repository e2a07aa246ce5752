import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { createProgress, type BackendPreference } from '../core';
import { benchModel, evaluateModel, PRESETS, readManifest, trainFromFeatureDir, type ConfigOverrides } from '../maya';
import { integer, oneOf, positiveInt } from './args';
import { printJson } from './output';
import { abortOnSignals } from './lifecycle';
import { registerPredictNext, registerSimulate } from './maya-generate';
import { BACKENDS, backendOption, fmt, refreshIndexIfUnderReports } from './maya-options';
import { recordMayaEvaluation, recordMayaTraining } from './record-runs';

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
            `  ${c.model} vs ${c.baseline.padEnd(10)} ${c.column.padEnd(9)} ${c.metric.padEnd(8)} margin ${fmt(c.margin)}  p ${c.pValue === null ? '—' : c.pValue === 0 ? '< 1e-16' : c.pValue.toExponential(2)} (${c.test})\n`,
          );
        }
      }
    });
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
    .option('--split', 'time inference with each prediction split over two threads (presets without a pointer head)')
    .option('--json', 'print JSON')
    .action(
      async (o: {
        preset: string;
        steps: number;
        batch: number;
        backend: BackendPreference;
        workers: number;
        split?: boolean;
        json?: boolean;
      }) => {
        const r = await benchModel(o.preset, {
          steps: o.steps,
          batch: o.batch,
          backend: o.backend,
          workers: o.workers,
          splitInference: o.split === true,
        });
        if (o.json) printJson(r);
        else
          process.stdout.write(
            `${r.preset} on ${r.backend} (${r.workers} worker${r.workers > 1 ? 's' : ''}): ${r.msPerStep.toFixed(0)} ms/step (${r.cpuMsPerStep.toFixed(0)} CPU ms) at batch ${r.batch}, ${r.seqPerSec.toFixed(1)} seq/s, peak RSS ${r.peakRssMb.toFixed(0)} MB, inference${r.inference.split ? ' (split over two threads)' : ''} p50 ${r.inference.p50Ms.toFixed(2)} ms, p99 ${r.inference.p99Ms.toFixed(2)} ms\n`,
          );
      },
    );
}
