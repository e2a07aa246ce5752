import { z } from 'zod';
import { CHAIN_IDS, SOURCES } from '../chains';
import { IsoDateSchema } from '../daily';
import { RegimeLabelSchema } from './regimes';

const Count = z.number().int().nonnegative().nullable();
const Amount = z.number().nonnegative().finite().nullable();
const Real = z.number().finite().nullable();

/**
 * One chain-day of the metrics stage: the raw aggregates as the source returned them, the
 * metrics derived from them in TypeScript, and the regime label. Units are in the names
 * (`Native` = the chain's `nativeUnit`, `Frac` = a fraction where 0.1 = +10%, `Log` = natural-log
 * units); each field is defined in `definitions.ts`. A day the source had no row for has
 * `missing: true`, `source: null` and every value null: never zero-filled. Derived values are
 * null whenever an input is missing or undefined (a lag of 0, a log of 0).
 */
export const ChainDayFieldsSchema = z
  .object({
    chain: z.enum(CHAIN_IDS),
    date: IsoDateSchema,
    source: z.enum(SOURCES).nullable(),
    missing: z.boolean(),
    nativeUnit: z.string(),
    // Raw daily aggregates (DailyAggregate), null where missing or not defined for the chain.
    transactions: Count,
    activeSenders: Count,
    activeReceivers: Count,
    successRate: z.number().min(0).max(1).nullable(),
    feesNative: Amount,
    transferredNative: Amount,
    gasUsed: Amount,
    contractCalls: Count,
    // 7-day growth, value_t / value_{t−7} − 1.
    txGrowth7dFrac: Real,
    userGrowth7dFrac: Real,
    volumeGrowth7dFrac: Real,
    // Sample std of the 7 daily log changes ending at t.
    txVolatility7dLog: Amount,
    volumeVolatility7dLog: Amount,
    // Per-day ratios.
    feesPerTxNative: Amount,
    valuePerTxNative: Amount,
    txPerSender: Amount,
    gasPerTx: Amount,
    contractCallFrac: Amount,
    regime: RegimeLabelSchema.nullable(),
    /** Why `regime` is null (missing day, insufficient history); null when labelled. */
    regimeReason: z.string().nullable(),
  })
  .strict();

/** ChainDayFieldsSchema plus the consistency checks between its fields. */
export const ChainDaySchema = ChainDayFieldsSchema.refine(
  (r) => r.missing === (r.source === null),
  'a row is missing exactly when it has no source',
).refine((r) => (r.regime === null) !== (r.regimeReason === null), 'exactly one of regime and regimeReason is set');
export type ChainDay = z.infer<typeof ChainDaySchema>;

/** The derived (non-raw, non-identity) numeric fields of a ChainDay, as defined in definitions.ts. */
export const DERIVED_FIELDS = [
  'txGrowth7dFrac',
  'userGrowth7dFrac',
  'volumeGrowth7dFrac',
  'txVolatility7dLog',
  'volumeVolatility7dLog',
  'feesPerTxNative',
  'valuePerTxNative',
  'txPerSender',
  'gasPerTx',
  'contractCallFrac',
] as const satisfies readonly (keyof ChainDay)[];

/** The raw aggregate fields of a ChainDay, copied from DailyAggregate. */
export const RAW_FIELDS = [
  'transactions',
  'activeSenders',
  'activeReceivers',
  'successRate',
  'feesNative',
  'transferredNative',
  'gasUsed',
  'contractCalls',
] as const satisfies readonly (keyof ChainDay)[];
