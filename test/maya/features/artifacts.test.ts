import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildFeatures,
  canonicalJson,
  hashActions,
  loadFeatureArtifacts,
  loadFeatureSet,
  writeFeatureDir,
} from '../../../src/maya/features';
import { useTmpDir } from '../../helpers/tmp';
import { synthActions } from './synth';

describe('feature artifacts', () => {
  const tmp = useTmpDir();
  const actions = synthActions(300, 3);

  it('canonicalises JSON with sorted keys and no spaces', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: null, e: undefined } })).toBe(
      '{"a":{"c":null,"d":[1,"x",null]},"b":1}',
    );
  });

  it('hashes the ordered actions as canonical JSON lines', async () => {
    const two = actions.slice(0, 2);
    const text = two.map((a) => `${canonicalJson(a)}\n`).join('');
    const { sha256, count } = await hashActions(two);
    expect(count).toBe(2);
    expect(sha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect((await hashActions([...two].reverse())).sha256).not.toBe(sha256);
  });

  it('round-trips through a folder and checks the data hash', async () => {
    const set = await buildFeatures(actions, { seqLen: 4, buckets: 32 });
    const dir = tmp();
    writeFeatureDir(dir, set);
    const { sha256 } = await hashActions(actions);
    expect(set.artifacts.data.sha256).toBe(sha256);
    expect(loadFeatureArtifacts(dir, { dataSha256: sha256 })).toEqual(set.artifacts);
    const back = loadFeatureSet(dir);
    expect(back.count).toBe(set.count);
    expect(back.cat).toEqual(set.cat);
    expect(back.num).toEqual(set.num);
    expect(back.mask).toEqual(set.mask);
    expect(back.windows).toEqual(set.windows);
    const other = await hashActions(actions.slice(1));
    expect(() => loadFeatureArtifacts(dir, { dataSha256: other.sha256 })).toThrow(/data hash mismatch/);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('torch.from_numpy');
  });

  it('rejects another version, a tampered field list and a malformed file, saying so', async () => {
    const set = await buildFeatures(actions, { seqLen: 4, buckets: 32 });
    const dir = tmp();
    writeFeatureDir(dir, set);
    const path = join(dir, 'spec.json');
    const good = readFileSync(path, 'utf8');
    const edit = (f: (j: Record<string, unknown>) => void) => {
      const j = JSON.parse(good) as Record<string, unknown>;
      f(j);
      writeFileSync(path, JSON.stringify(j));
    };
    edit((j) => (j.version = 'maya-features/0'));
    expect(() => loadFeatureArtifacts(dir)).toThrow(/version "maya-features\/0", but this code reads maya-features\/1/);
    edit((j) => (j.fields as { name: string }[]).reverse());
    expect(() => loadFeatureArtifacts(dir)).toThrow(/field list does not match/);
    edit((j) => delete j.scalers);
    expect(() => loadFeatureArtifacts(dir)).toThrow(/invalid feature artifacts at scalers/);
    edit((j) => (j.vocabs as { pool: string[] }).pool.push('EXTRA.POOL'));
    expect(() => loadFeatureArtifacts(dir)).toThrow(/field list does not match/);
    writeFileSync(path, '{');
    expect(() => loadFeatureArtifacts(dir)).toThrow(/cannot read feature artifacts/);
  });
});
