import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { WorkbenchError } from '../../core/errors';
import type { BackendPreference } from '../../core/tfjs';
import { validateAction, type MidgardAction } from '../../midgard';
import { writeReport, type Provenance, type Report } from '../../report';
import { simulateFeed, SimulateOptionsSchema, type SimulateOptions } from '../generate';
import { asNextActionPredictor, loadModel, readManifest } from '../model';
import { recordKeyShapes } from '../features';
import { compareFeeds, type FeedComparison } from './compare-feed';
import { keyParityGaps, keyParitySummary, type KeyParitySummary } from './key-parity';
import { blocksActions } from './model-data';
import { simulationReport } from './simulation-report';

export interface SimulateModelOptions extends SimulateOptions {
  model: string;
  /** Generated actions, a JSON array of Midgard actions (ascending). */
  out: string;
  /** Report folder (default: none). */
  report?: string;
  /** The store the model's features were built from: the seed window and the real comparison come from its test block. */
  store: string;
  chain?: string;
  backend?: BackendPreference;
}

export interface SimulateModelResult {
  actions: MidgardAction[];
  invalid: { index: number; reason: string }[];
  /** Key parity with the trained-on feed, per action kind (the schema alone makes most keys optional). */
  keyParity: KeyParitySummary;
  comparison: FeedComparison;
  /** The comparison as report blocks (a notebook shows it). */
  view: Report;
  report?: { dir: string; provenance: Provenance };
}

/**
 * Generates `steps` actions from the first seqLen + 1 actions of the held-out test block, checks
 * every one against the Midgard schema and against the key sets of the feed the model was trained
 * on (recorded with the model), and compares them with the real actions that followed. The
 * validation block before the seed fills the decoder's market book (prices, network fees).
 */
export async function simulateModel(o: SimulateModelOptions): Promise<SimulateModelResult> {
  const startedAt = new Date();
  const sim = SimulateOptionsSchema.parse(o);
  const manifest = readManifest(o.model);
  const model = await loadModel(o.model, { backend: o.backend });
  try {
    const L = model.artifacts.seqLen;
    const recorded = model.artifacts.keyShapes;
    const blocks = await blocksActions(
      o.store,
      o.chain ?? 'maya',
      model.artifacts,
      recorded ? ['validation', 'test'] : ['train', 'validation', 'test'],
    );
    const test = blocks.test ?? [];
    const shapes = recorded ?? recordKeyShapes(blocks.train ?? []);
    if (test.length < L + 2)
      throw new WorkbenchError(
        `the test block holds ${test.length} actions; simulation needs at least ${L + 2} (seed window + one to compare)`,
        'build features over more actions',
      );
    const seed = test.slice(0, L + 1);
    const real = test.slice(L + 1, L + 1 + sim.steps);
    const actions = await simulateFeed(
      asNextActionPredictor(model),
      model.artifacts,
      seed,
      sim,
      blocks.validation ?? [],
    );
    // Round-trip through JSON: what a reader of the file gets is what is checked.
    const invalid = actions.flatMap((a, index) => {
      const v = validateAction(JSON.parse(JSON.stringify(a)));
      return v.ok ? [] : [{ index, reason: v.reason }];
    });
    const keyParity = keyParitySummary(actions, shapes, recorded ? 'model' : 'store');
    mkdirSync(dirname(o.out), { recursive: true });
    writeFileSync(o.out, `${JSON.stringify(actions, null, 1)}\n`);
    const comparison = compareFeeds(actions, real, model.artifacts.units);
    // What was run, shown in the report and recorded in its provenance.
    const settings = {
      model: o.model,
      preset: manifest.preset,
      steps: sim.steps,
      temperature: sim.temperature,
      topK: sim.topK,
      seed: sim.seed,
    };
    const view = simulationReport(comparison, {
      ...settings,
      invalid,
      keyParity,
      keyGaps: keyParityGaps(keyParity),
      seedActions: {
        count: seed.length,
        firstHeight: seed[0]?.height ?? null,
        lastHeight: seed[seed.length - 1]?.height ?? null,
      },
    });
    let report: SimulateModelResult['report'];
    if (o.report) {
      report = await writeReport(
        o.report,
        { title: view.title, subtitle: view.subtitle, blocks: view.blocks },
        {
          kind: 'cli',
          provenance: {
            inputs: [join(o.model, 'manifest.json'), join(o.model, 'weights.bin'), o.out],
            params: {
              ...settings,
              store: o.store,
              chain: o.chain ?? 'maya',
              dataSha256: manifest.features.dataSha256,
            },
            tfjsBackend: model.backend,
            startedAt,
          },
          extraFiles: {
            'comparison.json': `${JSON.stringify({ typeMixTvd: comparison.typeMixTvd, sizeKs: comparison.sizeKs, interArrivalKs: comparison.interArrivalKs, simulated: comparison.simulated.typeMix, real: comparison.real.typeMix, invalid, keyParity }, null, 2)}\n`,
          },
        },
      );
    }
    return { actions, invalid, keyParity, comparison, view, report };
  } finally {
    model.dispose();
  }
}
