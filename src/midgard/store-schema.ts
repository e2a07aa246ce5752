type ColumnType = 'VARCHAR' | 'BIGINT' | 'HUGEINT' | 'INTEGER' | 'BOOLEAN';

/**
 * One source of truth for the actions table: DDL, and the SQL that fills each column at insert
 * time. Ingest hands DuckDB only the id, chain, page and raw JSON of each action; the typed columns
 * are derived from the raw JSON in one set-based INSERT … SELECT, where `j` is the raw JSON read
 * with from_json and RAW_STRUCTURE (ingest.ts) and `s` the staged row. Each expression
 * keeps what the earlier JS normaliser stored: first in/out transaction and coin, `||` falls through empty
 * strings (nullif), `??` only missing values (coalesce). A value that does not fit its column
 * (an amount over HUGEINT) fails the batch, as the appender did.
 */
export const ACTION_COLUMNS: readonly (readonly [name: string, type: ColumnType, sql: string])[] = [
  ['id', 'VARCHAR', 's.id'],
  ['chain', 'VARCHAR', 's.chain'],
  ['height', 'BIGINT', 'CAST(j.height AS BIGINT)'],
  ['date_ns', 'BIGINT', 'CAST(j.date AS BIGINT)'],
  ['type', 'VARCHAR', 'j.type'],
  ['status', 'VARCHAR', 'j.status'],
  ['pools', 'VARCHAR', "array_to_string(j.pools, ',')"],
  ['in_address', 'VARCHAR', 'j.in[1].address'],
  ['in_asset', 'VARCHAR', 'j.in[1].coins[1].asset'],
  ['in_amount', 'HUGEINT', 'CAST(j.in[1].coins[1].amount AS HUGEINT)'],
  ['in_tx_id', 'VARCHAR', 'j.in[1].txID'],
  ['in_count', 'INTEGER', 'CAST(len(j.in) AS INTEGER)'],
  ['out_address', 'VARCHAR', 'j.out[1].address'],
  ['out_asset', 'VARCHAR', 'j.out[1].coins[1].asset'],
  ['out_amount', 'HUGEINT', 'CAST(j.out[1].coins[1].amount AS HUGEINT)'],
  ['out_tx_id', 'VARCHAR', 'j.out[1].txID'],
  ['out_count', 'INTEGER', 'CAST(len(j.out) AS INTEGER)'],
  ['liquidity_fee', 'HUGEINT', 'CAST(j.metadata.swap.liquidityFee AS HUGEINT)'],
  ['swap_slip_bps', 'INTEGER', 'CAST(j.metadata.swap.swapSlip AS INTEGER)'],
  ['swap_target', 'HUGEINT', 'CAST(j.metadata.swap.swapTarget AS HUGEINT)'],
  [
    'affiliate_address',
    'VARCHAR',
    "coalesce(nullif(j.metadata.swap.affiliateAddress, ''), nullif(j.metadata.refund.affiliateAddress, ''))",
  ],
  [
    'affiliate_fee_bps',
    'INTEGER',
    'CAST(coalesce(j.metadata.swap.affiliateFee, j.metadata.refund.affiliateFee) AS INTEGER)',
  ],
  ['is_streaming', 'BOOLEAN', 'j.metadata.swap.isStreamingSwap'],
  ['streaming_count', 'INTEGER', 'CAST(j.metadata.swap.streamingSwapMeta.count AS INTEGER)'],
  ['streaming_quantity', 'INTEGER', 'CAST(j.metadata.swap.streamingSwapMeta.quantity AS INTEGER)'],
  ['memo', 'VARCHAR', 'coalesce(j.metadata.swap.memo, j.metadata.refund.memo, j.metadata.withdraw.memo)'],
  [
    'liquidity_units',
    'HUGEINT',
    'CAST(coalesce(j.metadata.addLiquidity.liquidityUnits, j.metadata.withdraw.liquidityUnits) AS HUGEINT)',
  ],
  ['withdraw_bps', 'INTEGER', 'CAST(j.metadata.withdraw.basisPoints AS INTEGER)'],
  ['reason', 'VARCHAR', 'coalesce(j.metadata.refund.reason, j.metadata.failed.reason)'],
  ['raw_json', 'VARCHAR', 's.raw_json'],
];

const actionsColumnsDdl = ACTION_COLUMNS.map(([name, type]) => `  ${name} ${type}`).join(',\n');

/** Ascending chain order, everywhere actions are read back. */
export const CHAIN_ORDER = 'height, date_ns, id';

/**
 * The actions table has no primary key: ingest de-duplicates in bulk (ingest.ts), and maintaining
 * the key's index cost more per action than all of the insert's other work. Stores created before
 * keep their PRIMARY KEY (id); ingest works unchanged on them (nothing it inserts conflicts), only
 * slower, so they need no migration.
 */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS actions (
${actionsColumnsDdl},
  page_seq BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS quarantine (
  id VARCHAR PRIMARY KEY,
  chain VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  raw_json VARCHAR NOT NULL,
  page_seq BIGINT NOT NULL,
  first_seen TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS checkpoints (
  source VARCHAR PRIMARY KEY,
  state VARCHAR NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS pages (
  seq BIGINT PRIMARY KEY,
  source VARCHAR NOT NULL,
  url VARCHAR NOT NULL,
  fetched_at TIMESTAMP NOT NULL,
  n_actions INTEGER NOT NULL,
  n_new INTEGER NOT NULL,
  n_duplicate INTEGER NOT NULL,
  n_quarantined INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS pool_snapshots (
  chain VARCHAR NOT NULL,
  fetched_at TIMESTAMP NOT NULL,
  asset VARCHAR NOT NULL,
  status VARCHAR NOT NULL,
  asset_depth HUGEINT NOT NULL,
  native_depth HUGEINT NOT NULL,
  asset_price DOUBLE NOT NULL,
  asset_price_usd DOUBLE NOT NULL,
  raw_json VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS depth_history (
  chain VARCHAR NOT NULL,
  pool VARCHAR NOT NULL,
  interval VARCHAR NOT NULL,
  start_time BIGINT NOT NULL,
  end_time BIGINT NOT NULL,
  asset_depth HUGEINT NOT NULL,
  native_depth HUGEINT NOT NULL,
  asset_price DOUBLE NOT NULL,
  asset_price_usd DOUBLE NOT NULL,
  raw_json VARCHAR NOT NULL,
  PRIMARY KEY (chain, pool, interval, start_time)
);
-- One row per page of a batch: the ids and raw JSON of its new actions, joined (see ingest.ts).
CREATE TEMP TABLE IF NOT EXISTS ingest_pages (page_seq BIGINT, chain VARCHAR, ids VARCHAR, raws VARCHAR);
`;
