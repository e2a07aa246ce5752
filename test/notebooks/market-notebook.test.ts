import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNotebook } from '../../src/notebook';
import { ROOT } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();

describe('notebook 09-market-models', () => {
  it('loads the prices, checks for look-ahead and evaluates the models against the baselines', async () => {
    const dir = tmp();
    const run = await runNotebook({
      notebook: join(ROOT, 'notebooks', '09-market-models.ipynb'),
      params: ['coins=ETH', 'models=majority,persistence,logistic'],
      outDir: join(dir, 'report'),
    });
    const html = readFileSync(run.htmlPath, 'utf8');
    for (const text of [
      'price files as loaded',
      'Bollinger(20, 2)',
      'next_return',
      'claimed 75%',
      'ETH, 1-day direction',
      'McNemar p (vs ',
    ])
      expect(html.includes(text), text).toBe(true);
  }, 180_000);
});
