import type { DuckDBConnection } from '@duckdb/node-api';
import { sha256 } from '../core';
import { actionIdentity } from './identity';
import { validateAction } from './schema';
import { ACTION_COLUMNS } from './store-schema';

export interface PageInput {
  source: string;
  chain: string;
  url: string;
  actions: unknown[];
  /** Sync state to record in the same transaction as the page (resume point). */
  checkpoint: string;
}

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

interface PreparedPage {
  page: PageInput;
  seq: number;
  /** New to this batch (not yet checked against the store). */
  ids: string[];
  raws: string[];
  bad: { id: string; reason: string; raw: string }[];
  batchDuplicates: number;
}

interface Prepared {
  pages: PreparedPage[];
  /** Height range of the batch's valid actions (undefined when there are none). */
  minHeight?: bigint;
  maxHeight?: bigint;
}

/** Validates and identifies every action in JS (zod's wording for rejections), dropping repeats within the batch. */
function prepare(pages: PageInput[], firstSeq: number): Prepared {
  const seen = new Set<string>();
  let minHeight: bigint | undefined;
  let maxHeight: bigint | undefined;
  const prepared = pages.map((page, k) => {
    const p: PreparedPage = { page, seq: firstSeq + k, ids: [], raws: [], bad: [], batchDuplicates: 0 };
    for (const raw of page.actions) {
      const v = validateAction(raw);
      if (!v.ok) {
        const rawJson = JSON.stringify(raw) ?? 'undefined';
        p.bad.push({ id: sha256(rawJson), reason: v.reason, raw: rawJson });
        continue;
      }
      const id = actionIdentity(v.action);
      if (seen.has(id)) {
        p.batchDuplicates++;
        continue;
      }
      seen.add(id);
      const height = BigInt(v.action.height);
      if (minHeight === undefined || height < minHeight) minHeight = height;
      if (maxHeight === undefined || height > maxHeight) maxHeight = height;
      p.ids.push(id);
      // The stored raw JSON is the validated object serialised once, as before (same bytes).
      p.raws.push(JSON.stringify(raw));
    }
    return p;
  });
  return { pages: prepared, minHeight, maxHeight };
}

/** SQL string literal; only for values the store itself controls (paths, names). */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/**
 * Validates, de-duplicates and stores pages in one transaction together with the checkpoint of
 * the last page; malformed actions go to the quarantine. A kill at any point leaves the whole
 * batch or none of it.
 */
export async function ingestBatch(con: DuckDBConnection, pages: PageInput[]): Promise<PageResult[]> {
  if (!pages.length) return [];
  const first = await con.runAndReadAll('SELECT coalesce(max(seq), 0) + 1 FROM pages');
  const firstSeq = Number(first.getRows()[0]?.[0] ?? 1);
  const { pages: prepared, minHeight, maxHeight } = prepare(pages, firstSeq);
  const lastSeq = firstSeq + pages.length - 1;
  await con.run('BEGIN TRANSACTION');
  try {
    const app = await con.createAppender('ingest_pages', 'main', 'temp');
    for (const p of prepared) {
      if (!p.ids.length) continue; // string_split('') would yield one empty action
      app.appendBigInt(BigInt(p.seq));
      app.appendVarchar(p.page.chain);
      app.appendVarchar(p.ids.join(','));
      app.appendVarchar(p.raws.join('\n'));
      app.endRow();
    }
    app.closeSync();
    if (minHeight !== undefined && maxHeight !== undefined) await con.run(insertActionsSql(minHeight, maxHeight));
    await con.run('DELETE FROM temp.ingest_pages');
    // This batch's page numbers are new, so the rows carrying them are exactly what it inserted.
    const counted = await con.runAndReadAll(
      `SELECT page_seq, count(*) FROM actions WHERE page_seq BETWEEN ${firstSeq} AND ${lastSeq} GROUP BY page_seq`,
    );
    const insertedBySeq = new Map(counted.getRows().map(([seq, n]) => [Number(seq), Number(n)]));
    const results: PageResult[] = [];
    for (const { page, seq, ids, bad, batchDuplicates } of prepared) {
      const inserted = insertedBySeq.get(seq) ?? 0;
      let quarantined = 0;
      for (const b of bad) {
        const r = await con.run('INSERT OR IGNORE INTO quarantine VALUES ($1, $2, $3, $4, $5, now())', [
          b.id,
          page.chain,
          b.reason,
          b.raw,
          seq,
        ]);
        quarantined += r.rowsChanged;
      }
      results.push({
        seq,
        received: page.actions.length,
        inserted,
        duplicates: ids.length - inserted + batchDuplicates,
        quarantined,
      });
    }
    const pageRows = prepared.map(({ page, seq, bad }, k) => {
      const r = results[k] as PageResult;
      return `(${seq}, ${sqlString(page.source)}, ${sqlString(page.url)}, now(), ${r.received}, ${r.inserted}, ${r.duplicates}, ${bad.length})`;
    });
    await con.run(`INSERT INTO pages VALUES ${pageRows.join(', ')}`);
    const last = pages[pages.length - 1] as PageInput;
    await con.run('INSERT OR REPLACE INTO checkpoints VALUES ($1, $2, now())', [last.source, last.checkpoint]);
    await con.run('COMMIT');
    return results;
  } catch (e) {
    await con.run('ROLLBACK');
    throw e;
  }
}
