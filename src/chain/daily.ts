import { z } from 'zod';

/** An ISO calendar date, validated as a real day (2025-02-30 is refused). */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((d) => {
    // The regex failing does not stop refine: parse defensively (an invalid Date has no ISO string).
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, 'not a calendar date');
export type IsoDate = z.infer<typeof IsoDateSchema>;

const Count = z.number().int().nonnegative();
const Amount = z.number().nonnegative().finite();

/**
 * One chain's raw daily aggregates for one UTC day, exactly what a source returns before any
 * derived metric. Amounts are in the chain's native unit (BTC, ETH, NEAR, CACAO/RUNE…), never
 * mixed: `feesNative` is fees paid, `transferredNative` is value moved. Null = not defined for
 * the chain (gas on bitcoin) or not reported.
 */
export const DailyAggregateSchema = z
  .object({
    chain: z.string(),
    date: IsoDateSchema,
    source: z.enum(['flipside', 'midgard', 'sim']),
    transactions: Count,
    activeSenders: Count.nullable(),
    activeReceivers: Count.nullable(),
    /** Successful transactions / transactions, in [0, 1]. */
    successRate: z.number().min(0).max(1).nullable(),
    feesNative: Amount.nullable(),
    transferredNative: Amount.nullable(),
    gasUsed: Amount.nullable(),
    contractCalls: Count.nullable(),
  })
  .strict();
export type DailyAggregate = z.infer<typeof DailyAggregateSchema>;
