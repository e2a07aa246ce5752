import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../../core/hash';

/**
 * Responses on disk keyed by the sha256 of the full request (endpoint, model, messages, every
 * sampling and routing parameter; never the key): a rerun of the same request is free.
 */
export class RequestCache<T> {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  static key(request: unknown): string {
    return sha256(JSON.stringify(request));
  }

  get(key: string): T | undefined {
    const f = join(this.dir, `${key}.json`);
    if (!existsSync(f)) return undefined;
    try {
      return (JSON.parse(readFileSync(f, 'utf8')) as { value: T }).value;
    } catch {
      return undefined;
    }
  }

  put(key: string, value: T): void {
    const f = join(this.dir, `${key}.json`);
    const tmp = `${f}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify({ value }));
    renameSync(tmp, f);
  }
}
