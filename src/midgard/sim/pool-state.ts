import type { MidgardPool } from '../schema';
import { NATIVE_ASSET, TOKEN_FEE_RATIO, assetDecimals, chainInfo, chainOf } from './assets';
import { addLiquidityUnits, poolShare, swapLeg, type Depths, type LegResult } from './clp';
import type { SeedPool } from './seed-pools';

/**
 * Mutable pool depths. Every change goes through the methods below, so depths move exactly by
 * what enters and leaves a pool (amounts are bigint base units: asset 1e8, CACAO 1e10).
 */
export interface PoolState {
  readonly asset: string;
  /** Asset side, 1e8 base units. */
  assetDepth: bigint;
  /** CACAO side, 1e10 base units. */
  cacaoDepth: bigint;
  /** LP units. */
  units: bigint;
  readonly nativeDecimal: number;
  readonly stable: boolean;
  /** 10^(asset decimals − CACAO decimals): turns a base-unit depth ratio into a whole-unit price. */
  readonly scale: number;
  /** Swap volume in CACAO over the trailing day: ring of (height, amount) and its running sum. */
  volHeights: number[];
  volAmounts: bigint[];
  volStart: number;
  volSum: bigint;
}

/** Stablecoins Midgard could price CACAO with (its USD-pool whitelist). */
export function isStable(asset: string): boolean {
  return /\.(USDT|USDC|USK|DAI)\b/.test(asset);
}

/** CACAO per 1 asset (whole units), from depths: (cacao / 1e10) / (asset / 1e8). */
export function poolPrice(p: Depths, asset: string): number {
  if (p.asset === 0n) return 0;
  const scale = 10 ** (assetDecimals(asset) - assetDecimals(NATIVE_ASSET));
  return (Number(p.cacao) / Number(p.asset)) * scale;
}

export class PoolBook {
  readonly list: PoolState[];
  /** CACAO volume of every final swap leg so far (all pools): deltas of it measure one swap. */
  volumeTotal = 0n;
  private readonly byAsset = new Map<string, PoolState>();

  constructor(
    seed: readonly SeedPool[],
    /** Blocks in the trailing `volume24h` window. */
    private readonly dayBlocks: number,
  ) {
    this.list = seed.map((s) => ({
      asset: s.asset,
      assetDepth: s.assetDepth,
      cacaoDepth: s.runeDepth,
      units: s.units,
      nativeDecimal: s.nativeDecimal,
      stable: isStable(s.asset),
      scale: 10 ** (assetDecimals(s.asset) - assetDecimals(NATIVE_ASSET)),
      volHeights: [],
      volAmounts: [],
      volStart: 0,
      volSum: 0n,
    }));
    for (const p of this.list) this.byAsset.set(p.asset, p);
  }

  get(asset: string): PoolState {
    const p = this.byAsset.get(asset);
    if (!p) throw new Error(`sim: no pool ${asset}`);
    return p;
  }

  /** Asset in, CACAO out. Applies the full leg output; the caller pays it out. */
  sellAsset(p: PoolState, x: bigint): LegResult {
    const r = swapLeg(x, p.assetDepth, p.cacaoDepth);
    p.assetDepth += x;
    p.cacaoDepth -= r.output;
    return r;
  }

  /** CACAO in, asset out. */
  buyAsset(p: PoolState, x: bigint): LegResult {
    const r = swapLeg(x, p.cacaoDepth, p.assetDepth);
    p.cacaoDepth += x;
    p.assetDepth -= r.output;
    return r;
  }

  /** Adds amounts that stay in the pool (outbound fees kept back, withdraw-request dust). */
  credit(p: PoolState, asset: bigint, cacao: bigint): void {
    p.assetDepth += asset;
    p.cacaoDepth += cacao;
  }

  /** Deposits both sides (either may be 0) and returns the units minted. */
  addLiquidity(p: PoolState, cacao: bigint, asset: bigint): bigint {
    const units = addLiquidityUnits(p.units, p.cacaoDepth, p.assetDepth, cacao, asset);
    p.cacaoDepth += cacao;
    p.assetDepth += asset;
    p.units += units;
    return units;
  }

