import { WorkbenchError } from '../core/errors';

/**
 * Chains the metrics stage supports. Flipside chains share a daily-aggregate query per family
 * (bitcoin's UTXO tables, the EVM `core.fact_transactions` schema, NEAR's); Midgard chains come
 * from Midgard's history endpoints instead.
 */
export const FLIPSIDE_CHAINS = [
  'bitcoin',
  'ethereum',
  'arbitrum',
  'optimism',
  'base',
  'polygon',
  'avalanche',
  'bsc',
  'near',
] as const;
export const MIDGARD_CHAINS = ['maya', 'thorchain'] as const;
export type FlipsideChain = (typeof FLIPSIDE_CHAINS)[number];
export type MidgardChain = (typeof MIDGARD_CHAINS)[number];
export type ChainId = FlipsideChain | MidgardChain;

export const SOURCES = ['flipside', 'midgard', 'sim'] as const;
export type SourceName = (typeof SOURCES)[number];

/** The chains each source serves (sim mirrors Flipside's chains; its rows say source "sim"). */
export const CHAINS_BY_SOURCE: Readonly<Record<SourceName, readonly ChainId[]>> = {
  flipside: FLIPSIDE_CHAINS,
  midgard: MIDGARD_CHAINS,
  sim: FLIPSIDE_CHAINS,
};

/** Rejects an unknown source or a chain the source does not serve, listing what is supported. */
export function checkChains(source: string, chains: readonly string[]): { source: SourceName; chains: ChainId[] } {
  if (!(SOURCES as readonly string[]).includes(source))
    throw new WorkbenchError(`unknown source "${source}"`, `use one of: ${SOURCES.join(', ')}`);
  const s = source as SourceName;
  const allowed = CHAINS_BY_SOURCE[s];
  const bad = chains.filter((c) => !(allowed as readonly string[]).includes(c));
  if (bad.length)
    throw new WorkbenchError(
      `source ${s} does not serve chain(s) ${bad.join(', ')}`,
      `supported chains for ${s}: ${allowed.join(', ')}`,
    );
  if (!chains.length) throw new WorkbenchError('no chains given', `supported chains for ${s}: ${allowed.join(', ')}`);
  return { source: s, chains: chains as ChainId[] };
}

/** Every chain id the metrics stage knows, Flipside's first. */
export const CHAIN_IDS = [...FLIPSIDE_CHAINS, ...MIDGARD_CHAINS] as const;

export function isChainId(s: string): s is ChainId {
  return (CHAIN_IDS as readonly string[]).includes(s);
}

/**
 * How a chain's daily aggregates are defined: `bitcoin` (UTXO tables), `evm` (the shared
 * `<chain>.core.fact_transactions` schema), `near` (NEAR's transactions and actions), `midgard`
 * (Maya/THORChain swap history). Per-family meanings live in `metrics/definitions.ts`.
 */
export type ChainFamily = 'bitcoin' | 'evm' | 'near' | 'midgard';

/** Family and native unit: every `*Native` amount of a chain is in this unit, never mixed. */
export const CHAIN_INFO: Readonly<Record<ChainId, { family: ChainFamily; nativeUnit: string }>> = {
  bitcoin: { family: 'bitcoin', nativeUnit: 'BTC' },
  ethereum: { family: 'evm', nativeUnit: 'ETH' },
  arbitrum: { family: 'evm', nativeUnit: 'ETH' },
  optimism: { family: 'evm', nativeUnit: 'ETH' },
  base: { family: 'evm', nativeUnit: 'ETH' },
  polygon: { family: 'evm', nativeUnit: 'POL' },
  avalanche: { family: 'evm', nativeUnit: 'AVAX' },
  bsc: { family: 'evm', nativeUnit: 'BNB' },
  near: { family: 'near', nativeUnit: 'NEAR' },
  maya: { family: 'midgard', nativeUnit: 'CACAO' },
  thorchain: { family: 'midgard', nativeUnit: 'RUNE' },
};
