import { describe, expect, it } from 'vitest';
import { poolPriceBars } from '../../src/market';
import type { MidgardAction } from '../../src/midgard';

const ns = (iso: string) => String(BigInt(Date.parse(iso)) * 1_000_000n);
const swap = (
  iso: string,
  inCoin: [string, string],
  outCoin: [string, string],
  pools = ['BTC.BTC'],
  status = 'success',
): MidgardAction =>
  ({
    date: ns(iso),
    height: '1',
    status,
    type: 'swap',
    pools,
    metadata: {},
    in: [{ address: 'a', coins: [{ asset: inCoin[0], amount: inCoin[1] }], txID: `in-${iso}` }],
    out: [{ address: 'b', coins: [{ asset: outCoin[0], amount: outCoin[1] }], txID: 'y' }],
  }) as MidgardAction;

describe('pool price bars from swaps', () => {
  it('builds OHLC in native units per asset from both swap directions, native volume, gaps reported', async () => {
    const actions = [
      // 0.1 BTC in, 2,000 RUNE out: 20,000 RUNE/BTC.
      swap('2024-03-01T01:00:00Z', ['BTC.BTC', '10000000'], ['THOR.RUNE', '200000000000']),
      // 1,050 RUNE in for 0.05 synth BTC: 21,000.
      swap('2024-03-01T05:00:00Z', ['THOR.RUNE', '105000000000'], ['BTC/BTC', '5000000']),
      // 0.2 BTC for 3,900 RUNE: 19,500.
      swap('2024-03-01T09:00:00Z', ['BTC.BTC', '20000000'], ['THOR.RUNE', '390000000000']),
      // Ignored: a refund, a two-pool swap, another pool.
      swap('2024-03-01T10:00:00Z', ['BTC.BTC', '1'], ['THOR.RUNE', '999999999999'], ['BTC.BTC'], 'refund'),
      swap('2024-03-01T11:00:00Z', ['BTC.BTC', '1'], ['ETH.ETH', '5'], ['BTC.BTC', 'ETH.ETH']),
      swap('2024-03-03T02:00:00Z', ['THOR.RUNE', '200000000000'], ['BTC.BTC', '10000000']),
    ];
    const s = await poolPriceBars(actions, { pool: 'BTC.BTC', native: 'THOR.RUNE', interval: 'day' });
    expect(s.bars).toEqual([
      { date: '2024-03-01', open: 20000, high: 21000, low: 19500, close: 19500, volume: 2000 + 1050 + 3900 },
      { date: '2024-03-03', open: 20000, high: 20000, low: 20000, close: 20000, volume: 2000 },
    ]);
    expect(s.report.gaps).toEqual([{ after: '2024-03-01', before: '2024-03-03', missingDays: 1 }]);
    const hourly = await poolPriceBars(actions, { pool: 'BTC.BTC', native: 'THOR.RUNE', interval: 'hour' });
    expect(hourly.bars.map((b) => b.date)).toEqual([
      '2024-03-01T01:00',
      '2024-03-01T05:00',
      '2024-03-01T09:00',
      '2024-03-03T02:00',
    ]);
  });
  it('counts a split inbound transaction once: inputs add up, the shared outputs count once', async () => {
    // As Midgard reports an affiliate split: 0.01 and 0.99 BTC from one inbound tx, each listing both outputs.
    const outs = [
      { address: 'user', coins: [{ asset: 'THOR.RUNE', amount: '1980000000000' }], txID: '' },
      { address: 'affiliate', coins: [{ asset: 'THOR.RUNE', amount: '20000000000' }], txID: '' },
    ];
    const part = (amount: string) =>
      ({ ...swap('2024-03-01T01:00:00Z', ['BTC.BTC', amount], ['THOR.RUNE', '0']), out: outs }) as MidgardAction;
    const s = await poolPriceBars([part('1000000'), part('99000000')], {
      pool: 'BTC.BTC',
      native: 'THOR.RUNE',
      interval: 'day',
    });
    // 1 BTC in, 19,800 + 200 RUNE out: 20,000 RUNE/BTC (not 2,000,000 for the 0.01 BTC part alone).
    expect(s.bars[0]?.close).toBe(20000);
    expect(s.bars[0]?.volume).toBe(20000);
  });
  it("uses CACAO's 1e10 base units on Maya", async () => {
    const s = await poolPriceBars(
      [swap('2024-03-01T01:00:00Z', ['BTC.BTC', '100000000'], ['MAYA.CACAO', '1000000000000000'], ['BTC.BTC'])],
      { pool: 'BTC.BTC', native: 'MAYA.CACAO', interval: 'day' },
    );
    expect(s.bars[0]?.close).toBe(100000);
  });
});
