import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvExternal } from '../../src/arb/external';
import { FeeBook } from '../../src/arb/fees';
import { externalOpportunity, pairsOf, twoLeg, type PoolDepth } from '../../src/arb/opportunity';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();
const noFees = () => {
  const f = new FeeBook({ inbound: false, minSlipBps: { maya: 0, thorchain: 0 } });
  for (const a of ['MAYA.CACAO', 'BTC.BTC', 'THOR.RUNE']) {
    f.prime('maya', a, 0n);
    f.prime('thorchain', a, 0n);
  }
  return f;
};

// BTC pool on Maya: 100 BTC (1e8 units) against 10,000,000 CACAO (1e10 units): 100,000 CACAO per BTC.
const maya: PoolDepth = {
  chain: 'maya',
  asset: 'BTC.BTC',
  assetDepth: 100n * 10n ** 8n,
  nativeDepth: 10_000_000n * 10n ** 10n,
};

describe('pool vs external', () => {
  it("reads the gap from depths in each chain's units and sells the asset where the pool overprices it", () => {
    // CACAO $0.60 → pool BTC = $60,000; external BTC $59,400: the pool is 1.0101% dear.
    const usd = (_c: string, a: string) => (a === 'MAYA.CACAO' ? 0.6 : 59_400);
    const o = externalOpportunity(maya, { usd, fees: noFees() }, 1, 'start');
    expect(o?.gapBps).toBeCloseTo((60_000 / 59_400 - 1) * 10000, 6);
    expect(o?.inAsset).toBe('BTC.BTC');
    // No fees beyond the CLP's: a small gap g earns about depth·g²/8 … here $6M of BTC side · (0.0101)²/8 ≈ $76 (order check).
    expect(o?.profitUsd).toBeGreaterThan(40);
    expect(o?.profitUsd).toBeLessThan(110);
  });

  it('fixed fees decide whether the best trade pays, without moving its size', () => {
    const usd = (_c: string, a: string) => (a === 'MAYA.CACAO' ? 0.6 : 59_400);
    const free = externalOpportunity(maya, { usd, fees: noFees() }, 1, 'start');
    // An outbound fee worth $1,000 in CACAO (1,000 / 0.6 CACAO).
    const costly = new FeeBook({ inbound: false, minSlipBps: { maya: 0, thorchain: 0 } });
    costly.prime('maya', 'MAYA.CACAO', BigInt(Math.round((1000 / 0.6) * 1e10)));
    const paid = externalOpportunity(maya, { usd, fees: costly }, 1, 'start');
    expect(paid?.inAmount).toBe(free?.inAmount);
    expect((free?.profitUsd ?? 0) - (paid?.profitUsd ?? 0)).toBeCloseTo(1000, 3);
  });
});

describe('two legs', () => {
  it('buys BTC where it is cheap and sells it on the other chain (cross), and pairs only equivalents', () => {
    // THORChain: 100 BTC vs 1,200,000 RUNE (1e8): 12,000 RUNE per BTC; RUNE $5.10 → BTC $61,200 there vs $60,000 on Maya.
    const thor: PoolDepth = {
      chain: 'thorchain',
      asset: 'BTC.BTC',
      assetDepth: 100n * 10n ** 8n,
      nativeDepth: 1_200_000n * 10n ** 8n,
    };
    const usd = (_c: string, a: string) => (a === 'MAYA.CACAO' ? 0.6 : a === 'THOR.RUNE' ? 5.1 : 60_000);
    const o = twoLeg('cross', maya, thor, { usd, fees: noFees() }, 1, 'start');
    expect(o?.inAsset).toBe('MAYA.CACAO');
    expect(o?.outAsset).toBe('THOR.RUNE');
    expect(o?.gapBps).toBeCloseTo(200, 6);
    expect(o?.profitUsd).toBeGreaterThan(0);
    const pairs = pairsOf([maya, thor, { ...maya, asset: 'ETH.ETH' }, { ...maya, asset: 'ARB.ETH' }]);
    expect(pairs).toEqual([
      { kind: 'cross', a: 0, b: 1 },
      { kind: 'triangle', a: 2, b: 3 },
    ]);
  });
});

