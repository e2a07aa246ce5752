import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { WorkbenchError } from './errors';

/**
 * An input file that must exist and be a readable file: one clear error naming it otherwise
 * (`what` says which input it is, `hint` how to get one).
 */
export function requireInputFile(path: string, what: string, hint?: string): string {
  if (!existsSync(path)) throw new WorkbenchError(`${what} ${path} does not exist`, hint);
  if (!statSync(path).isFile()) throw new WorkbenchError(`${what} ${path} is not a file`, hint);
  return path;
}

/** A folder that must exist. */
export function requireFolder(path: string, what: string, hint?: string): string {
  if (!existsSync(path)) throw new WorkbenchError(`${what} ${path} does not exist`, hint);
  if (!statSync(path).isDirectory()) throw new WorkbenchError(`${what} ${path} is not a folder`, hint);
  return path;
}

/**
 * An output file path that can be written: not a folder, its parent created. Checked before any
 * work starts, so a long run does not fail at its first write.
 */
export function prepareOutputFile(path: string, what = '--out'): string {
  if (existsSync(path) && statSync(path).isDirectory())
    throw new WorkbenchError(`${what} ${path} is a folder`, 'give a file path, e.g. data/out.jsonl');
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (e) {
    throw new WorkbenchError(
      `cannot create the folder of ${what} ${path}: ${e instanceof Error ? e.message : String(e)}`,
      'choose a path in a writable folder',
    );
  }
  return path;
}

/** The text of an input file, after {@link requireInputFile}'s checks. */
export function readInputText(path: string, what: string, hint?: string): string {
  requireInputFile(path, what, hint);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new WorkbenchError(`${what} ${path} cannot be read: ${e instanceof Error ? e.message : String(e)}`, hint);
  }
}

/**
 * Writes a whole file or nothing: the text goes to a temporary sibling that is renamed into place,
 * so a reader (or a crash) never sees half a file. Refuses to replace an existing file unless
 * `overwrite`.
 */
export function writeFileAtomic(
  path: string,
  text: string | Uint8Array,
  opts: { overwrite?: boolean; what?: string } = {},
): void {
  if (!opts.overwrite && existsSync(path))
    throw new WorkbenchError(
      `${opts.what ?? 'output'} ${path} already exists`,
      'choose another path, or pass --force to replace it',
    );
  if (existsSync(path) && statSync(path).isDirectory())
    throw new WorkbenchError(`${opts.what ?? 'output'} ${path} is a folder`, 'give a file path');
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
