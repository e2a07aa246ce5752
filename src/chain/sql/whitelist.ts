import { WorkbenchError } from '../../core/errors';
import type { FlipsideChain } from '../chains';
import type { IsoDate } from '../daily';
import { checkIsoDate } from '../metrics/dates';

/**
 * Everything that may appear in the daily-aggregate SQL besides the validated dates: the tables
 * per chain (Flipside's Snowflake names, checked against FlipsideCrypto's dbt models:
 * bitcoin-models `core__fact_{transactions,inputs,outputs}`, fsc-evm `core__fact_transactions`,
 * near-models `core__fact_transactions` and `core__ez_actions`) and a few fixed constants.
 * Nothing a caller passes is ever pasted into SQL except a chain name that is a key of this
 * table and a date that passed `IsoDateSchema`.
 */
export type FlipsideTables =
  | { family: 'bitcoin'; transactions: string; inputs: string; outputs: string }
  | { family: 'evm'; transactions: string }
  | { family: 'near'; transactions: string; actions: string };

const evm = (chain: string): FlipsideTables => ({ family: 'evm', transactions: `${chain}.core.fact_transactions` });

export const FLIPSIDE_TABLES: Readonly<Record<FlipsideChain, FlipsideTables>> = {
  bitcoin: {
    family: 'bitcoin',
    transactions: 'bitcoin.core.fact_transactions',
    inputs: 'bitcoin.core.fact_inputs',
    outputs: 'bitcoin.core.fact_outputs',
  },
  ethereum: evm('ethereum'),
  arbitrum: evm('arbitrum'),
  optimism: evm('optimism'),
  base: evm('base'),
  polygon: evm('polygon'),
  avalanche: evm('avalanche'),
  bsc: evm('bsc'),
  near: { family: 'near', transactions: 'near.core.fact_transactions', actions: 'near.core.ez_actions' },
};

/**
 * Fixed constants of the templates. NEAR's `transaction_fee` and Transfer `deposit` are raw
 * yoctoNEAR (near-models docs: "to adjust divide by POW(10,24)"), converted to NEAR in SQL.
 */
export const SQL_CONSTANTS = {
  yoctoPerNear: '1e24',
  /** EVM calldata of a plain value transfer: anything else is a contract call or creation. */
  emptyCalldata: "'0x'",
  nearTransferAction: "'Transfer'",
  nearFunctionCallAction: "'FunctionCall'",
  /** Predecessor of NEAR's gas-refund receipts, which are Transfer actions but not user value. */
  nearRefundPredecessor: "'system'",
} as const;

/** Every quoted string a built query may contain besides the two dates (checked by the tests). */
export const SQL_STRING_CONSTANTS: readonly string[] = ['0x', 'Transfer', 'FunctionCall', 'system'];

const TABLE_NAME = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;

/** A Flipside table from the whitelist, re-checked to be a bare `db.schema.table` identifier. */
export function tableIdentifier(name: string): string {
  if (!TABLE_NAME.test(name))
    throw new WorkbenchError(
      `refusing SQL identifier ${JSON.stringify(name)}`,
      'tables come only from FLIPSIDE_TABLES',
    );
  return name;
}

/** The supported chain, or a WorkbenchError listing the supported ones. */
export function checkFlipsideChain(chain: unknown): FlipsideChain {
  if (typeof chain === 'string' && Object.hasOwn(FLIPSIDE_TABLES, chain)) return chain as FlipsideChain;
  throw new WorkbenchError(
    `unsupported Flipside chain ${JSON.stringify(chain)}`,
    `use one of: ${Object.keys(FLIPSIDE_TABLES).join(', ')}`,
  );
}

/** `'YYYY-MM-DD'::TIMESTAMP_NTZ`, midnight UTC (Flipside's block_timestamp is UTC, no zone). */
export function timestampLiteral(date: IsoDate): string {
  // Re-checked here so that no path can quote an unvalidated value.
  return `'${checkIsoDate(date, 'date')}'::TIMESTAMP_NTZ`;
}
