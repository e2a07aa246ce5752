import type { MidgardAction } from '../midgard';
import { NATIVE, l1Of, type Chain } from './units';

/**
 * Fees the sizing charges besides the liquidity (slip) fee:
 * - outbound fee, in the paid asset's base units: learned from the feed (the latest
 *   `networkFees` seen for that asset on that chain), else a default in USD per L1 chain;
 * - inbound network fee (gas the trader pays to send an L1 asset in): the chain's outbound fee
 *   as a proxy, or none (`inbound: false`, as in the simulator, which charges none);
 * - minimum slip floor per chain (THORChain floors the slip fee of L1 swaps, mimir
 *   `L1SlipMinBps`; the 5 bps default is an assumption to check against the chain's mimir; Maya: none known).
 */
export interface FeeOptions {
  inbound: boolean;
  minSlipBps: Readonly<Record<Chain, number>>;
}

export const DEFAULT_FEES: FeeOptions = { inbound: true, minSlipBps: { maya: 0, thorchain: 5 } };

/** Fallback outbound fee in USD by L1 (assumption, roughly 2024 levels) when the feed showed none yet. */
const DEFAULT_OUTBOUND_USD: Readonly<Record<string, number>> = {
  BTC: 2,
  ETH: 2.5,
  ARB: 0.2,
  BSC: 0.2,
  AVAX: 0.3,
  BASE: 0.2,
  MAYA: 0.12,
  THOR: 0.04,
};

export class FeeBook {
  /** By chain, then asset (nested maps: this is on the scan's hot path). */
  private readonly learned = new Map<Chain, Map<string, bigint>>();

  constructor(readonly options: FeeOptions = DEFAULT_FEES) {}

  /** Learns outbound fees from an action's `networkFees` (swap, refund, withdraw). */
  observe(chain: Chain, a: MidgardAction): void {
    const m = a.metadata as Record<string, { networkFees?: { asset: string; amount: string }[] } | undefined>;
    for (const k of ['swap', 'refund', 'withdraw']) {
      const fees = m[k]?.networkFees;
      if (!fees) continue;
      // A native fee listed after another one belongs to an affiliate payout; the first one per asset is the user's.
      const seen = new Set<string>();
      for (const f of fees) {
        if (seen.has(f.asset)) continue;
        seen.add(f.asset);
        if (/^\d+$/.test(f.amount)) this.set(chain, f.asset, BigInt(f.amount));
      }
    }
  }

  /** Sets a known outbound fee (base units), e.g. the simulator's published gas table, until the feed shows one. */
  prime(chain: Chain, asset: string, amount: bigint): void {
    if (this.learned.get(chain)?.get(asset) === undefined) this.set(chain, asset, amount);
  }

  /** Outbound fee of paying `asset` out, base units; `usdPerUnit` converts the USD fallback. */
  outbound(chain: Chain, asset: string, usdPerUnit: number): bigint {
    const known = this.learned.get(chain)?.get(asset);
    if (known !== undefined) return known;
    const usd =
      DEFAULT_OUTBOUND_USD[asset === NATIVE[chain] ? (chain === 'maya' ? 'MAYA' : 'THOR') : l1Of(asset)] ?? 0.5;
    return usdPerUnit > 0 ? BigInt(Math.ceil(usd / usdPerUnit)) : 0n;
  }

  /** Network fee to send `asset` in, base units (0 for the chain's native asset, or with `inbound: false`). */
  inbound(chain: Chain, asset: string, usdPerUnit: number): bigint {
    if (!this.options.inbound || asset === NATIVE[chain]) return 0n;
    return this.outbound(chain, asset, usdPerUnit);
  }

  minSlipBps(chain: Chain): number {
    return this.options.minSlipBps[chain];
  }

  /** What was learned, for reports. */
  snapshot(): Record<string, string> {
    return Object.fromEntries(
      [...this.learned].flatMap(([c, m]) => [...m].map(([a, v]) => [`${c}|${a}`, v.toString()])),
    );
  }

  private set(chain: Chain, asset: string, amount: bigint): void {
    let m = this.learned.get(chain);
    if (!m) {
      m = new Map();
      this.learned.set(chain, m);
    }
    m.set(asset, amount);
  }
}
