/**
 * The pools the simulator starts from: nine available Maya pools copied from a real Maya Midgard
 * `/v2/pools` response (shared fixture `midgard/maya-pools.json`, a snapshot from around
 * September 2024, when BTC traded near $63.6k). Depths are Midgard base units (asset 1e8,
 * CACAO 1e10). `units` is the fixture's `liquidityUnits`: the simulator runs without synths, so
 * LP units are all the pool units. `priceUSD` is the fixture's `assetPriceUSD`.
 */
export interface SeedPool {
  asset: string;
  /** Asset depth, 1e8 base units. */
  assetDepth: bigint;
  /** CACAO depth, 1e10 base units (Midgard keeps the name `runeDepth` on Maya). */
  runeDepth: bigint;
  /** Liquidity-provider units. */
  units: bigint;
  priceUSD: number;
  /** Decimals of the asset on its own chain, as Midgard's `nativeDecimal` ("-1" when unknown). */
  nativeDecimal: number;
}

export const SEED_POOLS: readonly SeedPool[] = [
  {
    asset: 'BTC.BTC',
    assetDepth: 10029992792n,
    runeDepth: 109449889899897406n,
    units: 147813428905131562n,
    priceUSD: 63618.48227701668,
    nativeDecimal: 8,
  },
  {
    asset: 'ETH.ETH',
    assetDepth: 105089559803n,
    runeDepth: 47484537244916843n,
    units: 81545036224479115n,
    priceUSD: 2634.2757447136787,
    nativeDecimal: 18,
  },
  {
    asset: 'THOR.RUNE',
    assetDepth: 190478326683969n,
    runeDepth: 153262925784069896n,
    units: 181806596805040544n,
    priceUSD: 4.690942836798391,
    nativeDecimal: -1,
  },
  {
    asset: 'DASH.DASH',
    assetDepth: 911989668645n,
    runeDepth: 4025957231338525n,
    units: 3286158126131687n,
    priceUSD: 25.73640216910703,
    nativeDecimal: -1,
  },
  {
    asset: 'KUJI.KUJI',
    assetDepth: 57301952579387n,
    runeDepth: 3048232286475873n,
    units: 4699981403343095n,
    priceUSD: 0.31013246698985747,
    nativeDecimal: -1,
  },
  {
    asset: 'ETH.USDC-0XA0B86991C6218B36C1D19D4A2E9EB0CE3606EB48',
    assetDepth: 16849797588389n,
    runeDepth: 2890187991288198n,
    units: 4649451454129796n,
    priceUSD: 0.9999999999999999,
    nativeDecimal: 6,
  },
  {
    asset: 'ETH.USDT-0XDAC17F958D2EE523A2206206994597C13D831EC7',
    assetDepth: 5182691759638n,
    runeDepth: 898016730513668n,
    units: 1493675491164086n,
    priceUSD: 1.0101773901646753,
    nativeDecimal: 6,
  },
  {
    asset: 'ARB.ETH',
    assetDepth: 2032477312n,
    runeDepth: 921123186815934n,
    units: 664510336038319n,
    priceUSD: 2642.1690697851186,
    nativeDecimal: -1,
  },
  {
    asset: 'ARB.USDC-0XAF88D065E77C8CC2239327C5EDB3A432268E5831',
    assetDepth: 1870491795454n,
    runeDepth: 321474446892892n,
    units: 188485357370556n,
    priceUSD: 1.0019804459001522,
    nativeDecimal: -1,
  },
];

/**
 * CACAO's USD price in that snapshot: every fixture pool gives assetPriceUSD / assetPrice =
 * 0.5830000553313075 (Midgard prices all pools with one CACAO/USD rate).
 */
export const SEED_CACAO_PRICE_USD = 0.5830000553313075;

/** Height and date of a real Maya action from the same weeks (fixture `maya-actions-b.json`). */
export const SEED_HEIGHT = 7_861_337;
export const SEED_DATE_NS = 1_726_832_784_224_971_813n;