describe('external prices from CSV', () => {
  it('holds each price until the next, by full asset or ticker; bad rows are named', () => {
    const f = join(tmp(), 'p.csv');
    writeFileSync(
      f,
      'time,asset,usd\n2024-09-20T00:00:00Z,BTC,60000\n2024-09-20T00:10:00Z,BTC,61000\n1726790400,ETH.ETH,2500\n',
    );
    const x = new CsvExternal(f);
    x.at(1, BigInt(Date.parse('2024-09-20T00:05:00Z')) * 1_000_000n);
    expect(x.usd('maya', 'BTC.BTC')).toBe(60000);
    expect(x.usd('thorchain', 'ETH.ETH')).toBe(2500);
    expect(x.usd('maya', 'ARB.ETH')).toBeUndefined();
    x.at(2, BigInt(Date.parse('2024-09-20T00:10:00Z')) * 1_000_000n);
    expect(x.usd('maya', 'BTC.BTC')).toBe(61000);
    const bad = join(tmp(), 'bad.csv');
    writeFileSync(bad, 'time,asset,usd\nyesterday,BTC,-1\n');
    expect(() => new CsvExternal(bad)).toThrow(/line 2/);
  });
});

describe('held external prices', () => {
  it('sim:SEED@N refreshes the walk every N blocks and holds it in between', async () => {
    const { openExternal, SimExternal } = await import('../../src/arb/external');
    const held = openExternal('sim:3@10');
    const exact = new SimExternal({ seed: 3 });
    const h0 = 7_861_338;
    held.at(h0, 0n);
    exact.at(h0);
    const first = held.usd('maya', 'BTC.BTC');
    expect(first).toBe(exact.usd('maya', 'BTC.BTC'));
    for (let h = h0 + 1; h < h0 + 10; h++) {
      held.at(h, 0n);
      expect(held.usd('maya', 'BTC.BTC')).toBe(first);
    }
    held.at(h0 + 10, 0n);
    exact.at(h0 + 10);
    expect(held.usd('maya', 'BTC.BTC')).toBe(exact.usd('maya', 'BTC.BTC'));
    expect(held.usd('maya', 'BTC.BTC')).not.toBe(first);
  });
});

describe('two-leg search', () => {
  it('finds at least the best input of a brute-force grid over the whole first pool', async () => {
    const { legOutput } = await import('../../src/arb/clp');
    const usd = (_c: string, a: string) => (a === 'MAYA.CACAO' ? 0.6 : a === 'THOR.RUNE' ? 5 : 60_000);
    for (const runeDepth of [1_150_000n, 1_250_000n, 2_000_000n, 4_000_000n]) {
      const thor: PoolDepth = {
        chain: 'thorchain',
        asset: 'BTC.BTC',
        assetDepth: 100n * 10n ** 8n,
        nativeDepth: runeDepth * 10n ** 8n,
      };
      const o = twoLeg('cross', maya, thor, { usd, fees: noFees() }, 1, 'start');
      // Independent check: profit of CACAO → BTC (Maya) → RUNE (THORChain) on a grid of inputs.
      const l1 = { X: maya.nativeDepth, Y: maya.assetDepth, minSlipBps: 0 };
      const l2 = { X: thor.assetDepth, Y: thor.nativeDepth, minSlipBps: 0 };
      let best = 0;
      for (let i = 1; i <= 4000; i++) {
        const x = (maya.nativeDepth * BigInt(i)) / 4000n;
        best = Math.max(best, Number(legOutput(legOutput(x, l1), l2)) * 5e-8 - Number(x) * 0.6e-10);
      }
      expect(o?.profitUsd ?? 0, `RUNE depth ${runeDepth}`).toBeGreaterThanOrEqual(best * 0.9999);
    }
  });
});
