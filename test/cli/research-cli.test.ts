import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFeatures, writeFeatureDir } from '../../src/maya';
import { MidgardStore, simulateActions } from '../../src/midgard';
import { workbenchAsync } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';

describe('workbench sentiment / registry / compare / drift / maya profiles', () => {
  const tmp = useTmpDir();

  it('records one run per scorer, compares two on the same rows, registers versions and moves an alias, writes the registry page', async () => {
    const dir = tmp();
    const env = { WORKBENCH_REGISTRY: join(dir, 'registry.duckdb') };
    const ev = await workbenchAsync(
      ['sentiment', 'evaluate', '--out', join(dir, 'sent'), '--no-llm', '--max-rows', '60', '--json'],
      env,
    );
    expect(ev.stderr).toBe('');
    const e = JSON.parse(ev.stdout) as { runs: string[]; scorers: { name: string; n: number }[] };
    expect(e.scorers.map((s) => s.n)).toEqual([60, 60, 60, 60]);
    expect(e.runs.every((r) => /^[0-9a-f]{32}$/.test(r))).toBe(true);
    const [majority, afinn, , full] = e.runs as [string, string, string, string];

    const cmp = await workbenchAsync(
      ['compare', '--a', full.slice(0, 10), '--b', afinn, '--out', join(dir, 'cmp'), '--json'],
      env,
    );
    expect(cmp.code).toBe(0);
    const c = JSON.parse(cmp.stdout) as {
      n: number;
      classification: { mcnemar: { b: number; c: number } };
      losses: { meanA: number };
    };
    expect(c.n).toBe(60);
    // The losses are 0/1 errors, so mean loss A is 1 − accuracy of A from the evaluation.
    const sentMetrics = JSON.parse(readFileSync(join(dir, 'sent', 'metrics.json'), 'utf8')) as {
      scorers: { accuracy: number }[];
    };
    expect(c.losses.meanA).toBeCloseTo(1 - sentMetrics.scorers[3]!.accuracy, 12);
    expect(existsSync(join(dir, 'cmp', 'index.html'))).toBe(true);

    for (const run of [majority, full])
      expect((await workbenchAsync(['registry', 'register', 'sentiment', run], env)).code).toBe(0);
    expect((await workbenchAsync(['registry', 'promote', 'sentiment', '1', '--alias', 'champion'], env)).stdout).toBe(
      'sentiment@champion: new → v1\n',
    );
    expect((await workbenchAsync(['registry', 'promote', 'sentiment', '2', '--alias', 'champion'], env)).stdout).toBe(
      'sentiment@champion: v1 → v2\n',
    );
    const models = JSON.parse((await workbenchAsync(['registry', 'models', '--json'], env)).stdout) as {
      version: number;
      aliases: string[];
    }[];
    expect(models.map((m) => [m.version, m.aliases])).toEqual([
      [1, []],
      [2, ['champion']],
    ]);
    const page = await workbenchAsync(['registry', 'page', '--out', join(dir, 'registry')], env);
    expect(page.stdout).toMatch(/^4 run\(s\), 2 model version\(s\)/);
    expect(readFileSync(join(dir, 'registry', 'index.html'), 'utf8')).toContain('champion');

    const bad = await workbenchAsync(['registry', 'promote', 'sentiment', '7', '--alias', 'champion'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/^error: model sentiment has no version 7\nfix: /);
  }, 90_000);

  it('drift flags the shifted column; a missing file is one clear error', async () => {
    const dir = tmp();
    const rows = (shift: number) =>
      Array.from({ length: 200 }, (_, i) =>
        JSON.stringify({ size: ((i * 37) % 200) + shift, type: i % 3 ? 'swap' : 'add' }),
      ).join('\n');
    writeFileSync(join(dir, 'ref.jsonl'), rows(0));
    writeFileSync(join(dir, 'cur.jsonl'), rows(100));
    const d = await workbenchAsync([
      'drift',
      '--reference',
      join(dir, 'ref.jsonl'),
      '--current',
      join(dir, 'cur.jsonl'),
      '--out',
      join(dir, 'drift'),
      '--json',
    ]);
    const r = JSON.parse(d.stdout) as {
      columns: { column: string; drift: boolean; method: string; ks: { statistic: number } | null }[];
    };
    expect(r.columns.map((x) => [x.column, x.method, x.drift])).toEqual([
      ['size', 'ks', true],
      ['type', 'chisquare', false],
    ]);
    expect(r.columns[0]?.ks?.statistic).toBeCloseTo(0.5, 12); // uniform 0..199 shifted by 100
    const missing = await workbenchAsync([
      'drift',
      '--reference',
      join(dir, 'nope.jsonl'),
      '--current',
      join(dir, 'cur.jsonl'),
      '--out',
      join(dir, 'd2'),
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/^error: .*nope\.jsonl does not exist\nfix: /);
    expect(existsSync(join(dir, 'd2'))).toBe(false);

    // The model's inputs: the train block of a Maya features folder against its test block.
    const features = join(dir, 'features');
    writeFeatureDir(features, await buildFeatures(simulateActions({ seed: 21 }, 600), { seqLen: 8, buckets: 64 }));
    const spec = JSON.parse(readFileSync(join(features, 'spec.json'), 'utf8')) as {
      fields: { name: string }[];
      split: { blocks: { train: { actions: number } } };
    };
    const f = await workbenchAsync(['drift', '--maya-features', features, '--out', join(dir, 'fdrift'), '--json']);
    expect(f.code, f.stderr).toBe(0);
    const fr = JSON.parse(f.stdout) as {
      columns: { column: string; nReference: number; nCurrent: number; missingCurrent: number }[];
    };
    expect(fr.columns.map((c) => c.column).sort()).toEqual(spec.fields.map((x) => x.name).sort());
    const type = fr.columns.find((c) => c.column === 'type');
    expect(type?.nReference).toBe(spec.split.blocks.train.actions);
  }, 60_000);

  it('scores a text file and profiles a store into Parquet', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'in.jsonl'),
      [
        { time: '2025-01-02T10:00:00Z', text: 'BTC to the moon', source: 't', assets: ['BTC'] },
        { time: '2025-01-02T11:00:00Z', text: 'total scam, rekt', source: 't' },
      ]
        .map((x) => JSON.stringify(x))
        .join('\n'),
    );
    const s = await workbenchAsync([
      'sentiment',
      'score',
      '--in',
      join(dir, 'in.jsonl'),
      '--out',
      join(dir, 'out.jsonl'),
      '--json',
    ]);
    expect(s.code).toBe(0);
    const out = readFileSync(join(dir, 'out.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { sentiment: { label: string } });
    expect(out.map((o) => o.sentiment.label)).toEqual(['bullish', 'bearish']);
    const badLine = await workbenchAsync([
      'sentiment',
      'score',
      '--in',
      join(dir, 'out.jsonl'),
      '--out',
      join(dir, 'x.jsonl'),
    ]);
    expect(badLine.code).toBe(0); // extra fields are fine: the scored file scores again
    writeFileSync(join(dir, 'bad.jsonl'), '{"text": "no time"}\n');
    const bad = await workbenchAsync([
      'sentiment',
      'score',
      '--in',
      join(dir, 'bad.jsonl'),
      '--out',
      join(dir, 'y.jsonl'),
    ]);
    expect(bad.stderr).toMatch(/^error: .*bad\.jsonl line 1: time: Invalid input\nfix: /);
    expect(existsSync(join(dir, 'y.jsonl'))).toBe(false);

    const storePath = join(dir, 's.duckdb');
    const store = await MidgardStore.open(storePath);
    await store.ingestPages([
      { source: 't', chain: 'maya', url: 'u', actions: [...simulateActions({ seed: 8 }, 600)], checkpoint: '{}' },
    ]);
    await store.close();
    const p = await workbenchAsync([
      'maya',
      'profiles',
      '--store',
      storePath,
      '--out',
      join(dir, 'prof'),
      '--sim-seed',
      '8',
      '--json',
    ]);
    expect(p.code).toBe(0);
    const sum = JSON.parse(p.stdout) as { addresses: number; ari: number; purity: { size: number }[] };
    expect(sum.purity.reduce((t, x) => t + x.size, 0)).toBe(sum.addresses);
    expect(
      readFileSync(join(dir, 'prof', 'profiles.parquet'))
        .subarray(0, 4)
        .toString(),
    ).toBe('PAR1'); // Parquet magic bytes
  }, 60_000);
});
