import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { constants, gunzipSync, gzipSync } from 'node:zlib';

/**
 * Append-only compressed log: each record is its own gzip member (gzip readers decode the
 * concatenation as one stream). A process killed mid-append leaves at most one truncated member
 * at the end; the reader returns every complete record before it.
 */
export function appendGzipLine(path: string, line: string, opts: { level?: number } = {}): void {
  appendFileSync(path, gzipSync(`${line}\n`, { level: opts.level ?? constants.Z_DEFAULT_COMPRESSION }));
}

export function readGzipLines(path: string): { lines: string[]; truncatedTail: boolean } {
  if (!existsSync(path)) return { lines: [], truncatedTail: false };
  const text = gunzipSync(readFileSync(path), { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
  const parts = text.split('\n');
  const tail = parts.pop() ?? '';
  return { lines: parts, truncatedTail: tail.length > 0 };
}
