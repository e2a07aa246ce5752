import { join } from 'node:path';
import { silentProgress, type Progress } from '../../core/progress';
import type { BackendPreference } from '../../core/tfjs';
import type { Provenance } from '../../report';
import { baselinePredictions, evaluate, itemPredictionsJsonl, writeEvaluation, type EvaluationResult } from '../eval';
import { loadModel, predictBlock, readManifest } from '../model';
import { modelFeatureSet } from './model-data';

export interface EvaluateModelOptions {
  /** Model folder (trainModel's output). */
  model: string;
  /** Report folder: index.html, metrics.json, provenance.json. */
  out: string;
  /** Features folder; default the one the manifest recorded. */
  data?: string;
  backend?: BackendPreference;
  progress?: Progress;
  signal?: AbortSignal;
}

/**
 * Scores a trained model on the held-out test block beside the copy-last, majority and Markov
 * baselines (fitted on the train block only) and writes metrics.json, the model's per-target
 * predictions.jsonl (what `workbench compare` pairs two runs by) and the HTML report.
 */
export async function evaluateModel(
  o: EvaluateModelOptions,
): Promise<{ result: EvaluationResult; dir: string; provenance: Provenance }> {
  const startedAt = new Date();
  const model = await loadModel(o.model, { backend: o.backend });
  try {
    const manifest = readManifest(o.model);
    const set = modelFeatureSet(manifest, o.data);
    const name = `model:${manifest.preset}`;
    const mine = await predictBlock(model, set, 'test', { progress: o.progress ?? silentProgress, signal: o.signal });
    const result = evaluate(set, { [name]: mine, ...baselinePredictions(set, 'test') });
    const { dir, provenance } = await writeEvaluation(o.out, result, {
      itemPredictions: itemPredictionsJsonl(set, 'test', mine),
      provenance: {
        inputs: [join(o.model, 'manifest.json'), join(o.model, 'weights.bin')],
        params: {
          model: o.model,
          preset: manifest.preset,
          data: o.data ?? manifest.features.dir,
          dataSha256: manifest.features.dataSha256,
          block: result.block,
          bestEpoch: manifest.metrics.bestEpoch,
        },
        seeds: { train: manifest.seed },
        tfjsBackend: model.backend,
        startedAt,
      },
    });
    return { result, dir, provenance };
  } finally {
    model.dispose();
  }
}
