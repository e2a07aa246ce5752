/** Stage: arbitrage scanner (pool prices, opportunities, optimal sizing, ground truth, protocol metrics). */
export * from './units';
export * from './clp';
export { FeeBook, DEFAULT_FEES, type FeeOptions } from './fees';
export { SimExternal, CsvExternal, HeldExternal, openExternal, type ExternalPrices } from './external';
export * from './opportunity';
export { PoolReplay } from './replay';
export { Scanner, type TradeEval, type ScanOptions } from './scan';
export {
  runScan,
  seedAnchor,
  simulateWithTruth,
  simExternal,
  type ScanFeed,
  type ScanRun,
  type RunScanOptions,
} from './pipeline';
export {
  evaluate,
  readTruth,
  plantedLine,
  realisedUsd,
  truthOpportunity,
  PlantedSchema,
  type Evaluation,
  type DetectionScore,
} from './truth';
export {
  profileTraders,
  summariseBots,
  DEFAULT_BOT_RULES,
  type TraderProfile,
  type BotSummary,
  type BotRules,
} from './bots';
export { protocolMetrics, type PoolDay, type ChainDayTotal } from './protocol';
export { storeAnchor, type AnchorMode } from './store-feed';
export { jsonLine, writeLinesAtomic } from './jsonl';
export { evaluationReport, gapFigure, profitFigure, profitErrorFigure, evaluationRows } from './report';
export {
  startDashboard,
  type Dashboard,
  type DashboardOptions,
  type FeedHealth,
  type Snapshot,
  type PredictionView,
} from './dashboard';
export { realSnapshotScan, type RealSwapCheck } from './real';
