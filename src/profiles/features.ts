import type { MidgardStore } from '../midgard';

/** Per-address behaviour, computed in DuckDB from the actions an address initiated (`in_address`). */
export interface AddressFeatures {
  address: string;
  actions: number;
  activeDays: number;
  /** Mean log10 of the seconds between consecutive actions (0 with one action). */
  logInterArrival: number;
  swapShare: number;
  addShare: number;
  withdrawShare: number;
  sendShare: number;
  /** Mean log10(1 + amount in whole units), amounts / 1e8. */
  logSize: number;
  /** log10 of the largest amount in whole units. */
  logMaxSize: number;
  pools: number;
  assets: number;
  /** Among swaps: (sells of the native asset − buys) / swaps, in −1…1. */
  directionBalance: number;
  /** Share of consecutive swap pairs where the second reverses the first (a round trip). */
  roundTripShare: number;
  /** Mean log10 seconds of those reversals (0 when none). */
  logRoundTrip: number;
  affiliateShare: number;
  streamingShare: number;
}

/** Feature columns in clustering order. */
export const FEATURE_NAMES = [
  'actions',
  'activeDays',
  'logInterArrival',
  'swapShare',
  'addShare',
  'withdrawShare',
  'sendShare',
  'logSize',
  'logMaxSize',
  'pools',
  'assets',
  'directionBalance',
  'roundTripShare',
  'logRoundTrip',
  'affiliateShare',
  'streamingShare',
] as const satisfies readonly (keyof AddressFeatures)[];

const SQL = `
WITH a AS (
  SELECT in_address AS address, type, date_ns, in_asset, out_asset, pools, affiliate_address, is_streaming,
         CAST(in_amount AS DOUBLE) / 1e8 AS amount,
         date_ns - lag(date_ns) OVER w AS gap_ns,
         lag(type) OVER w AS prev_type, lag(in_asset) OVER w AS prev_in, lag(out_asset) OVER w AS prev_out
  FROM actions WHERE chain = $1 AND in_address IS NOT NULL AND in_address <> ''
  WINDOW w AS (PARTITION BY in_address ORDER BY height, date_ns, id)
)
SELECT address,
  count(*)::INTEGER AS actions,
  count(DISTINCT CAST(to_timestamp(date_ns / 1e9) AS DATE))::INTEGER AS active_days,
  coalesce(avg(log10(greatest(gap_ns / 1e9, 1))), 0) AS log_inter_arrival,
  avg(CASE WHEN type = 'swap' THEN 1 ELSE 0 END) AS swap_share,
  avg(CASE WHEN type = 'addLiquidity' THEN 1 ELSE 0 END) AS add_share,
  avg(CASE WHEN type = 'withdraw' THEN 1 ELSE 0 END) AS withdraw_share,
  avg(CASE WHEN type = 'send' THEN 1 ELSE 0 END) AS send_share,
  coalesce(avg(log10(1 + amount)), 0) AS log_size,
  coalesce(log10(1 + max(amount)), 0) AS log_max_size,
  count(DISTINCT pools)::INTEGER AS pools,
  count(DISTINCT in_asset)::INTEGER AS assets,
  coalesce(sum(CASE WHEN type = 'swap' AND in_asset = $2 THEN 1 WHEN type = 'swap' AND out_asset = $2 THEN -1 ELSE 0 END) / nullif(sum(CASE WHEN type = 'swap' THEN 1 ELSE 0 END), 0), 0) AS direction_balance,
  coalesce(avg(CASE WHEN type = 'swap' AND prev_type = 'swap' THEN (CASE WHEN in_asset = prev_out AND out_asset = prev_in THEN 1 ELSE 0 END) END), 0) AS round_trip_share,
  coalesce(avg(CASE WHEN type = 'swap' AND prev_type = 'swap' AND in_asset = prev_out AND out_asset = prev_in THEN log10(greatest(gap_ns / 1e9, 1)) END), 0) AS log_round_trip,
  avg(CASE WHEN affiliate_address IS NOT NULL AND affiliate_address <> '' THEN 1 ELSE 0 END) AS affiliate_share,
  avg(CASE WHEN is_streaming THEN 1 ELSE 0 END) AS streaming_share
FROM a GROUP BY address HAVING count(*) >= $3 ORDER BY address`;

/** Features of every address with at least `minActions` actions on `chain` (default maya). */
export async function addressFeatures(
  store: MidgardStore,
  opts: { chain?: string; nativeAsset?: string; minActions?: number } = {},
): Promise<AddressFeatures[]> {
  const rows = await store.query(SQL, [opts.chain ?? 'maya', opts.nativeAsset ?? 'MAYA.CACAO', opts.minActions ?? 1]);
  const n = (v: unknown) => Number(v ?? 0);
  return rows.map((r) => ({
    address: String(r.address),
    actions: n(r.actions),
    activeDays: n(r.active_days),
    logInterArrival: n(r.log_inter_arrival),
    swapShare: n(r.swap_share),
    addShare: n(r.add_share),
    withdrawShare: n(r.withdraw_share),
    sendShare: n(r.send_share),
    logSize: n(r.log_size),
    logMaxSize: n(r.log_max_size),
    pools: n(r.pools),
    assets: n(r.assets),
    directionBalance: n(r.direction_balance),
    roundTripShare: n(r.round_trip_share),
    logRoundTrip: n(r.log_round_trip),
    affiliateShare: n(r.affiliate_share),
    streamingShare: n(r.streaming_share),
  }));
}
