export * from './schema';
export * from './history-schema';
export { MidgardClient, MAX_LIMIT, userAgent } from './client';
export type { ActionsQuery, ActionsResult, MidgardClientOptions } from './client';
export { actionIdentity, compareActions } from './identity';
export { MidgardStore } from './store';
export type { PageInput, PageResult, PreparedPage, QuarantinedAction } from './store';
export { preparePage } from './ingest-prepare';
export { syncActions, sourceKey, SyncStateSchema } from './sync';
export type { SyncOptions, SyncSummary, SyncState } from './sync';
export { syncPools } from './pools-sync';
export { exportActionsJsonl } from './export';
export { startMidgardServer, MidgardServerOptionsSchema, spawnMidgardServe } from './server';
export type { MidgardServer, MidgardServerOptions } from './server';
export {
  MarketSimulator,
  simulateActions,
  ExternalMarket,
  tickerOf,
  SEED_POOLS,
  SEED_HEIGHT,
  SEED_DATE_NS,
  SEED_CACAO_PRICE_USD,
  CHAINS as SIM_CHAINS,
} from './sim';
export type { Planted, PlantedGap, PlantedTrade, PlantListener, SimOptions } from './sim';
// The simulator's naming rules, for generated actions that must look like the feed's.
export { addressFor, chainOf, outboundTxId, priceLimitReason, swapMemo, txId, usdString } from './sim';
export * from './explore';
