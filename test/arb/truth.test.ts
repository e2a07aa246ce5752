import { describe, expect, it } from 'vitest';
import { MarketSimulator } from '../../src/midgard';
import { evaluate, realisedUsd } from '../../src/arb/truth';
import { runScan, seedAnchor, simExternal, simulateWithTruth } from '../../src/arb/pipeline';
import { profileTraders, summariseBots } from '../../src/arb/bots';

describe('planted truth', () => {
  it('listening changes nothing in the feed', () => {
    const a = new MarketSimulator({ seed: 21 });
    const b = new MarketSimulator({ seed: 21 });
    let n = 0;
    b.onPlant = () => n++;
    for (let i = 0; i < 1500; i++) expect(JSON.stringify(b.next())).toBe(JSON.stringify(a.next()));
    expect(n).toBeGreaterThan(1000);
  });

  it('each planted trade is a swap of the feed, and its realised profit is what the coins say', () => {
    const { actions, truth } = simulateWithTruth({ seed: 22 }, 1500);
    const trades = truth.filter((p) => p.kind !== 'gap' && !p.refunded);
    expect(trades.length).toBeGreaterThan(20);
    for (const t of trades) {
      if (t.kind === 'gap') continue;
      const a = actions.find(
        (x) =>
          Number(x.height) === t.height && x.type === 'swap' && x.in[0]?.coins[0]?.amount === t.inAmount.toString(),
      );
      expect(a, `trade at ${t.height}`).toBeDefined();
      const out = a?.out.find((o) => o.address === t.to)?.coins[0]?.amount;
      expect(out).toBe(t.outAmount.toString());
    }
    // Arbitrageurs mostly earn (they act on gaps ≥ 35 bps or back-run ≥ 8 bps); some lose to fees or a trade ahead of them.
    const r = trades.map(realisedUsd).filter((x): x is number => x !== undefined);
    expect(r.filter((x) => x > 0).length / r.length).toBeGreaterThan(0.6);
  });

  it('scores the scanner: all planted gaps found on a simulated feed, and a scanner that misses them is caught', async () => {
    const opts = { seed: 23 };
    const { actions, truth } = simulateWithTruth(opts, 2500);
    const run = await runScan([{ chain: 'maya', anchor: seedAnchor(), actions }], {
      external: { maya: simExternal(opts) },
      fees: { inbound: false },
      minProfitUsd: 1,
      simFees: true,
    });
    const ev = evaluate(truth, run.opportunities, run.trades, run.fees, 1);
    expect(ev.all.truthPositives).toBeGreaterThan(100);
    expect(ev.all.precision).toBeGreaterThan(0.9);
    expect(ev.all.recall).toBeGreaterThan(0.9);
    expect(ev.profitError.trades).toBeGreaterThan(20);
    expect(ev.profitError.within5Pct).toBeGreaterThan(0.9);
    // Half the detections dropped: recall must fall to about a half.
    const half = evaluate(
      truth,
      run.opportunities.filter((_o, i) => i % 2 === 0),
      run.trades,
      run.fees,
      1,
    );
    expect(half.all.recall).toBeLessThan(0.7);
    // The simulator's four arbitrageurs are the traders labelled as bots.
    const bots = summariseBots(profileTraders(run.trades), truth);
    expect(bots.truth?.precision).toBe(1);
    expect(bots.truth?.recall).toBe(1);
  }, 60_000);
});
