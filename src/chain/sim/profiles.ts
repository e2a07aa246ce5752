import type { FlipsideChain } from '../chains';

/**
 * Per-chain magnitudes of the simulated daily aggregates, at the reference date 2025-02-15, in
 * the units the Flipside SQL returns (native coin, decimal-adjusted; raw gas units). Loosely
 * calibrated on the real Flipside rows of Feb 2025 in data/fixtures/cortex (ethereum
 * ≈ 1.2 M txs, ≈ 0.33 senders and 0.19 receivers per tx, 98.5 % success, ≈ 100 k gas and ≈ 2.5
 * gwei per tx, ≈ 0.64 contract calls per tx, ≈ 1.3 ETH moved per tx; near ≈ 6.5 M txs, 99.999 %
 * success, ≈ 6.3 Tgas and ≈ 0.00063 NEAR fee per tx; bitcoin ≈ 380 k txs, ≈ 1.3e-5 BTC fee per
 * tx). Where those rows came from buggy queries (bitcoin senders, NEAR contract calls), public
 * explorer orders of magnitude are used instead. Other chains: public explorer figures, rounded.
 */
export interface ChainProfile {
  /** First day with data (mainnet launch, approximate). */
  launch: string;
  txs: number;
  /** Distinct senders / receivers per transaction. */
  sendersPerTx: number;
  receiversPerTx: number;
  /** Successful share; null where undefined (bitcoin). */
  success: number | null;
  /** Native fee per transaction. */
  feePerTx: number;
  /** Native value moved per transaction. */
  valuePerTx: number;
  /** Gas units per transaction; null where undefined. */
  gasPerTx: number | null;
  /** Transactions calling a contract, per transaction; null where undefined. */
  contractShare: number | null;
  /** Long-term growth of activity, log per year (adoption trend around the reference date). */
  growthPerYear: number;
  /** How strongly the market factor moves this chain's activity (1 = as the market). */
  beta: number;
  /** Weekend activity, log change (weekends are quieter). */
  weekend: number;
}

export const REFERENCE_DATE = '2025-02-15';

export const CHAIN_PROFILES: Readonly<Record<FlipsideChain, ChainProfile>> = {
  bitcoin: {
    launch: '2009-01-03',
    txs: 380_000,
    sendersPerTx: 0.45,
    receiversPerTx: 0.9,
    success: null,
    feePerTx: 1.3e-5,
    valuePerTx: 1.5,
    gasPerTx: null,
    contractShare: null,
    growthPerYear: 0.05,
    beta: 0.6,
    weekend: -0.1,
  },
  ethereum: {
    launch: '2015-07-30',
    txs: 1_200_000,
    sendersPerTx: 0.33,
    receiversPerTx: 0.19,
    success: 0.985,
    feePerTx: 2.5e-4,
    valuePerTx: 1.3,
    gasPerTx: 105_000,
    contractShare: 0.64,
    growthPerYear: 0.12,
    beta: 1,
    weekend: -0.07,
  },
  arbitrum: {
    launch: '2021-08-31',
    txs: 2_200_000,
    sendersPerTx: 0.25,
    receiversPerTx: 0.08,
    success: 0.97,
    feePerTx: 1.5e-5,
    valuePerTx: 0.1,
    gasPerTx: 600_000,
    contractShare: 0.85,
    growthPerYear: 0.35,
    beta: 1.2,
    weekend: -0.05,
  },
  optimism: {
    launch: '2021-11-11',
    txs: 1_000_000,
    sendersPerTx: 0.1,
    receiversPerTx: 0.05,
    success: 0.98,
    feePerTx: 5e-6,
    valuePerTx: 0.05,
    gasPerTx: 250_000,
    contractShare: 0.9,
    growthPerYear: 0.3,
    beta: 1.1,
    weekend: -0.04,
  },
  base: {
    launch: '2023-07-13',
    txs: 9_000_000,
    sendersPerTx: 0.12,
    receiversPerTx: 0.04,
    success: 0.95,
    feePerTx: 1.2e-5,
    valuePerTx: 0.02,
    gasPerTx: 300_000,
    contractShare: 0.9,
    growthPerYear: 0.8,
    beta: 1.3,
    weekend: -0.04,
  },
  polygon: {
    launch: '2020-05-30',
    txs: 3_500_000,
    sendersPerTx: 0.2,
    receiversPerTx: 0.08,
    success: 0.99,
    feePerTx: 0.01,
    valuePerTx: 15,
    gasPerTx: 150_000,
    contractShare: 0.85,
    growthPerYear: 0.15,
    beta: 1,
    weekend: -0.05,
  },
  avalanche: {
    launch: '2020-09-23',
    txs: 1_200_000,
    sendersPerTx: 0.05,
    receiversPerTx: 0.05,
    success: 0.98,
    feePerTx: 8e-4,
    valuePerTx: 2,
    gasPerTx: 180_000,
    contractShare: 0.7,
    growthPerYear: 0.2,
    beta: 1.2,
    weekend: -0.05,
  },
  bsc: {
    launch: '2020-08-29',
    txs: 5_000_000,
    sendersPerTx: 0.2,
    receiversPerTx: 0.06,
    success: 0.97,
    feePerTx: 8e-5,
    valuePerTx: 0.15,
    gasPerTx: 150_000,
    contractShare: 0.8,
    growthPerYear: 0.1,
    beta: 1.1,
    weekend: -0.05,
  },
  near: {
    launch: '2020-07-21',
    txs: 6_500_000,
    sendersPerTx: 0.08,
    receiversPerTx: 0.45,
    success: 0.99999,
    feePerTx: 6.3e-4,
    valuePerTx: 0.5,
    gasPerTx: 6.3e12,
    contractShare: 0.7,
    growthPerYear: 0.4,
    beta: 0.9,
    weekend: -0.06,
  },
};
