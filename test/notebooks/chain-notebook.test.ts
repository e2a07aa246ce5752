import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChainDaySchema } from '../../src/chain';
import { runNotebook } from '../../src/notebook';
import { ROOT } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();

describe('notebook 04-chain-metrics', () => {
  it('collects simulated chain-days through the local Flipside server and plots metrics, regimes and correlations', async () => {
    const dir = tmp();
    const out = join(dir, 'days.jsonl');
    const run = await runNotebook({
      notebook: join(ROOT, 'notebooks', '04-chain-metrics.ipynb'),
      params: [
        'chains=ethereum,bitcoin',
        'from=2025-01-01',
        'to=2025-02-28',
        `out=${out}`,
        `cacheDir=${join(dir, 'cache')}`,
      ],
      outDir: join(dir, 'report'),
    });
    const rows = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => ChainDaySchema.parse(JSON.parse(l)));
    expect(rows).toHaveLength(2 * 59);
    expect(rows.every((r) => r.missing || r.source === 'sim')).toBe(true);
    const html = readFileSync(run.htmlPath, 'utf8');
    for (const text of ['Regime per chain and day', 'Correlation of daily log changes', 'regime class balance'])
      expect(html.includes(text), text).toBe(true);
  }, 180_000);
});
