import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/core';
import { Registry } from '../../src/registry/store';
import { recordRun } from '../../src/registry/record';
import { useTmpDir } from '../helpers/tmp';

describe('registry: runs, artifacts, model versions and aliases', () => {
  const tmp = useTmpDir();

  it('records a run with params, metrics by step, tags and hashed artifacts; versions are numbered and aliases move', async () => {
    const dir = tmp();
    const artifact = join(dir, 'weights.bin');
    writeFileSync(artifact, 'abc');
    const path = join(dir, 'reg.duckdb');
    const run = await recordRun(
      {
        experiment: 'maya-train',
        name: 'tiny',
        params: { preset: 'tiny', epochs: 3 },
        metrics: {
          valLoss: [
            { step: 1, value: 2.5 },
            { step: 2, value: 2.1 },
          ],
          acc: 0.5,
          bad: NaN,
        },
        tags: { kind: 'test' },
        artifacts: [{ path: artifact }],
        dataSha256: 'f'.repeat(64),
      },
      { path, strict: true },
    );
    expect(run).not.toBeNull();
    const reg = await Registry.open(path);
    try {
      const shown = await reg.run(run!.id.slice(0, 8));
      expect(shown?.params).toEqual({ epochs: '3', preset: 'tiny' });
      expect(shown?.metrics.valLoss).toEqual([
        { step: 1, value: 2.5 },
        { step: 2, value: 2.1 },
      ]);
      expect(shown?.metrics.acc).toEqual([{ step: 0, value: 0.5 }]);
      expect(shown?.metrics.bad).toBeUndefined();
      expect(shown?.tags).toEqual({ kind: 'test' });
      // sha256("abc") is the FIPS 180-2 test vector ba7816bf…
      expect(shown?.artifacts).toEqual([
        {
          name: 'weights.bin',
          path: artifact,
          sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
          sizeBytes: 3,
        },
      ]);
      expect(sha256('abc')).toBe(shown?.artifacts[0]?.sha256);
      expect(shown?.dataSha256).toBe('f'.repeat(64));

      const other = await reg.recordRun({ experiment: 'maya-train', metrics: { acc: 0.6 } });
      expect((await reg.runs({ experiment: 'maya-train' })).map((r) => r.id).sort()).toEqual(
        [run!.id, other.id].sort(),
      );
      const v1 = await reg.registerModel('maya-next-action', run!.id);
      const v2 = await reg.registerModel('maya-next-action', other.id, 'more data');
      expect([v1.version, v2.version]).toEqual([1, 2]);
      expect(await reg.setAlias('maya-next-action', 1, 'champion')).toEqual({ previous: null, version: 1 });
      await reg.setAlias('maya-next-action', 2, 'challenger');
      expect(await reg.setAlias('maya-next-action', 2, 'champion')).toEqual({ previous: 1, version: 2 });
      expect(await reg.resolveAlias('maya-next-action', 'champion')).toBe(2);
      const versions = await reg.versions('maya-next-action');
      expect(versions.map((v) => [v.version, v.runId, v.aliases])).toEqual([
        [1, run!.id, []],
        [2, other.id, ['challenger', 'champion']],
      ]);
      expect((await reg.aliasHistory('maya-next-action')).map((h) => [h.alias, h.version, h.previous])).toContainEqual([
        'champion',
        2,
        1,
      ]);
      await expect(reg.setAlias('maya-next-action', 9, 'champion')).rejects.toThrow(/no version 9/);
      await expect(reg.setAlias('maya-next-action', 1, 'Not An Alias')).rejects.toThrow(/not an alias/);
      await expect(reg.run('zzzzzz')).rejects.toThrow(/not a run id/);
      expect(await reg.run('0123456789')).toBeNull();
    } finally {
      reg.close();
    }
  });

  it('a run that cannot be recorded costs a warning, not the caller', async () => {
    const dir = tmp();
    const warnings: string[] = [];
    const r = await recordRun(
      { experiment: 'x', artifacts: [{ path: join(dir, 'missing.bin') }] },
      { path: join(dir, 'reg.duckdb'), onWarning: (m) => warnings.push(m) },
    );
    expect(r).toBeNull();
    expect(warnings[0]).toMatch(/not recorded.*missing\.bin is not a file/);
  });
});
