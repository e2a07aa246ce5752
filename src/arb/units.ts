/**
 * Chains, native assets and base units as Midgard reports them. Maya: CACAO 1e10, MAYA 1e4,
 * everything else 1e8. THORChain: everything 1e8 (RUNE included).
 */
export const CHAINS = ['maya', 'thorchain'] as const;
export type Chain = (typeof CHAINS)[number];

export const NATIVE: Readonly<Record<Chain, string>> = { maya: 'MAYA.CACAO', thorchain: 'THOR.RUNE' };

export function decimalsOf(chain: Chain, asset: string): number {
  if (chain === 'maya') {
    if (asset === 'MAYA.CACAO') return 10;
    if (asset === 'MAYA.MAYA') return 4;
  }
  return 8;
}

/** 10^-decimals: USD per base unit = USD per whole unit × unitScale. */
export function unitScale(chain: Chain, asset: string): number {
  return 10 ** -decimalsOf(chain, asset);
}

/** "ETH.USDC-0XA0B…" → "USDC"; "ARB.ETH" → "ETH"; synths ("BTC/BTC") and trade assets ("BTC~BTC") too. */
export function tickerOf(asset: string): string {
  const m = /^[^./~-]+[./~-]([^-]+)/.exec(asset);
  return m ? (m[1] as string) : asset;
}

/** The L1 chain an asset lives on ("ETH.USDC-0X…" → "ETH"). */
export function l1Of(asset: string): string {
  const m = /^([^./~]+)/.exec(asset);
  return m ? (m[1] as string) : asset;
}

const STABLES = new Set(['USDC', 'USDT', 'USK', 'DAI', 'BUSD', 'USDP', 'GUSD', 'LUSD', 'TUSD']);
export function isStable(asset: string): boolean {
  return STABLES.has(tickerOf(asset));
}
