import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNotebook } from '../../src/notebook';
import { ROOT } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();

describe('notebook 11-research-record', () => {
  it('evaluates the scorers, records and compares runs, moves an alias, profiles addresses, reports drift and writes the registry page', async () => {
    const dir = tmp();
    const run = await runNotebook({
      notebook: join(ROOT, 'notebooks', '11-research-record.ipynb'),
      params: ['maxRows=60', 'simActions=800', `outDir=${join(dir, 'data')}`, `registryPage=${join(dir, 'registry')}`],
      outDir: join(dir, 'report'),
    });
    const html = readFileSync(run.htmlPath, 'utf8');
    for (const text of [
      'Crypto sentiment scorers on human-labelled Reddit comments',
      'LLM (workbench/offline-analyst)',
      'Paired model comparison',
      'Address behaviour profiles',
      'per-profile purity',
      'Data drift',
      'Research record: runs and registered models',
      'challenger: new → v2',
    ])
      expect(html.includes(text), text).toBe(true);
    expect(existsSync(join(dir, 'registry', 'index.html'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'data', 'compare', 'comparison.json'), 'utf8')).n).toBe(60);
  }, 240_000);
});
