import type { Rng } from '../../core';
import { isStable } from './pool-state';

/**
 * The world outside Maya: a USD price per ticker following a seeded geometric random walk, one
 * step per block. Crypto tickers share a market factor (correlation `MARKET_RHO`); stablecoins
 * mean-revert tightly around $1. Pools on two chains with the same ticker (ETH.ETH and ARB.ETH,
 * the two USDCs) follow one external price, so arbitrage keeps them in line.
 */

/** Daily log-price volatility by ticker (assumption, roughly 2024 levels); unknown tickers get `DEFAULT_DAILY_VOL`. */
const DAILY_VOL: Readonly<Record<string, number>> = {
  BTC: 0.03,
  ETH: 0.038,
  RUNE: 0.065,
  DASH: 0.045,
  KUJI: 0.075,
  CACAO: 0.06,
};
const DEFAULT_DAILY_VOL = 0.06;
const MARKET_RHO = 0.6;
/** Stablecoins: per-block mean reversion and stationary log deviation (≈ 10 bps). */
const STABLE_THETA = 0.02;
const STABLE_SD = 0.001;

/** "ETH.USDC-0XA0B…" → "USDC"; "ARB.ETH" → "ETH". */
export function tickerOf(asset: string): string {
  const dot = asset.indexOf('.');
  const sym = dot < 0 ? asset : asset.slice(dot + 1);
  const dash = sym.indexOf('-');
  return dash < 0 ? sym : sym.slice(0, dash);
}

export class ExternalMarket {
  /** USD per whole unit, by ticker index. */
  private readonly usd: Float64Array;
  private readonly blockVol: Float64Array;
  private readonly stable: boolean[];
  private readonly tickerIndex: number[];
  private cacao: number;
  private readonly cacaoVol: number;
  private readonly stableVol: number;

  constructor(
    private readonly rng: Rng,
    pools: readonly { asset: string; priceUSD: number }[],
    cacaoUSD: number,
    blockSeconds: number,
    volatilityScale: number,
  ) {
    const tickers: string[] = [];
    const start: number[] = [];
    this.stable = [];
    this.tickerIndex = pools.map((p) => {
      const t = tickerOf(p.asset);
      let i = tickers.indexOf(t);
      if (i < 0) {
        i = tickers.push(t) - 1;
        const st = isStable(p.asset);
        this.stable.push(st);
        // The first (deepest) pool of a ticker sets its starting price; stablecoins start at $1.
        start.push(st ? 1 : p.priceUSD);
      }
      return i;
    });
    const perBlock = Math.sqrt(blockSeconds / 86400) * volatilityScale;
    this.usd = Float64Array.from(start);
    this.blockVol = Float64Array.from(tickers.map((t) => (DAILY_VOL[t] ?? DEFAULT_DAILY_VOL) * perBlock));
    this.cacao = cacaoUSD;
    this.cacaoVol = (DAILY_VOL.CACAO ?? DEFAULT_DAILY_VOL) * perBlock;
    this.stableVol = STABLE_SD * Math.sqrt(2 * STABLE_THETA) * Math.min(1, volatilityScale);
  }

  /** Advances every price by one block. */
  step(): void {
    const m = this.rng.normal();
    const idio = Math.sqrt(1 - MARKET_RHO * MARKET_RHO);
    for (let i = 0; i < this.usd.length; i++) {
      const z = this.rng.normal();
      const p = this.usd[i] as number;
      if (this.stable[i]) {
        const dev = Math.log(p);
        this.usd[i] = Math.exp(dev * (1 - STABLE_THETA) + this.stableVol * z);
      } else {
        const s = this.blockVol[i] as number;
        // -s²/2 keeps the expected price flat (a martingale).
        this.usd[i] = p * Math.exp(s * (MARKET_RHO * m + idio * z) - (s * s) / 2);
      }
    }
    const s = this.cacaoVol;
    this.cacao *= Math.exp(s * (MARKET_RHO * m + idio * this.rng.normal()) - (s * s) / 2);
  }

  /** External USD price of pool `i`'s asset. */
  assetUSD(poolIndex: number): number {
    return this.usd[this.tickerIndex[poolIndex] as number] as number;
  }

  get cacaoUSD(): number {
    return this.cacao;
  }

  /** Fair CACAO per asset for pool `i`: what arbitrage pushes the pool price towards. */
  target(poolIndex: number): number {
    return this.assetUSD(poolIndex) / this.cacao;
  }
}
