import { EMA, RSI, SMA } from 'trading-signals';
import { createRng, geometricRandomWalk, repoPath } from '../core';
import { QUICK } from './config';
import { evaluateMany } from './run';
import { loadPriceCsv } from './prices';

/** Bars per second of one trading-signals indicator fed bar by bar (the way computeIndicators feeds it). */
function throughput(closes: readonly number[], make: () => { add(x: number): unknown }): number {
  const ind = make();
  const t0 = performance.now();
  for (const c of closes) ind.add(c);
  return Math.round(closes.length / ((performance.now() - t0) / 1000));
}

/**
 * `bench --only market`: indicator throughput on 1,000,000 synthetic bars (SMA 20, EMA 20,
 * RSI 14; target ≥ 1M bars/s each) and the demo's quick walk-forward evaluation of the four
 * coins with every model (target < 60 s), with each model's p50 latency for one prediction.
 */
export async function benchMarket(opts: { bars?: number; horizons?: number[] } = {}): Promise<object> {
  const n = opts.bars ?? 1_000_000;
  const closes = geometricRandomWalk(createRng(1), { steps: n, start: 100, drift: 0, volatility: 0.02 });
  const indicators = {
    bars: n,
    smaBarsPerSec: throughput(closes, () => new SMA(20)),
    emaBarsPerSec: throughput(closes, () => new EMA(20)),
    rsiBarsPerSec: throughput(closes, () => new RSI(14)),
  };
  const series = ['BTC', 'ETH', 'LTC', 'XPR'].map((c) =>
    loadPriceCsv(repoPath('data', 'fixtures', 'prices', `${c}-daily.csv`)),
  );
  const horizons = opts.horizons ?? [1];
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const run = await evaluateMany(series, horizons, QUICK);
  const cpu = process.cpuUsage(cpu0);
  const latency: Record<string, number> = {};
  for (const c of run.coins)
    for (const m of c.models) latency[m.model] = Math.max(latency[m.model] ?? 0, m.latencyMsP50);
  return {
    indicators,
    evaluation: {
      coins: series.map((s) => s.symbol),
      horizons,
      settings: 'QUICK (3 walk-forward folds, window 10, 3 epochs, hidden 8, 500 bootstrap samples)',
      wallSeconds: Math.round((performance.now() - t0) / 100) / 10,
      cpuSeconds: Math.round((cpu.user + cpu.system) / 1e5) / 10,
      backend: run.backend?.backend ?? null,
      worstLatencyMsP50ByModel: latency,
      bestAccuracy: run.verdict.best,
    },
  };
}
