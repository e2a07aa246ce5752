/**
 * The Python prototype's feature weights, verbatim from
 * test/fixtures/maya-seed/feature_weights.json (a test checks this copy against the file;
 * the runtime does not read it). Old features without an entry had `default_weight`.
 */
export const OLD_FEATURE_WEIGHTS: Readonly<Record<string, number>> = {
  default_weight: 1.0,
  action_status_id: 1.0,
  action_type_id: 3.0,
  in_memo_status_id: 0.5,
  meta_swap_memo_status_id: 0.5,
  pool1_asset_id: 2.0,
  pool2_asset_id: 1.0,
  in_coin1_asset_id: 4.0,
  out_coin1_asset_id: 4.0,
  meta_swap_networkFee1_asset_id: 0.5,
  meta_swap_target_asset_id: 1.0,
  in_address_hash_id: 0.5,
  out_address_hash_id: 0.5,
  meta_swap_affiliate_address_hash_id: 0.5,
  in_address_present_flag: 0.5,
  in_coin1_present_flag: 0.5,
  in_tx_id_present_flag: 0.5,
  meta_is_addLiquidity_flag: 1.0,
  meta_is_refund_flag: 1.0,
  meta_is_swap_flag: 2.0,
  meta_is_thorname_flag: 1.0,
  meta_is_withdraw_flag: 1.0,
  meta_swap_affiliate_address_present_flag: 0.5,
  meta_swap_is_streaming_flag: 1.0,
  out_address_present_flag: 0.5,
  out_coin1_present_flag: 0.5,
  out_tx_id_present_flag: 0.5,
  action_date_unix_scaled: 1.0,
  in_coin1_amount_norm_scaled: 4.0,
  out_coin1_amount_norm_scaled: 4.0,
  meta_swap_liquidityFee_norm_scaled: 1.0,
  meta_addLiquidity_units_val_scaled: 0.0,
  meta_swap_swapSlip_bps_val_scaled: 3.0,
};

/** Old feature name → our field. The last five had no entry in the weights file (default weight); their old names come from the prototype's evaluation output. */
export const OLD_FEATURE_MAP: Readonly<Record<string, string>> = {
  action_type_id: 'type',
  action_status_id: 'status',
  pool1_asset_id: 'pool1',
  pool2_asset_id: 'pool2',
  in_coin1_asset_id: 'inAsset',
  out_coin1_asset_id: 'outAsset',
  in_address_hash_id: 'inAddressBucket',
  out_address_hash_id: 'outAddressBucket',
  meta_swap_is_streaming_flag: 'isStreamingSwap',
  in_coin1_amount_norm_scaled: 'inAmount',
  out_coin1_amount_norm_scaled: 'outAmount',
  meta_swap_liquidityFee_norm_scaled: 'liquidityFee',
  meta_swap_swapSlip_bps_val_scaled: 'swapSlipBps',
  meta_swap_affiliateFee_norm_scaled: 'affiliateFeeBps',
  meta_swap_streaming_count_val_scaled: 'streamingCount',
  meta_swap_streaming_quantity_norm_scaled: 'streamingQuantity',
  meta_withdraw_basis_points_val_scaled: 'withdrawBps',
  meta_withdraw_asymmetry_val_scaled: 'withdrawAsymmetry',
};

const NOT_EXTRACTED = 'not extracted by our features';
const FROM_TYPE = 'one-hot copy of the action type; scored through `type`';
const IMPLIED = (by: string) => `implied by ${by}; not a separate column`;

/** Old features with no counterpart among ours, and why. */
export const OLD_FEATURES_WITHOUT_COUNTERPART: Readonly<Record<string, string>> = {
  in_memo_status_id: NOT_EXTRACTED,
  meta_swap_memo_status_id: NOT_EXTRACTED,
  meta_swap_networkFee1_asset_id: NOT_EXTRACTED,
  meta_swap_target_asset_id: 'Midgard has no target-asset field (only derivable from pools); not a column',
  meta_swap_affiliate_address_hash_id: NOT_EXTRACTED,
  meta_swap_affiliate_address_present_flag: NOT_EXTRACTED,
  in_tx_id_present_flag: NOT_EXTRACTED,
  out_tx_id_present_flag: NOT_EXTRACTED,
  in_address_present_flag: IMPLIED('inAddressBucket ≠ PAD'),
  out_address_present_flag: IMPLIED('outAddressBucket ≠ PAD'),
  in_coin1_present_flag: IMPLIED('inAsset ≠ PAD'),
  out_coin1_present_flag: IMPLIED('outAsset ≠ PAD'),
  meta_is_addLiquidity_flag: FROM_TYPE,
  meta_is_refund_flag: FROM_TYPE,
  meta_is_swap_flag: FROM_TYPE,
  meta_is_thorname_flag: FROM_TYPE,
  meta_is_withdraw_flag: FROM_TYPE,
  action_date_unix_scaled: 'absolute time is deliberately not a feature (time deltas only: logDtSec)',
  action_height_val_scaled: 'absolute height is deliberately not a feature',
  meta_addLiquidity_units_val_scaled:
    'weight 0; liquidityUnits merges add and withdraw units, no one-to-one counterpart',
  meta_withdraw_units_val_scaled: 'liquidityUnits merges add and withdraw units, no one-to-one counterpart',
  meta_swap_networkFee1_amount_norm_scaled: NOT_EXTRACTED,
  meta_withdraw_imp_loss_protection_norm_scaled: NOT_EXTRACTED,
};

/** Weight of an old feature: its entry, else default_weight. */
export function oldWeight(old: string): number {
  return OLD_FEATURE_WEIGHTS[old] ?? (OLD_FEATURE_WEIGHTS.default_weight as number);
}
