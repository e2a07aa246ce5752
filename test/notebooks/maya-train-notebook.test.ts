import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNotebook } from '../../src/notebook';
import { ROOT } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();

// The shipped notebook 02, run by the real tslab kernel at toy size into a temporary folder.
describe('notebook 02-maya-train', () => {
  it('02 syncs, builds features and trains a model', async () => {
    const dir = tmp();
    const train = await runNotebook({
      notebook: join(ROOT, 'notebooks', '02-maya-train.ipynb'),
      params: [
        `storePath=${join(dir, 'w.duckdb')}`,
        `modelDir=${join(dir, 'model')}`,
        'serverActions=1500',
        'epochs=1',
        'seqLen=8',
        `featuresDir=${join(dir, 'features')}`,
      ],
      outDir: join(dir, 'report-02'),
    });
    expect(existsSync(join(dir, 'model', 'manifest.json'))).toBe(true);
    expect(readFileSync(train.htmlPath, 'utf8').includes('Composite loss per epoch')).toBe(true);
  }, 300_000);
});
