import type { ActionRow } from './normalize';

type ColumnType = 'VARCHAR' | 'BIGINT' | 'HUGEINT' | 'INTEGER' | 'BOOLEAN';

/** One source of truth for the actions table: DDL, appender order and row mapping. */
export const ACTION_COLUMNS: readonly (readonly [string, ColumnType, keyof ActionRow])[] = [
  ['id', 'VARCHAR', 'id'],
  ['chain', 'VARCHAR', 'chain'],
  ['height', 'BIGINT', 'height'],
  ['date_ns', 'BIGINT', 'dateNs'],
  ['type', 'VARCHAR', 'type'],
  ['status', 'VARCHAR', 'status'],
  ['pools', 'VARCHAR', 'pools'],
  ['in_address', 'VARCHAR', 'inAddress'],
  ['in_asset', 'VARCHAR', 'inAsset'],
  ['in_amount', 'HUGEINT', 'inAmount'],
  ['in_tx_id', 'VARCHAR', 'inTxId'],
  ['in_count', 'INTEGER', 'inCount'],
  ['out_address', 'VARCHAR', 'outAddress'],
  ['out_asset', 'VARCHAR', 'outAsset'],
  ['out_amount', 'HUGEINT', 'outAmount'],
  ['out_tx_id', 'VARCHAR', 'outTxId'],
  ['out_count', 'INTEGER', 'outCount'],
  ['liquidity_fee', 'HUGEINT', 'liquidityFee'],
  ['swap_slip_bps', 'INTEGER', 'swapSlipBps'],
  ['swap_target', 'HUGEINT', 'swapTarget'],
  ['affiliate_address', 'VARCHAR', 'affiliateAddress'],
  ['affiliate_fee_bps', 'INTEGER', 'affiliateFeeBps'],
  ['is_streaming', 'BOOLEAN', 'isStreaming'],
  ['streaming_count', 'INTEGER', 'streamingCount'],
  ['streaming_quantity', 'INTEGER', 'streamingQuantity'],
  ['memo', 'VARCHAR', 'memo'],
  ['liquidity_units', 'HUGEINT', 'liquidityUnits'],
  ['withdraw_bps', 'INTEGER', 'withdrawBps'],
  ['reason', 'VARCHAR', 'reason'],
  ['raw_json', 'VARCHAR', 'rawJson'],
];

const actionsColumnsDdl = ACTION_COLUMNS.map(([name, type]) => `  ${name} ${type}`).join(',\n');

/** Ascending chain order, everywhere actions are read back. */
export const CHAIN_ORDER = 'height, date_ns, id';

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS actions (
${actionsColumnsDdl},
  page_seq BIGINT NOT NULL,
  PRIMARY KEY (id)
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
CREATE TEMP TABLE IF NOT EXISTS staging AS SELECT * FROM actions WITH NO DATA;
`;
