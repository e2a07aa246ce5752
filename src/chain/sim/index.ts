export { ChainDaySimulator } from './generator';
export { simAggregate, simulatedChainDays } from './days';
export type { SimDailyRow, SimOptions } from './generator';
export { CHAIN_PROFILES, REFERENCE_DATE } from './profiles';
export type { ChainProfile } from './profiles';
export { REGIMES, SIM_EPOCH, hash32, type Regime } from './regimes';
