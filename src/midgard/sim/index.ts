/** Deterministic Maya market simulator emitting Midgard `/v2/actions`-shaped actions. */
export {
  MarketSimulator,
  SimOptionsSchema,
  simulateActions,
  type ResolvedSimOptions,
  type SimOptions,
} from './simulator';
export {
  NATIVE_ASSET,
  MAYA_TOKEN,
  assetDecimals,
  chainOf,
  isNative,
  addressFor,
  txId,
  outboundTxId,
  CHAINS,
} from './assets';
export { SEED_POOLS, SEED_CACAO_PRICE_USD, SEED_HEIGHT, SEED_DATE_NS, type SeedPool } from './seed-pools';
export * as clp from './clp';
export { PoolBook, poolPrice, isStable, type PoolState } from './pool-state';
export { AFFILIATES, type Affiliate } from './population';
export { MAX_QUANTITY } from './clp';
export { swapMemo, priceLimitReason, usdString } from './actions';
export type { Planted, PlantedGap, PlantedTrade, PlantListener } from './planted';
export { ExternalMarket, tickerOf } from './market';
