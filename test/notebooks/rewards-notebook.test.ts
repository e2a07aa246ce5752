import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNotebook } from '../../src/notebook';
import { ROOT } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();

describe('notebook 06-rewards', () => {
  it('scores one prompt per tier, calibrates, and checks the Python twin against TypeScript', async () => {
    const dir = tmp();
    const run = await runNotebook({
      notebook: join(ROOT, 'notebooks', '06-rewards.ipynb'),
      params: ['chains=ethereum,near', 'from=2025-02-01', 'to=2025-03-15', `outDir=${dir}`],
      outDir: join(dir, 'report'),
    });
    const html = readFileSync(run.htmlPath, 'utf8');
    for (const text of [
      'One prompt, four analyses',
      'Composite reward by group',
      'Weight fit',
      'TypeScript and the Python twin on the same cases',
      'largest |TS − Python| composite',
      'Held-out set: held-out 3',
    ])
      expect(html.includes(text), text).toBe(true);
    expect(existsSync(join(dir, 'python', 'workbench_rewards.py'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'proposed-weights.json'), 'utf8'))).toHaveProperty('components.claims');
  }, 180_000);
});
