import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFeatures, trainModel, writeFeatureDir } from '../../src/maya';
import { MidgardClient, MidgardStore, startMidgardServer, syncActions } from '../../src/midgard';
import { runNotebook } from '../../src/notebook';
import { ROOT } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();

// The shipped notebook 03 at toy size, on a model trained here the way 02 trains it, so that the
// two notebook tests run side by side.
describe('notebook 03-maya-evaluate', () => {
  it('03 evaluates, simulates and predicts live from a model trained like 02', async () => {
    const dir = tmp();
    const storePath = join(dir, 'w.duckdb');
    const local = await startMidgardServer({ seed: 7, actions: 1500 });
    const store = await MidgardStore.open(storePath);
    await syncActions({
      client: new MidgardClient(local.url, { rps: 1000 }),
      store,
      chain: 'maya',
      rawDir: join(dir, 'raw'),
    });
    await local.close();
    const features = await buildFeatures(store.actions({ chain: 'maya' }), { seqLen: 8 });
    await store.close();
    writeFeatureDir(join(dir, 'features'), features);
    await trainModel(features, {
      out: join(dir, 'model'),
      featuresDir: join(dir, 'features'),
      preset: 'default',
      overrides: { train: { epochs: 1 } },
      seed: 7,
    });

    const evaluate = await runNotebook({
      notebook: join(ROOT, 'notebooks', '03-maya-evaluate.ipynb'),
      params: [
        `storePath=${storePath}`,
        `modelDir=${join(dir, 'model')}`,
        'simSteps=20',
        'livePredictions=5',
        `evaluationDir=${join(dir, 'evaluation')}`,
        `simulationDir=${join(dir, 'simulation')}`,
      ],
      outDir: join(dir, 'report-03'),
    });
    const html = readFileSync(evaluate.htmlPath, 'utf8');
    for (const text of ['held-out', 'Inter-arrival times', 'Running accuracy'])
      expect(html.includes(text), text).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'evaluation', 'metrics.json'), 'utf8'))).toMatchObject({ block: 'test' });
    expect(JSON.parse(readFileSync(join(dir, 'simulation', 'comparison.json'), 'utf8'))).toMatchObject({ invalid: [] });
  }, 300_000);
});
