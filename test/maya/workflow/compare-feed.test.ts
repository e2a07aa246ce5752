import { describe, expect, it } from 'vitest';
import { MAYA_UNITS } from '../../../src/maya/features/units';
import { compareFeeds, ksStatistic, quantile, summarizeFeed, totalVariation } from '../../../src/maya/workflow';
import type { MidgardAction } from '../../../src/midgard';

const action = (type: string, dateS: number, asset: string, amount: string): MidgardAction =>
  ({
    type,
    status: 'success',
    date: `${dateS}000000000`,
    height: String(100 + dateS),
    pools: [],
    in: [{ address: 'maya1x', txID: 'A', coins: [{ asset, amount }] }],
    out: [],
    metadata: {},
  }) as unknown as MidgardAction;

describe('feed comparison', () => {
  it('measures the KS statistic as the largest gap between empirical CDFs', () => {
    expect(ksStatistic([1, 2, 3], [3, 1, 2])).toBe(0);
    expect(ksStatistic([1, 2, 3], [4, 5, 6])).toBe(1);
    // CDFs at 2: 0.5 vs 0, at 3: 0.75 vs 0.25, at 4: 1 vs 0.5.
    expect(ksStatistic([1, 2, 3, 4], [3, 4, 5, 6])).toBe(0.5);
    expect(ksStatistic([], [1])).toBeNull();
  });

  it('measures the total variation distance of type mixes', () => {
    expect(totalVariation({ swap: 0.5, send: 0.5 }, { swap: 1 })).toBe(0.5);
    expect(totalVariation({ swap: 1 }, { swap: 1 })).toBe(0);
    expect(totalVariation({ swap: 1 }, { send: 1 })).toBe(1);
  });

  it('interpolates quantiles', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('summarises sizes in whole units of each asset (CACAO 1e10, others 1e8) and gaps in seconds', () => {
    const s = summarizeFeed(
      [
        action('swap', 10, 'MAYA.CACAO', '10000000000'),
        action('send', 16, 'BTC.BTC', '1000000000'),
        action('swap', 16, 'ETH.ETH', '100000'),
      ],
      MAYA_UNITS,
    );
    expect(s.typeMix).toEqual({ swap: 2 / 3, send: 1 / 3 });
    expect(s.logSizes.map((x) => +x.toFixed(9))).toEqual([0, 1, -3]);
    expect(s.interArrivalSec).toEqual([6, 0]);
    const c = compareFeeds(
      [action('swap', 1, 'BTC.BTC', '100000000')],
      [action('send', 1, 'BTC.BTC', '100000000')],
      MAYA_UNITS,
    );
    expect(c.typeMixTvd).toBe(1);
    expect(c.sizeKs).toBe(0);
    expect(c.interArrivalKs).toBeNull();
  });
});
