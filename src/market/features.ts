import { computeIndicators, type IndicatorConfig } from './indicators';
import type { Bar } from './prices';

/** Feature rows aligned with the bars: row t describes the market at the close of bar t, or null in warm-up. */
export interface FeatureMatrix {
  names: string[];
  rows: (number[] | null)[];
}

/** Any function from bars to feature rows; the leakage check takes one of these. */
export type FeatureFn = (bars: readonly Bar[]) => FeatureMatrix;

function logRet(bars: readonly Bar[], t: number, k: number): number | null {
  return t - k >= 0 ? Math.log((bars[t] as Bar).close / (bars[t - k] as Bar).close) : null;
}

function rollingStd(xs: readonly (number | null)[], t: number, n: number): number | null {
  if (t - n + 1 < 0) return null;
  let s = 0;
  let s2 = 0;
  for (let i = t - n + 1; i <= t; i++) {
    const x = xs[i];
    if (x === null || x === undefined) return null;
    s += x;
    s2 += x * x;
  }
  const m = s / n;
  return Math.sqrt(Math.max(0, s2 / n - m * m));
}

export const FEATURE_NAMES = [
  'ret_1',
  'ret_3',
  'ret_7',
  'ret_14',
  'vol_14',
  'range',
  'close_sma20',
  'close_sma50',
  'ema12_ema26',
  'rsi',
  'macd_hist',
  'bb_pctb',
  'atr',
  'stoch_k',
  'adx',
  'di_spread',
] as const;

/**
 * Scale-free features from the bars up to t (returns, volatility, indicator ratios), so one model
 * can see every coin and every price level. Indicators are causal (fed bar by bar), returns look
 * back only; the leakage test (checkNoLookahead) holds every feature function to that.
 */
export const marketFeatures =
  (config: Partial<IndicatorConfig> = {}): FeatureFn =>
  (bars) => {
    const ind = computeIndicators(bars, { ...config, sma: [20, 50], ema: [12, 26] });
    const r1 = bars.map((_, t) => logRet(bars, t, 1));
    const get = (name: string, t: number) => (ind[name] as (number | null)[])[t] ?? null;
    const rsiName = Object.keys(ind).find((k) => k.startsWith('rsi_')) as string;
    const atrName = Object.keys(ind).find((k) => k.startsWith('atr_')) as string;
    const adxName = Object.keys(ind).find((k) => k.startsWith('adx_')) as string;
    const rows = bars.map((b, t): number[] | null => {
      const c = b.close;
      const [sma20, sma50, ema12, ema26, rsi, hist, lo, up, atr, k, adx, pdi, mdi] = [
        'sma_20',
        'sma_50',
        'ema_12',
        'ema_26',
        rsiName,
        'macd_hist',
        'bb_lower',
        'bb_upper',
        atrName,
        'stoch_k',
        adxName,
        'plus_di',
        'minus_di',
      ].map((n) => get(n, t));
      const v = [
        r1[t] ?? null,
        logRet(bars, t, 3),
        logRet(bars, t, 7),
        logRet(bars, t, 14),
        rollingStd(r1, t, 14),
        (b.high - b.low) / c,
        sma20 == null ? null : c / sma20 - 1,
        sma50 == null ? null : c / sma50 - 1,
        ema12 == null || ema26 == null ? null : ema12 / ema26 - 1,
        rsi == null ? null : rsi / 100 - 0.5,
        hist == null ? null : hist / c,
        lo == null || up == null ? null : up > lo ? (c - lo) / (up - lo) - 0.5 : 0,
        atr == null ? null : atr / c,
        k == null ? null : k / 100 - 0.5,
        adx == null ? null : adx / 100,
        pdi == null || mdi == null ? null : (pdi - mdi) / 100,
      ];
      return v.every((x): x is number => x !== null && Number.isFinite(x)) ? v : null;
    });
    return { names: [...FEATURE_NAMES], rows };
  };
