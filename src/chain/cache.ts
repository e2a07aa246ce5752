import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { sha256 } from '../core/hash';
import { DailyAggregateSchema, type DailyAggregate } from './daily';

const CacheFileSchema = z.object({ key: z.string(), fetchedAt: z.string(), rows: z.array(DailyAggregateSchema) });

/**
 * Query results on disk, one file per sha256 of the query key: a rerun of the same query costs
 * no query seconds. Files are written whole (temp + rename); a damaged or foreign file is a miss.
 */
export class QueryCache {
  constructor(readonly dir: string) {}

  private file(key: string): string {
    return join(this.dir, `${sha256(key)}.json`);
  }

  get(key: string): DailyAggregate[] | undefined {
    const f = this.file(key);
    if (!existsSync(f)) return undefined;
    try {
      const parsed = CacheFileSchema.safeParse(JSON.parse(readFileSync(f, 'utf8')));
      return parsed.success && parsed.data.key === key ? parsed.data.rows : undefined;
    } catch {
      return undefined;
    }
  }

  put(key: string, rows: readonly DailyAggregate[]): void {
    mkdirSync(this.dir, { recursive: true });
    const f = this.file(key);
    const tmp = `${f}.tmp-${process.pid}`;
    writeFileSync(tmp, `${JSON.stringify({ key, fetchedAt: new Date().toISOString(), rows })}\n`);
    renameSync(tmp, f);
  }
}
