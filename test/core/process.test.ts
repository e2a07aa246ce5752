import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/core/process';

describe('runCommand', () => {
  it('ends at its timeout even when a child of the command holds the pipes open', async () => {
    const t0 = Date.now();
    // bash starts a sleeping child that inherits stdout; killing bash alone would never end the run.
    const r = await runCommand('bash', ['-c', 'sleep 30 & wait'], { timeout: 500 });
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(r.signal).toBe('SIGKILL');
  });

  it('captures output and the exit code', async () => {
    const r = await runCommand('bash', ['-c', 'echo out; echo err >&2; exit 3']);
    expect([r.code, r.stdout, r.stderr]).toEqual([3, 'out\n', 'err\n']);
  });
});
