import { loadTfjs, type TfjsBackendInfo } from '../core';
import { EvaluateConfigSchema, type EvaluateConfig, type EvaluateConfigInput } from './config';
import { evaluateSeries, type CoinEvaluation } from './evaluate';
import type { PriceSeries } from './prices';

/** The claim the strategy document makes, tested against every coin, horizon and model. */
export const CLAIMED_ACCURACY = 0.75;

export interface ClaimVerdict {
  claimed: number;
  best: { symbol: string; horizon: number; model: string; accuracy: number; lo: number; hi: number } | null;
  /** Any model whose 95% interval reaches the claimed accuracy. */
  reachesClaim: { symbol: string; horizon: number; model: string }[];
  /** Non-baseline models beating 50% (binomial p < 0.05) and their best baseline (McNemar p < 0.05). */
  beats50: { symbol: string; horizon: number; model: string; accuracy: number; pValue: number }[];
  beatsBaseline: { symbol: string; horizon: number; model: string; pValue: number }[];
}

/**
 * One evaluation run as a record a model registry can store: params, flat metrics, artifacts
 * (files relative to the run folder), plus the full per-coin results.
 */
export interface EvaluationRun {
  kind: 'market-evaluation';
  params: EvaluateConfig & { horizons: number[]; inputs: string[] };
  metrics: Record<string, number>;
  artifacts: Record<string, string>;
  coins: CoinEvaluation[];
  backend: TfjsBackendInfo | null;
  verdict: ClaimVerdict;
  startedAt: string;
  finishedAt: string;
}

export function claimVerdict(coins: readonly CoinEvaluation[]): ClaimVerdict {
  const rows = coins.flatMap((c) => c.models.map((m) => ({ c, m })));
  const best = [...rows].sort((a, b) => b.m.metrics.accuracy.estimate - a.m.metrics.accuracy.estimate)[0];
  const key = (c: CoinEvaluation, model: string) => ({ symbol: c.symbol, horizon: c.horizon, model });
  return {
    claimed: CLAIMED_ACCURACY,
    best: best
      ? {
          ...key(best.c, best.m.model),
          accuracy: best.m.metrics.accuracy.estimate,
          lo: best.m.metrics.accuracy.lo,
          hi: best.m.metrics.accuracy.hi,
        }
      : null,
    reachesClaim: rows.filter(({ m }) => m.metrics.accuracy.hi >= CLAIMED_ACCURACY).map(({ c, m }) => key(c, m.model)),
    beats50: rows
      .filter(({ m }) => !m.baseline && m.metrics.accuracy.estimate > 0.5 && m.metrics.binomial.pValue < 0.05)
      .map(({ c, m }) => ({
        ...key(c, m.model),
        accuracy: m.metrics.accuracy.estimate,
        pValue: m.metrics.binomial.pValue,
      })),
    beatsBaseline: rows
      .filter(({ m }) => m.mcnemar && m.mcnemar.pValue < 0.05 && m.mcnemar.b > m.mcnemar.c)
      .map(({ c, m }) => ({ ...key(c, m.model), pValue: (m.mcnemar as { pValue: number }).pValue })),
  };
}

/** Flat `SYMBOL.hH.model.metric` numbers, the form a registry's metric table takes. */
export function flatMetrics(coins: readonly CoinEvaluation[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of coins) {
    const p = `${c.symbol}.h${c.horizon}`;
    out[`${p}.buy_hold.total_return`] = c.buyHold.totalReturn;
    for (const m of c.models) {
      const q = `${p}.${m.model}`;
      const x = m.metrics;
      Object.assign(out, {
        [`${q}.accuracy`]: x.accuracy.estimate,
        [`${q}.accuracy_lo`]: x.accuracy.lo,
        [`${q}.accuracy_hi`]: x.accuracy.hi,
        [`${q}.balanced_accuracy`]: x.balancedAccuracy.estimate,
        [`${q}.log_loss`]: x.logLoss.estimate,
        [`${q}.brier`]: x.brier.estimate,
        [`${q}.top_decile_accuracy`]: x.topDecileAccuracy.estimate,
        [`${q}.binomial_p`]: x.binomial.pValue,
        [`${q}.long_flat_return`]: m.strategy.longFlat.totalReturn,
        [`${q}.long_short_return`]: m.strategy.longShort.totalReturn,
        [`${q}.latency_ms_p50`]: m.latencyMsP50,
      });
      if (m.mcnemar) out[`${q}.mcnemar_p`] = m.mcnemar.pValue;
    }
  }
  return out;
}

/** Every series at every horizon; tfjs is loaded only when a neural model is asked for. */
export async function evaluateMany(
  series: readonly PriceSeries[],
  horizons: readonly number[],
  input: EvaluateConfigInput = {},
  onProgress?: (msg: string) => void,
): Promise<EvaluationRun> {
  const startedAt = new Date().toISOString();
  const c = EvaluateConfigSchema.parse(input);
  const coins: CoinEvaluation[] = [];
  for (const h of horizons) {
    for (const s of series) {
      onProgress?.(`${s.symbol} h=${h}`);
      coins.push(await evaluateSeries(s, { ...c, horizon: h }));
    }
  }
  const neural = c.models.some((m) => m === 'lstm' || m === 'transformer' || m === 'ensemble');
  return {
    kind: 'market-evaluation',
    params: { ...c, horizons: [...horizons], inputs: series.map((s) => s.report.source) },
    metrics: flatMetrics(coins),
    artifacts: {},
    coins,
    backend: neural ? (await loadTfjs()).info : null,
    verdict: claimVerdict(coins),
    startedAt,
    finishedAt: new Date().toISOString(),
  };
}
