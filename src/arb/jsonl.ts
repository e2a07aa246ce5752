import { renameSync, writeFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** One JSON line, bigints as decimal strings. */
export function jsonLine(v: unknown): string {
  return `${JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x))}\n`;
}

/** Writes lines to `file` through a temporary file and a rename, so a failure leaves nothing half-written. */
export function writeLinesAtomic(file: string, lines: Iterable<string>): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, [...lines].join(''));
  renameSync(tmp, file);
}
