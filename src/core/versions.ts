import { readFileSync } from 'node:fs';
import { repoPath } from './paths';

/** Installed version of a package in this checkout's node_modules, or undefined. */
export function packageVersion(name: string): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(repoPath('node_modules', name, 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

/** This workbench's own version (package.json at the checkout root). */
export function workbenchVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
