import { z } from 'zod';
import { compileCheck } from '../core/fast-check';

/**
 * Midgard v2 response schemas (Maya Midgard 2.16, THORChain Midgard 2.34 OpenAPI). Every number
 * Midgard sends as a string stays a string here: amounts can exceed 2^53, and `date` is in
 * nanoseconds. Unknown fields are never dropped: the schemas check the fields we model, and the
 * original object, with every field it had, is what validation returns and the store keeps
 * (zod's passthrough copying doubled the cost of validation on the ingest hot path).
 */

/** Unsigned integer as a decimal string (amounts in base units, heights, bps). */
export const UIntString = z.string().regex(/^\d+$/, 'expected an unsigned integer string');
/** Signed integer string (withdraw liquidityUnits are negative). */
export const IntString = z.string().regex(/^-?\d+$/, 'expected an integer string');
/** Decimal string such as a price or an asymmetry ("0.5", "1.2e-7"). */
export const DecimalString = z.string().regex(/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/, 'expected a decimal string');

export const CoinSchema = z.object({ asset: z.string().min(1), amount: UIntString });
/** Coins inside streamingSwapMeta may be empty placeholders ({asset: "", amount: "0"}). */
const MaybeEmptyCoin = z.object({ asset: z.string(), amount: UIntString });

export const TransactionSchema = z.object({
  address: z.string(),
  coins: z.array(CoinSchema),
  txID: z.string(),
  /** Outbound transactions carry the height they were observed at. */
  height: UIntString.optional(),
  /** THORChain 2.2x marks affiliate outbounds. */
  affiliate: z.boolean().optional(),
});

export const StreamingSwapMetaSchema = z.object({
  count: UIntString,
  quantity: UIntString,
  interval: UIntString.optional(),
  lastHeight: UIntString.optional(),
  outEstimation: UIntString.optional(),
  inCoin: MaybeEmptyCoin.optional(),
  outCoin: MaybeEmptyCoin.optional(),
  depositedCoin: MaybeEmptyCoin.optional(),
  failedSwaps: z.array(UIntString).optional(),
  failedSwapReasons: z.array(z.string()).optional(),
});

export const SwapMetadataSchema = z.object({
  affiliateAddress: z.string().optional(),
  /** Basis points (1/10,000), not an amount. */
  affiliateFee: UIntString.optional(),
  inPriceUSD: DecimalString.optional(),
  outPriceUSD: DecimalString.optional(),
  isStreamingSwap: z.boolean().optional(),
  liquidityFee: UIntString,
  memo: z.string().optional(),
  networkFees: z.array(CoinSchema),
  streamingSwapMeta: StreamingSwapMetaSchema.optional(),
  /** Basis points. */
  swapSlip: UIntString,
  /** Minimum output (base units of the target asset); "0" means none. */
  swapTarget: UIntString,
  txType: z.string().optional(),
});

export const AddLiquidityMetadataSchema = z.object({ liquidityUnits: IntString });

export const WithdrawMetadataSchema = z.object({
  asymmetry: DecimalString,
  basisPoints: UIntString,
  impermanentLossProtection: IntString,
  liquidityUnits: IntString,
  networkFees: z.array(CoinSchema),
  memo: z.string().optional(),
});

export const RefundMetadataSchema = z.object({
  affiliateAddress: z.string().optional(),
  affiliateFee: UIntString.optional(),
  memo: z.string().optional(),
  networkFees: z.array(CoinSchema),
  reason: z.string(),
  txType: z.string().optional(),
});

export const SendMetadataSchema = z.object({
  code: z.string().optional(),
  memo: z.string().optional(),
  reason: z.string().optional(),
});
export const FailedMetadataSchema = z.object({
  code: z.string().optional(),
  memo: z.string().optional(),
  reason: z.string().optional(),
});

export const NameMetadataSchema = z.object({
  address: z.string().optional(),
  chain: z.string().optional(),
  expire: UIntString.optional(),
  fundAmount: UIntString.optional(),
  name: z.string().optional(),
  owner: z.string().optional(),
  registrationFee: UIntString.optional(),
});

export const PoolUnitsMetadataSchema = z.object({
  units: IntString.optional(),
  basisPoints: UIntString.optional(),
  affiliateAddress: z.string().optional(),
  affiliateBasisPoints: UIntString.optional(),
});

export const MetadataSchema = z.object({
  swap: SwapMetadataSchema.optional(),
  addLiquidity: AddLiquidityMetadataSchema.optional(),
  withdraw: WithdrawMetadataSchema.optional(),
  refund: RefundMetadataSchema.optional(),
  send: SendMetadataSchema.optional(),
  failed: FailedMetadataSchema.optional(),
  thorname: NameMetadataSchema.optional(),
  mayaname: NameMetadataSchema.optional(),
  runePoolDeposit: PoolUnitsMetadataSchema.optional(),
  runePoolWithdraw: PoolUnitsMetadataSchema.optional(),
  cacaoPoolDeposit: PoolUnitsMetadataSchema.optional(),
  cacaoPoolWithdraw: PoolUnitsMetadataSchema.optional(),
});

