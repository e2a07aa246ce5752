import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { collectProvenance } from '../../src/report';

describe('collectProvenance', () => {
  it('records commit, lock hash, versions, host and timing', async () => {
    const started = new Date('2026-01-01T00:00:00Z');
    const p = await collectProvenance({
      startedAt: started,
      params: { a: 1 },
      tfjsBackend: { backend: 'wasm', package: '@tensorflow/tfjs-backend-wasm', version: '4.22.0', skipped: [] },
    });
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    expect(p.git.commit).toBe(head);
    expect(typeof p.git.dirty).toBe('boolean');
    expect(p.packageLockSha256).toBe(
      execFileSync('sha256sum', ['package-lock.json'], { encoding: 'utf8' }).split(' ')[0],
    );
    expect(p.versions.node).toBe(process.versions.node);
    expect(p.versions.tslab).toBe('1.0.22');
    expect(p.versions.tfjs).toBe('4.22.0');
    expect(p.tfjsBackend).toEqual({ backend: 'wasm', package: '@tensorflow/tfjs-backend-wasm', version: '4.22.0' });
    expect(p.startedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(Date.parse(p.finishedAt)).toBeGreaterThan(started.getTime());
    expect(p.host.cpus).toBeGreaterThan(0);
    expect(p.host.memoryBytes).toBeGreaterThan(0);
  });

  it('refuses an input file that does not exist', async () => {
    await expect(collectProvenance({ startedAt: new Date(), inputs: ['/no/such/file.csv'] })).rejects.toThrow(
      /\/no\/such\/file\.csv does not exist/,
    );
  });
});
