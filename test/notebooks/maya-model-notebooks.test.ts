import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNotebook } from '../../src/notebook';
import { ROOT } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();

// The shipped notebooks 02 and 03, run by the real tslab kernel at toy size into a temporary folder.
describe('notebooks 02-maya-train and 03-maya-evaluate', () => {
  it('train, then evaluate, simulate and predict live from what 02 wrote', async () => {
    const dir = tmp();
    const shared = [`storePath=${join(dir, 'w.duckdb')}`, `modelDir=${join(dir, 'model')}`];
    const train = await runNotebook({
      notebook: join(ROOT, 'notebooks', '02-maya-train.ipynb'),
      params: [...shared, 'serverActions=1500', 'epochs=1', 'seqLen=8', `featuresDir=${join(dir, 'features')}`],
      outDir: join(dir, 'report-02'),
    });
    expect(existsSync(join(dir, 'model', 'manifest.json'))).toBe(true);
    expect(readFileSync(train.htmlPath, 'utf8').includes('Composite loss per epoch')).toBe(true);

    const evaluate = await runNotebook({
      notebook: join(ROOT, 'notebooks', '03-maya-evaluate.ipynb'),
      params: [...shared, 'simSteps=20', 'livePredictions=5', `evaluationDir=${join(dir, 'evaluation')}`, `simulationDir=${join(dir, 'simulation')}`],
      outDir: join(dir, 'report-03'),
    });
    const html = readFileSync(evaluate.htmlPath, 'utf8');
    for (const text of ['held-out', 'Inter-arrival times', 'Running accuracy']) expect(html.includes(text), text).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'evaluation', 'metrics.json'), 'utf8'))).toMatchObject({ block: 'test' });
    expect(JSON.parse(readFileSync(join(dir, 'simulation', 'comparison.json'), 'utf8'))).toMatchObject({ invalid: [] });
  }, 300_000);
});