  /** Burns `units` and takes their share of both sides out of the pool. */
  removeLiquidity(p: PoolState, units: bigint): Depths {
    const share = poolShare(units, p.units, { asset: p.assetDepth, cacao: p.cacaoDepth });
    p.units -= units;
    p.assetDepth -= share.asset;
    p.cacaoDepth -= share.cacao;
    return share;
  }

  recordVolume(p: PoolState, cacao: bigint, height: number): void {
    p.volHeights.push(height);
    p.volAmounts.push(cacao);
    p.volSum += cacao;
    this.volumeTotal += cacao;
    this.trimVolume(p, height);
  }

  private trimVolume(p: PoolState, height: number): void {
    const cutoff = height - this.dayBlocks;
    while (p.volStart < p.volHeights.length && (p.volHeights[p.volStart] as number) <= cutoff) {
      p.volSum -= p.volAmounts[p.volStart] as bigint;
      p.volStart++;
    }
    if (p.volStart > 4096 && p.volStart * 2 > p.volHeights.length) {
      p.volHeights = p.volHeights.slice(p.volStart);
      p.volAmounts = p.volAmounts.slice(p.volStart);
      p.volStart = 0;
    }
  }

  /** CACAO per asset (whole units). */
  price(p: PoolState): number {
    return p.assetDepth === 0n ? 0 : (Number(p.cacaoDepth) / Number(p.assetDepth)) * p.scale;
  }

  /** USD per CACAO as Midgard derives it: from the deepest stablecoin pool. */
  cacaoPriceUSD(): number {
    let best: PoolState | undefined;
    for (const p of this.list) if (p.stable && (!best || p.cacaoDepth > best.cacaoDepth)) best = p;
    if (!best) throw new Error('sim: no stablecoin pool to price CACAO in USD');
    return 1 / this.price(best);
  }

  /** USD per whole unit of `asset` (CACAO included). */
  priceUSD(asset: string, cacaoUSD = this.cacaoPriceUSD()): number {
    return asset === NATIVE_ASSET ? cacaoUSD : this.price(this.get(asset)) * cacaoUSD;
  }

  /** Outbound fee in `asset` base units: the chain's gas fee; tokens pay its value through the pools (gas → CACAO → token). */
  outboundFee(asset: string): bigint {
    const info = chainInfo(chainOf(asset));
    if (asset === info.gasAsset) return info.gasFee;
    const gas = this.get(info.gasAsset);
    const p = this.get(asset);
    const [num, den] = TOKEN_FEE_RATIO;
    return (info.gasFee * gas.cacaoDepth * p.assetDepth * num) / (gas.assetDepth * p.cacaoDepth * den);
  }

  /** The outbound fee of `asset` in USD. */
  feeUSD(asset: string): number {
    return (Number(this.outboundFee(asset)) / 10 ** assetDecimals(asset)) * this.priceUSD(asset);
  }

  /** Depths of some pools, to undo a tentative swap exactly (a refunded swap leaves pools unchanged). */
  save(pools: readonly PoolState[]): () => void {
    const saved = pools.map((p) => [p.assetDepth, p.cacaoDepth] as const);
    return () => {
      pools.forEach((p, i) => {
        const s = saved[i] as readonly [bigint, bigint];
        p.assetDepth = s[0];
        p.cacaoDepth = s[1];
      });
    };
  }

  /** The pools as Midgard's `/v2/pools` shows them at `height`. */
  snapshot(height: number): MidgardPool[] {
    const usd = this.cacaoPriceUSD();
    return this.list.map((p) => {
      this.trimVolume(p, height);
      const price = this.price(p);
      return {
        asset: p.asset,
        assetDepth: p.assetDepth.toString(),
        assetPrice: String(price),
        assetPriceUSD: String(price * usd),
        liquidityUnits: p.units.toString(),
        nativeDecimal: String(p.nativeDecimal),
        runeDepth: p.cacaoDepth.toString(),
        status: 'available',
        synthSupply: '0',
        synthUnits: '0',
        units: p.units.toString(),
        volume24h: p.volSum.toString(),
      };
    });
  }
}
