import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTruth } from '../../src/arb';
import { runNotebook } from '../../src/notebook';
import { ROOT } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();

describe('notebook 08-arbitrage', () => {
  it('syncs the local Midgard, scores the scanner against the planted truth, and lists who captured it, protocol metrics and the real snapshots', async () => {
    const dir = tmp();
    const truthOut = join(dir, 'truth.jsonl');
    const run = await runNotebook({
      notebook: join(ROOT, 'notebooks', '08-arbitrage.ipynb'),
      params: [
        'actions=600',
        `storePath=${join(dir, 'a.duckdb')}`,
        `truthOut=${truthOut}`,
        `opportunitiesOut=${join(dir, 'o.jsonl')}`,
      ],
      outDir: join(dir, 'report'),
    });
    const truth = readTruth(truthOut);
    expect(truth.some((t) => t.kind === 'arb')).toBe(true);
    const html = readFileSync(run.htmlPath, 'utf8');
    for (const text of [
      'detection of planted gaps at block starts',
      'who captured it',
      'per pool and UTC day',
      'thorchain: triangles in the recorded /v2/pools',
      'OFFLINE SIMULATOR',
    ])
      expect(html.includes(text), text).toBe(true);
  }, 240_000);
});
