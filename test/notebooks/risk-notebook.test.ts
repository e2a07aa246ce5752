import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNotebook } from '../../src/notebook';
import { ROOT } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();

describe('notebook 10-risk', () => {
  it('compares the coins, backtests three VaR methods and draws the tearsheet', async () => {
    const dir = tmp();
    const run = await runNotebook({
      notebook: join(ROOT, 'notebooks', '10-risk.ipynb'),
      params: ['coins=LTC,XPR', 'confidence=0.99'],
      outDir: join(dir, 'report'),
    });
    const html = readFileSync(run.htmlPath, 'utf8');
    for (const text of [
      'Cornish-Fisher',
      'Kupiec p',
      'Risk tearsheet: LTC buy-and-hold',
      'Underwater plot',
      'VaR exceedances',
    ])
      expect(html.includes(text), text).toBe(true);
  }, 180_000);
});
