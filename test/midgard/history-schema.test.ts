import { describe, expect, it } from 'vitest';
import { EarningsHistorySchema, SwapHistorySchema } from '../../src/midgard';

/**
 * Shapes as THORChain's Midgard publishes them (field set of the OpenAPI `SwapHistoryItem` /
 * `EarningsHistoryItem`, values from published sample responses) and Maya's variant
 * (`cacaoPriceUSD`, no trade/secured fields).
 */
const thorSwap = {
  averageSlip: '0.5609422343856906',
  endTime: '1707782400',
  fromSecuredCount: '0',
  fromTradeAverageSlip: '0',
  fromTradeCount: '0',
  fromTradeFees: '0',
  fromTradeVolume: '0',
  fromTradeVolumeUSD: '0',
  runePriceUSD: '5.417852169697646',
  startTime: '1707696000',
  synthMintAverageSlip: '0.49173673528559003',
  synthMintCount: '3449',
  synthMintFees: '45112553937',
  synthMintVolume: '265277256225952',
  synthRedeemCount: '2810',
  toAssetAverageSlip: '258.0693641618497',
  toAssetCount: '173',
  toAssetFees: '145031601734',
  toAssetVolume: '1881241359035',
  toRuneAverageSlip: '233.01923076923077',
  toRuneCount: '104',
  toRuneFees: '119647001787',
  toRuneVolume: '1314209544908',
  totalCount: '6536',
  totalFees: '309791157458',
  totalVolume: '268472707129895',
  totalVolumeUSD: '1454525631410',
};

const earnings = {
  avgNodeCount: '4.26',
  blockRewards: '284084912428',
  bondingEarnings: '548051751804',
  earnings: '548757218710',
  endTime: '1616117269',
  liquidityEarnings: '705466906',
  liquidityFees: '264672306282',
  pools: [
    {
      assetLiquidityFees: '24294631802',
      earnings: '73093367',
      pool: 'BNB.BUSD-74E',
      rewards: '-4109012975',
      runeLiquidityFees: '168',
      totalLiquidityFeesRune: '4182106342',
    },
    {
      assetLiquidityFees: '17717934',
      earnings: '24891370',
      pool: 'ETH.ETH',
      rewards: '-17369398420',
      runeLiquidityFees: '13752726654',
      totalLiquidityFeesRune: '17394289790',
      saverEarning: '0',
    },
  ],
  runePriceUSD: '5.4',
  startTime: '1615526787',
};

describe('Midgard history schemas', () => {
  it('accept THORChain and Maya swap history and keep every field', () => {
    const thor = SwapHistorySchema.parse({ intervals: [thorSwap], meta: thorSwap });
    expect(thor.intervals[0]).toEqual(thorSwap);
    const {
      runePriceUSD: _price,
      fromSecuredCount: _s,
      fromTradeAverageSlip: _a,
      fromTradeCount: _c,
      fromTradeFees: _f,
      fromTradeVolume: _v,
      fromTradeVolumeUSD: _u,
      ...common
    } = thorSwap;
    const maya = { ...common, cacaoPriceUSD: '0.62' };
    expect(SwapHistorySchema.parse({ intervals: [maya], meta: maya }).meta).toEqual(maya);
  });

  it('accept earnings with negative pool rewards and keep every field', () => {
    expect(EarningsHistorySchema.parse({ intervals: [earnings], meta: earnings }).intervals[0]).toEqual(earnings);
  });

  it('refuse what would make a number up: missing totals, decimals in base units, signs on counts', () => {
    const bad = (patch: Record<string, unknown>) =>
      SwapHistorySchema.safeParse({ intervals: [{ ...thorSwap, ...patch }], meta: thorSwap }).success;
    expect(bad({})).toBe(true);
    expect(bad({ totalVolume: undefined })).toBe(false);
    expect(bad({ totalVolume: '12.5' })).toBe(false);
    expect(bad({ totalCount: '-1' })).toBe(false);
    expect(bad({ startTime: 1707696000 })).toBe(false);
    expect(
      EarningsHistorySchema.safeParse({ intervals: [{ ...earnings, liquidityFees: '' }], meta: earnings }).success,
    ).toBe(false);
  });
});
