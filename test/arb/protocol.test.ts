import { describe, expect, it } from 'vitest';
import type { MidgardAction } from '../../src/midgard';
import type { ExternalPrices } from '../../src/arb/external';
import { protocolMetrics } from '../../src/arb/protocol';

const fixed: ExternalPrices = {
  name: 'fixed',
  at: () => undefined,
  usd: (_c, a) => (a === 'MAYA.CACAO' ? 0.6 : a === 'BTC.BTC' ? 60_000 : undefined),
};

function swapBtc(height: number, dateMs: number, paidCacao: bigint): MidgardAction {
  return {
    date: String(BigInt(dateMs) * 1_000_000n),
    height: String(height),
    in: [{ address: 'bc1qtrader', coins: [{ asset: 'BTC.BTC', amount: '100000000' }], txID: `T${height}` }],
    out: [
      {
        address: 'maya1trader',
        coins: [{ asset: 'MAYA.CACAO', amount: paidCacao.toString() }],
        txID: '',
        height: String(height),
      },
    ],
    metadata: {
      swap: {
        liquidityFee: '1000000000000',
        swapSlip: '99',
        swapTarget: '0',
        networkFees: [],
        memo: '=:MAYA.CACAO:maya1trader',
      },
    },
    pools: ['BTC.BTC'],
    status: 'success',
    type: 'swap',
  };
}

describe('protocol metrics', () => {
  it('aggregates a hand-built day: volume, fees, depth, APY, utilisation and impermanent loss', async () => {
    // Pool: 100 BTC against 10,000,000 CACAO; BTC $60,000, CACAO $0.60 (the pool is at the external price).
    const anchor = [
      { chain: 'maya' as const, asset: 'BTC.BTC', assetDepth: 100n * 10n ** 8n, nativeDepth: 10_000_000n * 10n ** 10n },
    ];
    // Two swaps of 1 BTC each paying 95,000 and 93,000 CACAO (the amounts are the action's, not recomputed).
    const t = Date.parse('2024-09-20T10:00:00Z');
    const actions = [swapBtc(1, t, 95_000n * 10n ** 10n), swapBtc(2, t + 60_000, 93_000n * 10n ** 10n)];
    const m = await protocolMetrics('maya', anchor, actions, { external: fixed });
    expect(m.pools).toHaveLength(1);
    const d = m.pools[0]!;
    expect(d.date).toBe('2024-09-20');
    expect(d.swaps).toBe(2);
    expect(d.volumeUsd).toBeCloseTo(120_000, 6); // 2 BTC in at $60,000
    expect(d.liquidityFeeUsd).toBeCloseTo(2 * 100 * 0.6, 6); // 100 CACAO each at $0.60
    // End depths: 102 BTC and 10,000,000 − 188,000 CACAO.
    const depth = 102 * 60_000 + 9_812_000 * 0.6;
    expect(d.depthUsd).toBeCloseTo(depth, 4);
    expect(d.utilisation).toBeCloseTo(120_000 / depth, 9);
    expect(d.apy).toBeCloseTo((1 + 120 / depth) ** 365 - 1, 9);
    // Over the day: 100,000 CACAO per BTC before the first swap, 9,812,000/102 after the last; k = their ratio.
    const k = 9_812_000 / 102 / 100_000;
    expect(d.impermanentLoss).toBeCloseTo((2 * Math.sqrt(k)) / (1 + k) - 1, 9);
    expect(d.priceDeviationBps).toBeGreaterThan(0);
    expect(m.totals[0]?.volumeUsd).toBeCloseTo(120_000, 6);
  });
});
