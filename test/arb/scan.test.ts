import { describe, expect, it } from 'vitest';
import { SEED_HEIGHT, simulateActions, type MidgardAction } from '../../src/midgard';
import { SimExternal, type ExternalPrices } from '../../src/arb/external';
import { FeeBook } from '../../src/arb/fees';
import { externalOpportunity, type PoolDepth } from '../../src/arb/opportunity';
import { runScan, seedAnchor } from '../../src/arb/pipeline';
import type { Chain } from '../../src/arb/units';

/** A THORChain-shaped twin of a simulated feed: RUNE for CACAO (the numbers stay CACAO-sized, so RUNE is priced per 1e10). */
function twin(seed: number, blocks: number): MidgardAction[] {
  const out: MidgardAction[] = [];
  for (const a of simulateActions({ seed }, 5000)) {
    if (Number(a.height) > SEED_HEIGHT + blocks) break;
    out.push(JSON.parse(JSON.stringify(a).replace(/MAYA\.CACAO/g, 'THOR.RUNE')) as MidgardAction);
  }
  return out;
}

class TwinPrices implements ExternalPrices {
  readonly name = 'twin';
  private readonly inner: SimExternal;
  constructor(seed: number) {
    this.inner = new SimExternal({ seed });
  }
  at(h: number): void {
    this.inner.at(h);
  }
  usd(_c: Chain, a: string): number | undefined {
    return a === 'THOR.RUNE' ? (this.inner.usd('maya', 'MAYA.CACAO') ?? 0) / 100 : this.inner.usd('maya', a);
  }
}

describe('scanning two chains', () => {
  it('interleaves the feeds by date and prices the same asset across chains at the same moment', async () => {
    const maya = [...simulateActions({ seed: 1 }, 5000)].filter((a) => Number(a.height) <= SEED_HEIGHT + 300);
    const thor = twin(2, 300);
    const run = await runScan(
      [
        { chain: 'maya', anchor: seedAnchor(), actions: maya },
        { chain: 'thorchain', anchor: seedAnchor().map((p) => ({ ...p, chain: 'thorchain' as const })), actions: thor },
      ],
      {
        external: { maya: new SimExternal({ seed: 1 }), thorchain: new TwinPrices(2) },
        fees: { inbound: false },
        minProfitUsd: 1,
        simFees: true,
      },
    );
    const cross = run.opportunities.filter((o) => o.kind === 'cross');
    expect(cross.length).toBeGreaterThan(0);
    for (const o of cross) {
      const [a, b] = o.pools.map((p) => p.split('|'));
      expect(a?.[1]).toBe(b?.[1]);
      expect(a?.[0]).not.toBe(b?.[0]);
      expect(o.profitUsd).toBeGreaterThanOrEqual(1);
    }
    // Every block of both chains was evaluated: 9 pools × 300 blocks each (± the first block).
    expect(run.poolBlocks).toBeGreaterThanOrEqual(2 * 9 * 299);
  });
});

describe('streaming alternative', () => {
  it('on a large gap, sub-swaps with the pool recovering between them earn more than one swap', () => {
    // 100 BTC vs 10M CACAO ($60,000 a BTC at $0.60) against an external $66,000: a 10% gap.
    const p: PoolDepth = {
      chain: 'maya',
      asset: 'BTC.BTC',
      assetDepth: 100n * 10n ** 8n,
      nativeDepth: 10_000_000n * 10n ** 10n,
    };
    const usd = (_c: string, a: string) => (a === 'MAYA.CACAO' ? 0.6 : 66_000);
    const o = externalOpportunity(
      p,
      { usd, fees: new FeeBook(), streaming: { quantity: 5, recovery: 0.5 } },
      1,
      'start',
    );
    expect(o?.inAsset).toBe('MAYA.CACAO');
    expect(o?.streaming?.quantity).toBe(5);
    expect(o?.streaming?.profitUsd ?? 0).toBeGreaterThan(o?.profitUsd ?? Infinity);
  });
});
