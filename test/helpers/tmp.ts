import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A fresh temporary folder, removed after the test. */
export function useTmpDir(): () => string {
  const made: string[] = [];
  afterEach(() => {
    while (made.length) rmSync(made.pop() as string, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-test-'));
    made.push(dir);
    return dir;
  };
}
