import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The `eval` source that starts a worker thread on module `name` of this folder: the .ts source is
 * loaded through tsx's require hook (the workbench runs its sources through tsx; a worker thread
 * starts without the parent's hooks), a compiled .js directly.
 */
export function workerSource(name: string): string {
  const ts = join(__dirname, `${name}.ts`);
  if (existsSync(ts)) return `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(ts)});`;
  return `require(${JSON.stringify(join(__dirname, `${name}.js`))});`;
}
