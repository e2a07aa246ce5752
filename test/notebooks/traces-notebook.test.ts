import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNotebook } from '../../src/notebook';
import { TraceRecordSchema } from '../../src/traces';
import { ROOT } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();

describe('notebook 05-r1-traces', () => {
  it('generates traces through the real client against the offline stand-in and builds the dataset', async () => {
    const dir = tmp();
    const run = await runNotebook({
      notebook: join(ROOT, 'notebooks', '05-r1-traces.ipynb'),
      params: ['chains=ethereum,near', 'from=2025-03-01', 'to=2025-03-06', 'tasks=predict7d,risk', `workDir=${dir}`],
      outDir: join(dir, 'report'),
    });
    const records = readFileSync(join(dir, 'traces.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => TraceRecordSchema.parse(JSON.parse(l)));
    expect(records.length).toBeGreaterThan(15);
    expect(records.every((r) => r.provider === 'workbench-offline-stand-in')).toBe(true);
    const stats = JSON.parse(readFileSync(join(dir, 'dataset', 'stats.json'), 'utf8')) as object;
    expect(stats).toBeTruthy();
    const html = readFileSync(run.htmlPath, 'utf8');
    for (const text of ['Reasoning vs answers', 'Tokens per record', 'outcomes joined'])
      expect(html.includes(text), text).toBe(true);
  }, 180_000);
});
