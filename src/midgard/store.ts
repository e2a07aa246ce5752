import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { loadDuckDb, WorkbenchError } from '../core';
import { ingestBatch, sqlString, type PageResult } from './ingest';
import { preparePage, type PageInput, type PreparedPage } from './ingest-prepare';
import { validateAction, type DepthHistory, type MidgardAction, type MidgardPool } from './schema';
import { CHAIN_ORDER, SCHEMA_SQL } from './store-schema';

export type { PageResult } from './ingest';
export type { PageInput, PreparedPage } from './ingest-prepare';

export interface QuarantinedAction {
  id: string;
  chain: string;
  reason: string;
  rawJson: string;
  pageSeq: number;
}

/**
 * The embedded DuckDB store: actions (normalised columns + raw JSON), the quarantine, sync
 * checkpoints and a page log. Each page is one transaction together with its checkpoint, so a
 * kill at any point leaves either the whole page or none of it.
 */
export class MidgardStore {
  private constructor(
    readonly path: string,
    private instance: DuckDBInstance,
    private con: DuckDBConnection,
  ) {}

  /**
   * Opens (creating when needed) a store. DuckDB keeps a buffer cache; memoryLimit bounds it so
   * a long sync stays flat in memory (default 1GB); threads defaults to DuckDB's own choice.
   */
  static async open(path: string, opts: { threads?: number; memoryLimit?: string } = {}): Promise<MidgardStore> {
    const abs = path === ':memory:' ? path : resolve(path);
    if (abs !== ':memory:') mkdirSync(dirname(abs), { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await loadDuckDb().DuckDBInstance.create(abs);
    } catch (e) {
      throw new WorkbenchError(
        `cannot open the store ${path}: ${e instanceof Error ? e.message : String(e)}`,
        'is another workbench process using it? DuckDB allows one writer',
      );
    }
    const con = await instance.connect();
    if (opts.threads !== undefined) await con.run(`SET threads TO ${Math.max(1, Math.floor(opts.threads))}`);
    const limit = opts.memoryLimit ?? '1GB';
    if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB)$/i.test(limit))
      throw new WorkbenchError(`memory limit must look like 512MB or 2GB, got "${limit}"`);
    await con.run(`SET memory_limit = '${limit}'`);
    // DuckDB checkpoints every 16 MB of WAL by default, and each checkpoint rewrites the whole
    // primary-key index: with ~1 KB actions that is every ~16k actions, a cost that grows with the
    // store. 256 MB checkpoints ~16x less often (the WAL replays on the next open after a kill).
    await con.run("SET checkpoint_threshold = '256MB'");
    await con.run(SCHEMA_SQL);
    return new MidgardStore(abs, instance, con);
  }

  async close(): Promise<void> {
    this.con.closeSync();
    this.instance.closeSync();
  }

  private async scalar(sql: string, values?: DuckDBValue[]): Promise<DuckDBValue> {
    const r = await this.con.runAndReadAll(sql, values);
    return r.getRows()[0]?.[0] ?? null;
  }

  async getCheckpoint(source: string): Promise<string | undefined> {
    const v = await this.scalar('SELECT state FROM checkpoints WHERE source = $1', [source]);
    return typeof v === 'string' ? v : undefined;
  }

  /**
   * Validates, de-duplicates and stores pages in one transaction together with the checkpoint
   * of the last page; malformed actions go to the quarantine. Batching pages amortises the
   * commit, which dominates at 50 actions a page.
   */
  async ingestPages(pages: PageInput[]): Promise<PageResult[]> {
    return ingestBatch(this.con, pages.map(preparePage));
  }

  /** ingestPages for pages already through preparePage (sync prepares each page as it arrives). */
  async ingestPrepared(pages: PreparedPage[]): Promise<PageResult[]> {
    return ingestBatch(this.con, pages);
  }

  async counts(chain?: string): Promise<{ actions: number; quarantine: number; pages: number }> {
    const where = chain ? ' WHERE chain = $1' : '';
    const args = chain ? [chain] : undefined;
    return {
      actions: Number(await this.scalar(`SELECT count(*) FROM actions${where}`, args)),
      quarantine: Number(await this.scalar(`SELECT count(*) FROM quarantine${where}`, args)),
      pages: Number(await this.scalar('SELECT count(*) FROM pages')),
    };
  }

  /** Raw action JSON in ascending chain order, streamed chunk by chunk (flat memory). */
  async *rawActions(opts: { chain?: string } = {}): AsyncGenerator<string> {
    const where = opts.chain ? ' WHERE chain = $1' : '';
    const result = await this.con.stream(
      `SELECT raw_json FROM actions${where} ORDER BY ${CHAIN_ORDER}`,
      opts.chain ? [opts.chain] : undefined,
    );
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (const [v] of chunk.getRows()) yield v as string;
    }
  }

  /** Stored actions, ascending, re-validated on the way out (the store is an input too). */
  async *actions(opts: { chain?: string } = {}): AsyncGenerator<MidgardAction> {
    for await (const raw of this.rawActions(opts)) {
      const v = validateAction(JSON.parse(raw));
      if (!v.ok)
        throw new WorkbenchError(
          `${this.path}: a stored action no longer validates (${v.reason}); was the store written by another version?`,
        );
      yield v.action;
    }
  }

  async *quarantined(): AsyncGenerator<QuarantinedAction> {
    const result = await this.con.stream(
      'SELECT id, chain, reason, raw_json, page_seq FROM quarantine ORDER BY page_seq, id',
    );
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (const [id, chain, reason, rawJson, pageSeq] of chunk.getRows()) {
        yield {
          id: id as string,
          chain: chain as string,
          reason: reason as string,
          rawJson: rawJson as string,
          pageSeq: Number(pageSeq),
        };
      }
    }
  }

  /** Runs a read-only query for notebooks; BIGINT/HUGEINT come back as JS numbers or strings (JSON-safe). */
  async query(sql: string, values?: DuckDBValue[]): Promise<Record<string, unknown>[]> {
    const r = await this.con.runAndReadAll(sql, values);
    return r.getRowObjectsJson() as Record<string, unknown>[];
  }

  async exportParquet(file: string): Promise<void> {
    mkdirSync(dirname(resolve(file)), { recursive: true });
    await this.con.run(
      `COPY (SELECT * EXCLUDE (page_seq) FROM actions ORDER BY ${CHAIN_ORDER}) TO ${sqlString(resolve(file))} (FORMAT parquet)`,
    );
  }

  async savePools(chain: string, pools: MidgardPool[], fetchedAt = new Date()): Promise<void> {
    await this.con.run('BEGIN TRANSACTION');
    for (const p of pools) {
      await this.con.run(
        'INSERT INTO pool_snapshots VALUES ($1, $2::TIMESTAMP, $3, $4, $5::HUGEINT, $6::HUGEINT, $7, $8, $9)',
        [
          chain,
          fetchedAt.toISOString(),
          p.asset,
          p.status,
          p.assetDepth,
          p.runeDepth,
          Number(p.assetPrice),
          Number(p.assetPriceUSD),
          JSON.stringify(p),
        ],
      );
    }
    await this.con.run('COMMIT');
  }

  async saveDepthHistory(chain: string, pool: string, interval: string, h: DepthHistory): Promise<number> {
    let n = 0;
    await this.con.run('BEGIN TRANSACTION');
    for (const i of h.intervals) {
      const r = await this.con.run(
        'INSERT OR REPLACE INTO depth_history VALUES ($1, $2, $3, $4::BIGINT, $5::BIGINT, $6::HUGEINT, $7::HUGEINT, $8, $9, $10)',
        [
          chain,
          pool,
          interval,
          i.startTime,
          i.endTime,
          i.assetDepth,
          i.runeDepth,
          Number(i.assetPrice),
          Number(i.assetPriceUSD),
          JSON.stringify(i),
        ],
      );
      n += r.rowsChanged;
    }
    await this.con.run('COMMIT');
    return n;
  }
}
