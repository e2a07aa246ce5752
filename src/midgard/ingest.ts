import type { DuckDBConnection } from '@duckdb/node-api';
import { dedupeBatch, type PreparedPage } from './ingest-prepare';
import { ACTION_COLUMNS } from './store-schema';

export interface PageResult {
  seq: number;
  received: number;
  inserted: number;
  duplicates: number;
  quarantined: number;
}

/**
 * The part of an action the derived columns read (from_json's structure): only these fields are
 * materialised; every one of them was checked by validateAction before it got here.
 */
const RAW_STRUCTURE = JSON.stringify({
  date: 'VARCHAR',
  height: 'VARCHAR',
  type: 'VARCHAR',
  status: 'VARCHAR',
  pools: ['VARCHAR'],
  in: [{ address: 'VARCHAR', txID: 'VARCHAR', coins: [{ asset: 'VARCHAR', amount: 'VARCHAR' }] }],
  out: [{ address: 'VARCHAR', txID: 'VARCHAR', coins: [{ asset: 'VARCHAR', amount: 'VARCHAR' }] }],
  metadata: {
    swap: {
      liquidityFee: 'VARCHAR',
      swapSlip: 'VARCHAR',
      swapTarget: 'VARCHAR',
      affiliateAddress: 'VARCHAR',
      affiliateFee: 'VARCHAR',
      isStreamingSwap: 'BOOLEAN',
      memo: 'VARCHAR',
      streamingSwapMeta: { count: 'VARCHAR', quantity: 'VARCHAR' },
    },
    refund: { affiliateAddress: 'VARCHAR', affiliateFee: 'VARCHAR', memo: 'VARCHAR', reason: 'VARCHAR' },
    withdraw: { memo: 'VARCHAR', liquidityUnits: 'VARCHAR', basisPoints: 'VARCHAR' },
    addLiquidity: { liquidityUnits: 'VARCHAR' },
    failed: { reason: 'VARCHAR' },
  },
});

/**
 * Unpacks the staged pages (one row per page: ids comma-joined, raw JSON newline-joined; neither
 * a 32-hex id nor JSON.stringify's output contains the separator) into one row per action, derives
 * the typed columns from the raw JSON, and inserts the actions the store does not hold yet. Two
 * unnests in one SELECT zip their lists. One set-based statement per batch: no per-row appender
 * calls, no per-row index probe.
 *
 * De-duplication against the store is an anti-join on the id, restricted to the batch's height
 * range: the id hashes the height (identity.ts), so a stored copy of an action has its height, and
 * DuckDB's zone maps skip the row groups outside the range (sync stores contiguous height ranges).
 */
function insertActionsSql(minHeight: bigint, maxHeight: bigint): string {
  return `INSERT INTO actions (${ACTION_COLUMNS.map(([n]) => n).join(', ')}, page_seq)
SELECT ${ACTION_COLUMNS.map(([, , sql]) => sql).join(', ')}, s.page_seq
FROM (
  SELECT u.*, from_json(u.raw_json, '${RAW_STRUCTURE}') AS j
  FROM (
    SELECT page_seq, chain, unnest(string_split(ids, ',')) AS id, unnest(string_split(raws, chr(10))) AS raw_json
    FROM temp.ingest_pages
  ) u
  ANTI JOIN (SELECT id FROM actions WHERE height BETWEEN ${minHeight} AND ${maxHeight}) stored ON u.id = stored.id
) s`;
}

/**
 * SQL string literal (a quote doubled is DuckDB's only escape in a standard string); used for
 * the store's own values (paths, names, checkpoint JSON) where a statement batch takes no parameters.
 */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/**
 * Stores prepared pages (see ingest-prepare.ts) in one transaction together with the checkpoint of
 * the last page: new actions, the quarantine, the page log. A kill at any point leaves the whole
 * batch or none of it.
 */
export async function ingestBatch(con: DuckDBConnection, batch: PreparedPage[]): Promise<PageResult[]> {
  if (!batch.length) return [];
  const pages = dedupeBatch(batch);
  let minHeight: bigint | undefined;
  let maxHeight: bigint | undefined;
  for (const p of pages) {
    if (p.minHeight !== undefined && (minHeight === undefined || p.minHeight < minHeight)) minHeight = p.minHeight;
    if (p.maxHeight !== undefined && (maxHeight === undefined || p.maxHeight > maxHeight)) maxHeight = p.maxHeight;
  }
  // Statements are sent several to a call where nothing in between needs JS: each call costs a
  // round trip through the binding's worker thread, which showed per batch in the profile.
  const first = await con.runAndReadAll('BEGIN TRANSACTION; SELECT coalesce(max(seq), 0) + 1 FROM pages');
  try {
    const firstSeq = Number(first.getRows()[0]?.[0] ?? 1);
    const lastSeq = firstSeq + pages.length - 1;
    const app = await con.createAppender('ingest_pages', 'main', 'temp');
    pages.forEach((p, k) => {
      if (!p.ids.length) return; // string_split('') would yield one empty action
      app.appendBigInt(BigInt(firstSeq + k));
      app.appendVarchar(p.chain);
      app.appendVarchar(p.ids.join(','));
      app.appendVarchar(p.raws);
      app.endRow();
    });
    app.closeSync();
    // This batch's page numbers are new, so the rows carrying them are exactly what it inserted.
    const counted = await con.runAndReadAll(
      `${minHeight !== undefined && maxHeight !== undefined ? `${insertActionsSql(minHeight, maxHeight)};` : ''}
DELETE FROM temp.ingest_pages;
SELECT page_seq, count(*) FROM actions WHERE page_seq BETWEEN ${firstSeq} AND ${lastSeq} GROUP BY page_seq`,
    );
    const insertedBySeq = new Map(counted.getRows().map(([seq, n]) => [Number(seq), Number(n)]));
    const results: PageResult[] = [];
    for (let k = 0; k < pages.length; k++) {
      const p = pages[k] as PreparedPage;
      const seq = firstSeq + k;
      const inserted = insertedBySeq.get(seq) ?? 0;
      let quarantined = 0;
      for (const b of p.bad) {
        const r = await con.run('INSERT OR IGNORE INTO quarantine VALUES ($1, $2, $3, $4, $5, now())', [
          b.id,
          p.chain,
          b.reason,
          b.raw,
          seq,
        ]);
        quarantined += r.rowsChanged;
      }
      results.push({
        seq,
        received: p.received,
        inserted,
        duplicates: p.ids.length - inserted + p.repeats,
        quarantined,
      });
    }
    const pageRows = pages.map((p, k) => {
      const r = results[k] as PageResult;
      return `(${r.seq}, ${sqlString(p.source)}, ${sqlString(p.url)}, now(), ${r.received}, ${r.inserted}, ${r.duplicates}, ${p.bad.length})`;
    });
    const last = pages[pages.length - 1] as PreparedPage;
    await con.run(`INSERT INTO pages VALUES ${pageRows.join(', ')};
INSERT OR REPLACE INTO checkpoints VALUES (${sqlString(last.source)}, ${sqlString(last.checkpoint)}, now());
COMMIT`);
    return results;
  } catch (e) {
    await con.run('ROLLBACK');
    throw e;
  }
}
