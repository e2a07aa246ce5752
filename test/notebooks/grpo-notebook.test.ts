import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNotebook } from '../../src/notebook';
import { ROOT } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();

describe('notebook 07-grpo-launch', () => {
  it('checks the spec, bundles, dry-runs the launch over SSH to localhost and reports the run', async () => {
    const dir = tmp();
    const run = await runNotebook({
      notebook: join(ROOT, 'notebooks', '07-grpo-launch.ipynb'),
      params: ['days=14', `workDir=${dir}`],
      outDir: join(dir, 'report'),
    });
    const html = readFileSync(run.htmlPath, 'utf8');
    for (const text of [
      'the same spec, changed one thing at a time',
      'marginal',
      'does-not-fit',
      'time and cost',
      'dataset checks',
      'SSH dry run',
      'succeeded: run.sh exited 0',
      'Composite reward (± its std over the batch)',
      'Served model on the held-out eval prompts',
    ])
      expect(html.includes(text), text).toBe(true);
    expect(existsSync(join(dir, 'bundle', 'manifest.json'))).toBe(true);
  }, 300_000);
});
