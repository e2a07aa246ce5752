import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const PACKAGE_NAME = 'crypto-ai-workbench';

function isRepoRoot(dir: string): boolean {
  const pkg = join(dir, 'package.json');
  if (!existsSync(pkg)) return false;
  try {
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

function findUp(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (isRepoRoot(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

let cached: string | undefined;

/**
 * The workbench checkout. Found from this file first (CLI, tests), then from the working
 * directory (a tslab kernel may compile src/ elsewhere).
 */
export function repoRoot(): string {
  cached ??= findUp(__dirname) ?? findUp(process.cwd());
  if (!cached)
    throw new Error(`cannot find the workbench checkout (a package.json named ${PACKAGE_NAME}) above ${__dirname}`);
  return cached;
}

export function repoPath(...parts: string[]): string {
  return join(repoRoot(), ...parts);
}
