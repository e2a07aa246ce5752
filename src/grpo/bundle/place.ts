import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { WorkbenchError } from '../../core/errors';

/**
 * Where a bundle may go, and how it gets there: a bundle is built in a sibling staging folder
 * and moved in whole. The target must be missing, empty, or an earlier bundle holding nothing
 * but the files its manifest lists (a smoke run's outputs/ in it would be lost otherwise);
 * anything else is refused before a byte is written. An earlier bundle is moved aside, the new
 * one renamed into place, and the old one deleted only then (put back if the rename fails).
 */
export const MANIFEST_SCHEMA = 'workbench.grpo-bundle/1';

export function listFiles(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? listFiles(p, root) : [relative(root, p)];
  });
}

function earlierManifest(dir: string): { files: { path: string }[] } | null {
  try {
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { schema?: unknown; files?: unknown };
    return m.schema === MANIFEST_SCHEMA && Array.isArray(m.files) ? (m as { files: { path: string }[] }) : null;
  } catch {
    return null;
  }
}

/** Throws unless `outDir` may receive a bundle; returns its absolute path. */
export function checkBundleTarget(outDir: string): string {
  const abs = resolve(outDir);
  if (!existsSync(abs)) return abs;
  if (!statSync(abs).isDirectory())
    throw new WorkbenchError(`--out ${outDir} is a file, not a folder`, 'give a new or empty folder for the bundle');
  const entries = readdirSync(abs);
  if (!entries.length) return abs;
  const m = earlierManifest(abs);
  if (!m)
    throw new WorkbenchError(
      `${outDir} is not empty and holds no earlier bundle (${entries.length} entries: ${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''})`,
      'give a new or empty folder for --out (a bundle replaces its folder whole, so nothing else may be in it)',
    );
  const listed = new Set([...m.files.map((f) => f.path), 'manifest.json']);
  const extra = listFiles(abs).filter((f) => !listed.has(f));
  if (extra.length)
    throw new WorkbenchError(
      `${outDir} holds an earlier bundle and ${extra.length} file(s) it did not write (${extra.slice(0, 3).join(', ')}${extra.length > 3 ? ', …' : ''})`,
      'move them out first (a local smoke run writes outputs/ there) or give another --out',
    );
  return abs;
}

export const stagingDirFor = (abs: string): string => join(dirname(abs), `.${basename(abs)}.staging-${process.pid}`);

/** Moves a finished staging folder to `abs`, replacing an earlier bundle there. */
export function placeBundle(staging: string, abs: string): void {
  mkdirSync(dirname(abs), { recursive: true });
  if (!existsSync(abs) || !readdirSync(abs).length) {
    if (existsSync(abs)) rmSync(abs, { recursive: true });
    renameSync(staging, abs);
    return;
  }
  const old = join(dirname(abs), `.${basename(abs)}.old-${process.pid}`);
  renameSync(abs, old);
  try {
    renameSync(staging, abs);
  } catch (e) {
    renameSync(old, abs);
    throw e;
  }
  rmSync(old, { recursive: true, force: true });
}
