import { z } from 'zod';
import { DecimalString, IntString, UIntString } from './schema';

/**
 * Schemas of Midgard's network history: `/v2/history/swaps` and `/v2/history/earnings`
 * (THORChain Midgard OpenAPI `SwapHistoryItem`, `EarningsHistoryItem`, `EarningsHistoryItemPool`;
 * Maya's Midgard is a fork with the same shape). Numbers stay strings: amounts are native base
 * units (RUNE 1e8 on THORChain, CACAO 1e10 on Maya, whatever the field name says), times are
 * Unix seconds. Only fields every version sends are required: newer versions add trade,
 * secured, synth and USD fields, and Maya names the price `cacaoPriceUSD` where THORChain has
 * `runePriceUSD`. Unknown fields are kept (passthrough): a response is never silently trimmed.
 */

/** Midgard's history intervals. */
export const HISTORY_INTERVALS = ['5min', 'hour', 'day', 'week', 'month', 'quarter', 'year'] as const;
export type HistoryInterval = (typeof HISTORY_INTERVALS)[number];
/** Most intervals one history request returns (`count` is 1..400). */
export const MAX_HISTORY_COUNT = 400;

const optional = {
  /** Float strings: the native asset's USD price at the end of the interval. */
  runePriceUSD: DecimalString.optional(),
  cacaoPriceUSD: DecimalString.optional(),
};

export const SwapHistoryItemSchema = z
  .object({
    startTime: UIntString,
    endTime: UIntString,
    /** Swap events: one per pool leg (a double swap is two), one per streaming sub-swap. */
    totalCount: UIntString,
    /** Native base units; every leg counts, so a double swap's native leg counts twice. */
    totalVolume: UIntString,
    /** Liquidity fees, native base units. */
    totalFees: UIntString,
    toAssetCount: UIntString.optional(),
    toRuneCount: UIntString.optional(),
    toAssetVolume: UIntString.optional(),
    toRuneVolume: UIntString.optional(),
    toAssetFees: UIntString.optional(),
    toRuneFees: UIntString.optional(),
    synthMintCount: UIntString.optional(),
    synthRedeemCount: UIntString.optional(),
    /** Basis points, mean over swaps (big and small weigh the same). */
    averageSlip: DecimalString.optional(),
    toAssetAverageSlip: DecimalString.optional(),
    toRuneAverageSlip: DecimalString.optional(),
    ...optional,
  })
  .passthrough();
export type SwapHistoryItem = z.infer<typeof SwapHistoryItemSchema>;

export const SwapHistorySchema = z
  .object({ intervals: z.array(SwapHistoryItemSchema), meta: SwapHistoryItemSchema })
  .passthrough();
export type SwapHistory = z.infer<typeof SwapHistorySchema>;

export const EarningsHistoryPoolSchema = z
  .object({
    pool: z.string().min(1),
    /** Native base units: fees of the pool's swaps valued in the native asset. */
    totalLiquidityFeesRune: UIntString,
    /** The pool asset's own units (1e8). */
    assetLiquidityFees: UIntString.optional(),
    runeLiquidityFees: UIntString.optional(),
    /** Native base units sent to (+) or taken from (−) the pool by income balancing. */
    rewards: IntString.optional(),
    earnings: IntString.optional(),
    saverEarning: IntString.optional(),
  })
  .passthrough();

export const EarningsHistoryItemSchema = z
  .object({
    startTime: UIntString,
    endTime: UIntString,
    /** Liquidity fees of all swaps, native base units. */
    liquidityFees: UIntString,
    blockRewards: IntString.optional(),
    /** liquidityFees + blockRewards. */
    earnings: IntString.optional(),
    bondingEarnings: IntString.optional(),
    liquidityEarnings: IntString.optional(),
    avgNodeCount: DecimalString.optional(),
    pools: z.array(EarningsHistoryPoolSchema).optional(),
    ...optional,
  })
  .passthrough();
export type EarningsHistoryItem = z.infer<typeof EarningsHistoryItemSchema>;

export const EarningsHistorySchema = z
  .object({ intervals: z.array(EarningsHistoryItemSchema), meta: EarningsHistoryItemSchema })
  .passthrough();
export type EarningsHistory = z.infer<typeof EarningsHistorySchema>;

/**
 * Query of a history endpoint, checked before any request. With `interval`: from/to are rounded
 * to interval boundaries; from+to = the buckets between (first 400), from+count = the next
 * `count`, to+count = the last `count` before `to`, count alone = the last `count` up to now.
 * Pagination: from+count, then the answer's `meta.endTime` as the next `from`.
 */
export const HistoryQuerySchema = z
  .object({
    interval: z.enum(HISTORY_INTERVALS).optional(),
    count: z.number().int().min(1).max(MAX_HISTORY_COUNT).optional(),
    /** Unix seconds. */
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().nonnegative().optional(),
  })
  .strict()
  .refine((q) => q.count === undefined || q.interval !== undefined, 'count needs an interval')
  .refine(
    (q) => !(q.count !== undefined && q.from !== undefined && q.to !== undefined),
    'give at most two of from, to, count',
  )
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, 'from must not be after to');
export type HistoryQuery = z.input<typeof HistoryQuerySchema>;