export const ActionSchema = z.object({
  /** Nanoseconds since the Unix epoch. */
  date: UIntString,
  height: UIntString,
  in: z.array(TransactionSchema),
  out: z.array(TransactionSchema),
  pools: z.array(z.string()),
  /** Open strings: real feeds carry values outside the spec's enums. */
  status: z.string().min(1),
  type: z.string().min(1),
  metadata: MetadataSchema,
});
export type MidgardAction = z.infer<typeof ActionSchema>;
export type Coin = z.infer<typeof CoinSchema>;
export type Transaction = z.infer<typeof TransactionSchema>;
export type SwapMetadata = z.infer<typeof SwapMetadataSchema>;

export const ActionsMetaSchema = z.object({
  nextPageToken: z.string().optional(),
  prevPageToken: z.string().optional(),
});

/**
 * A page of /v2/actions. Actions stay `unknown` here: each is validated on its own, so one
 * malformed action is quarantined instead of failing its page.
 */
export const ActionsPageSchema = z.object({
  actions: z.array(z.unknown()),
  count: UIntString.optional(),
  meta: ActionsMetaSchema.default({}),
});
export type ActionsPage = z.infer<typeof ActionsPageSchema>;

export const PoolSchema = z.object({
  asset: z.string().min(1),
  assetDepth: UIntString,
  /** Native-asset depth: RUNE on THORChain, CACAO on Maya (Maya keeps the field name). */
  runeDepth: UIntString,
  assetPrice: DecimalString,
  assetPriceUSD: DecimalString,
  status: z.string(),
  units: UIntString.optional(),
  liquidityUnits: UIntString.optional(),
  synthUnits: UIntString.optional(),
  synthSupply: UIntString.optional(),
  volume24h: UIntString.optional(),
  nativeDecimal: IntString.optional(),
});
export type MidgardPool = z.infer<typeof PoolSchema>;
export const PoolsSchema = z.array(PoolSchema);

const HealthPoint = z.object({ height: z.number(), timestamp: z.number() });
export const HealthSchema = z.object({
  database: z.boolean(),
  inSync: z.boolean(),
  scannerHeight: UIntString,
  lastAggregated: HealthPoint.optional(),
  lastCommitted: HealthPoint.optional(),
  lastFetched: HealthPoint.optional(),
  lastThorNode: HealthPoint.optional(),
});
export type MidgardHealth = z.infer<typeof HealthSchema>;

export const DepthIntervalSchema = z.object({
  startTime: UIntString,
  endTime: UIntString,
  assetDepth: UIntString,
  runeDepth: UIntString,
  assetPrice: DecimalString,
  assetPriceUSD: DecimalString,
  liquidityUnits: UIntString.optional(),
  synthUnits: UIntString.optional(),
  synthSupply: UIntString.optional(),
  units: UIntString.optional(),
  luvi: DecimalString.optional(),
});
export const DepthHistorySchema = z.object({
  intervals: z.array(DepthIntervalSchema),
  meta: z.object({ startTime: UIntString, endTime: UIntString }),
});
export type DepthHistory = z.infer<typeof DepthHistorySchema>;

/**
 * Validates one action and returns the original object (every field kept) typed as an action;
 * the error names the path of the first problem (for the quarantine).
 */
export function validateAction(raw: unknown): { ok: true; action: MidgardAction } | { ok: false; reason: string } {
  // The compiled check accepts exactly what ActionSchema accepts; zod runs only to word a rejection.
  if (actionCheck(raw)) {
    const typed = checkTypedMetadata(raw as MidgardAction);
    return typed ? { ok: false, reason: typed } : { ok: true, action: raw as MidgardAction };
  }
  const r = ActionSchema.safeParse(raw);
  if (r.success) {
    const typed = checkTypedMetadata(r.data);
    return typed ? { ok: false, reason: typed } : { ok: true, action: raw as MidgardAction };
  }
  const issue = r.error.issues[0];
  return { ok: false, reason: `${issue?.path.join('.') || '(action)'}: ${issue?.message ?? 'invalid'}` };
}

const actionCheck = compileCheck(ActionSchema);

/**
 * Known types must carry their own metadata block (a swap without metadata.swap is malformed).
 * A switch with constant property reads: ingest runs this for every action, and a lookup table
 * indexed by the type went through V8's generic keyed lookup twice.
 */
function checkTypedMetadata(a: MidgardAction): string | undefined {
  const m = a.metadata;
  switch (a.type) {
    case 'swap':
      return m.swap === undefined ? 'metadata.swap: required for type swap' : undefined;
    case 'addLiquidity':
      return m.addLiquidity === undefined ? 'metadata.addLiquidity: required for type addLiquidity' : undefined;
    case 'withdraw':
      return m.withdraw === undefined ? 'metadata.withdraw: required for type withdraw' : undefined;
    case 'refund':
      return m.refund === undefined ? 'metadata.refund: required for type refund' : undefined;
    default:
      return undefined;
  }
}
