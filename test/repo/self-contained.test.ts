import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');

/** Every tracked or new (not ignored) file of the checkout. */
function projectFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return out.split('\0').filter((f) => f.length > 0);
}

describe('the clone stands on its own', () => {
  it('no project file refers to the shared folder beside the checkout', () => {
    // Assembled so that this file does not match itself.
    const needle = ['..', 'shared'].join('/');
    const offenders = projectFiles().filter((f) => {
      if (/\.(png|jpg|gz|zip|parquet|duckdb)$/.test(f)) return false;
      try {
        return readFileSync(join(ROOT, f), 'utf8').includes(needle);
      } catch {
        return false; // removed from the work tree but still in the index
      }
    });
    expect(offenders).toEqual([]);
  });
});
