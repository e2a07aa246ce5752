/** Stage 3: cross-chain daily market metrics: sources, derived metrics, regime labels. */
export {
  FLIPSIDE_CHAINS,
  MIDGARD_CHAINS,
  CHAIN_IDS,
  isChainId,
  SOURCES,
  CHAINS_BY_SOURCE,
  CHAIN_INFO,
  checkChains,
  type ChainId,
  type SourceName,
  type FlipsideChain,
  type MidgardChain,
} from './chains';
export { IsoDateSchema, DailyAggregateSchema, type IsoDate, type DailyAggregate } from './daily';
export type { ChainMetricsSource, FetchEvents } from './source';
export { QueryCache } from './cache';
export { collectChainDays, type CollectOptions, type CollectResult, type CollectQuery } from './collect';
export { openSource, type OpenSourceOptions, type OpenedSource } from './sources/open';
export { FlipsideSource } from './sources/flipside-source';
export { MidgardHistorySource, PUBLIC_MIDGARD } from './sources/midgard-source';
export { buildDailySql, parseDailySql, dailyQuery, DAILY_COLUMNS, type DailyQuery } from './sql';
export * from './metrics';
export {
  FlipsideClient,
  FlipsideQueryError,
  FlipsideRpcError,
  apiKeyFromEnv,
  DEFAULT_FLIPSIDE_URL,
  startFlipsideServer,
  type FlipsideServer,
} from './flipside';
export { ChainDaySimulator, simulatedChainDays } from './sim';
