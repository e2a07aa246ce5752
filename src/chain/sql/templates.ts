import type { IsoDate } from '../daily';
import { SQL_CONSTANTS as K, tableIdentifier, timestampLiteral } from './whitelist';

/**
 * The three query families. Each returns one row per UTC day with data, in the column order of
 * `DAILY_COLUMNS`; a day without rows is absent (never zero-filled). Amounts come back in the
 * chain's native unit, already decimal-adjusted. Only daily aggregates leave Snowflake: every
 * derived metric is computed in TypeScript.
 */
export interface Window {
  from: IsoDate;
  toExclusive: IsoDate;
}

/** Half-open `[from, toExclusive)` on block_timestamp: the day before toExclusive is included. */
function windowPredicate(w: Window, indent = ''): string {
  return `block_timestamp >= ${timestampLiteral(w.from)}\n${indent}  AND block_timestamp < ${timestampLiteral(w.toExclusive)}`;
}

/**
 * EVM (`<chain>.core.fact_transactions`, fsc-evm schema): `tx_fee` and `value` are
 * decimal-adjusted native (L2 fees include the L1 data fee), `tx_succeeded` is the receipt status.
 * Senders/receivers are distinct `from_address`/`to_address`; contract calls are transactions with
 * calldata (`input_data` other than '0x', creations included). Transferred = top-level native
 * `value` of successful transactions (internal transfers not included).
 */
export function evmSql(table: string, w: Window): string {
  return `SELECT
  block_timestamp::DATE AS day,
  COUNT(*) AS transactions,
  COUNT(DISTINCT from_address) AS active_senders,
  COUNT(DISTINCT to_address) AS active_receivers,
  COUNT_IF(tx_succeeded) / NULLIF(COUNT(tx_succeeded), 0) AS success_rate,
  SUM(tx_fee) AS fees_native,
  SUM(IFF(tx_succeeded, value, 0)) AS transferred_native,
  SUM(gas_used) AS gas_used,
  COUNT_IF(input_data <> ${K.emptyCalldata}) AS contract_calls
FROM ${tableIdentifier(table)}
WHERE ${windowPredicate(w)}
GROUP BY 1
ORDER BY 1`;
}

/**
 * Bitcoin (UTXO): non-coinbase transactions; `fee` and `output_value` are BTC. Transferred is the
 * gross output value (change outputs included: an upper bound of value moved). Senders are
 * distinct input addresses (spent outputs' `pubkey_script_address`), receivers distinct output
 * addresses (the day's coinbase payouts included). No failed transactions exist on chain and
 * there is no gas or contract call: those columns are NULL (not defined), never 0.
 */
export function bitcoinSql(t: { transactions: string; inputs: string; outputs: string }, w: Window): string {
  return `WITH txs AS (
  SELECT
    block_timestamp::DATE AS day,
    COUNT(*) AS transactions,
    SUM(fee) AS fees_native,
    SUM(output_value) AS transferred_native
  FROM ${tableIdentifier(t.transactions)}
  WHERE ${windowPredicate(w, '  ')}
    AND NOT is_coinbase
  GROUP BY 1
),
senders AS (
  SELECT
    block_timestamp::DATE AS day,
    COUNT(DISTINCT pubkey_script_address) AS active_senders
  FROM ${tableIdentifier(t.inputs)}
  WHERE ${windowPredicate(w, '  ')}
    AND NOT is_coinbase
  GROUP BY 1
),
receivers AS (
  SELECT
    block_timestamp::DATE AS day,
    COUNT(DISTINCT pubkey_script_address) AS active_receivers
  FROM ${tableIdentifier(t.outputs)}
  WHERE ${windowPredicate(w, '  ')}
  GROUP BY 1
)
SELECT
  txs.day AS day,
  txs.transactions AS transactions,
  senders.active_senders AS active_senders,
  receivers.active_receivers AS active_receivers,
  NULL::FLOAT AS success_rate,
  txs.fees_native AS fees_native,
  txs.transferred_native AS transferred_native,
  NULL::FLOAT AS gas_used,
  NULL::INTEGER AS contract_calls
FROM txs
LEFT JOIN senders ON senders.day = txs.day
LEFT JOIN receivers ON receivers.day = txs.day
ORDER BY 1`;
}

/**
 * NEAR: transactions, signers/receivers, success and fees from `near.core.fact_transactions`
 * (`transaction_fee` is yoctoNEAR, divided by 1e24 here; `gas_used` stays in raw gas units,
 * 1 Tgas = 1e12). Transferred value and contract calls come from `near.core.ez_actions`: the
 * deposits of successful Transfer actions except the 'system' gas refunds (yoctoNEAR / 1e24), and
 * the transactions that executed at least one FunctionCall action (delegated ones included).
 * Actions are dated by their receipt's block, which can fall a block after the transaction's.
 */
export function nearSql(t: { transactions: string; actions: string }, w: Window): string {
  return `WITH txs AS (
  SELECT
    block_timestamp::DATE AS day,
    COUNT(*) AS transactions,
    COUNT(DISTINCT tx_signer) AS active_senders,
    COUNT(DISTINCT tx_receiver) AS active_receivers,
    COUNT_IF(tx_succeeded) / NULLIF(COUNT(tx_succeeded), 0) AS success_rate,
    SUM(transaction_fee) / ${K.yoctoPerNear} AS fees_native,
    SUM(gas_used) AS gas_used
  FROM ${tableIdentifier(t.transactions)}
  WHERE ${windowPredicate(w, '  ')}
  GROUP BY 1
),
actions AS (
  SELECT
    block_timestamp::DATE AS day,
    SUM(IFF(action_name = ${K.nearTransferAction} AND receipt_succeeded AND receipt_predecessor_id <> ${K.nearRefundPredecessor}, action_data:deposit::FLOAT, 0)) / ${K.yoctoPerNear} AS transferred_native,
    COUNT(DISTINCT IFF(action_name = ${K.nearFunctionCallAction}, tx_hash, NULL)) AS contract_calls
  FROM ${tableIdentifier(t.actions)}
  WHERE ${windowPredicate(w, '  ')}
  GROUP BY 1
)
SELECT
  txs.day AS day,
  txs.transactions AS transactions,
  txs.active_senders AS active_senders,
  txs.active_receivers AS active_receivers,
  txs.success_rate AS success_rate,
  txs.fees_native AS fees_native,
  actions.transferred_native AS transferred_native,
  txs.gas_used AS gas_used,
  actions.contract_calls AS contract_calls
FROM txs
LEFT JOIN actions ON actions.day = txs.day
ORDER BY 1`;
}
