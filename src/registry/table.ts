import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { loadDuckDb, WorkbenchError } from '../core';

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Rows of a JSONL, JSON, CSV or Parquet file, read by DuckDB (types inferred, nested values
 * left out of drift). Numbers arrive as numbers, BIGINT/HUGEINT as bigint.
 */
export async function readTable(path: string): Promise<Record<string, unknown>[]> {
  if (!existsSync(path)) throw new WorkbenchError(`${path} does not exist`, 'pass a JSONL, CSV or Parquet file');
  const ext = extname(path).toLowerCase();
  const reader =
    ext === '.parquet'
      ? 'read_parquet'
      : ext === '.csv'
        ? 'read_csv_auto'
        : ext === '.jsonl' || ext === '.json' || ext === '.ndjson'
          ? 'read_json_auto'
          : null;
  if (!reader)
    throw new WorkbenchError(`cannot read ${path}: unknown file type "${ext}"`, 'use .jsonl, .json, .csv or .parquet');
  const db = await loadDuckDb().DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    const r = await con.runAndReadAll(`SELECT * FROM ${reader}(${sqlString(resolve(path))})`);
    return r.getRowObjectsJS() as Record<string, unknown>[];
  } catch (e) {
    throw new WorkbenchError(
      `cannot read ${path}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
      'pass a well-formed JSONL, CSV or Parquet file',
    );
  } finally {
    con.closeSync();
    db.closeSync();
  }
}
