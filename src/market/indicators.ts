import * as aq from 'arquero';
import { ADX, ATR, BollingerBands, EMA, MACD, OBV, RSI, SMA, StochasticOscillator, VWAP } from 'trading-signals';
import { z } from 'zod';
import type { Bar } from './prices';

/**
 * Technical indicators from `trading-signals` (tested by its authors against Tulip Indicators).
 * Every indicator is fed bar by bar, so the value at bar t uses bars 0..t only (causal by
 * construction). Conventions, where libraries differ:
 * - EMA: seeded with the first price (Tulip's convention; TA-Lib seeds with the SMA of the first
 *   N); a value is reported from the N-th bar on. MACD uses three such EMAs (12, 26, signal 9).
 * - RSI: Wilder's smoothing (alpha = 1/N) seeded with the simple mean of the first N changes.
 * - ATR and ADX: Wilder's smoothing likewise; ADX is the Wilder average of DX.
 * - Stochastic: the slow stochastic: %K = SMA(kSlowing) of the raw %K over kPeriod bars, %D =
 *   SMA(dPeriod) of %K (14, 3, 3 by default); kSlowing 1 gives the fast stochastic.
 * - Bollinger: SMA middle, bands at ± k population standard deviations (as Tulip and TA-Lib).
 * - VWAP: cumulative from the first bar (no session resets on daily bars); OBV starts at 0.
 *   Both need volume and are null columns when the file has none.
 */
export const IndicatorConfigSchema = z.object({
  sma: z.array(z.number().int().min(1)).default([10, 20, 50]),
  ema: z.array(z.number().int().min(1)).default([12, 26]),
  rsi: z.number().int().min(1).default(14),
  macd: z.tuple([z.number().int().min(1), z.number().int().min(1), z.number().int().min(1)]).default([12, 26, 9]),
  bollinger: z.object({ period: z.number().int().min(2), k: z.number().positive() }).default({ period: 20, k: 2 }),
  atr: z.number().int().min(1).default(14),
  stochastic: z
    .object({ kPeriod: z.number().int().min(1), kSlowing: z.number().int().min(1), dPeriod: z.number().int().min(1) })
    .default({ kPeriod: 14, kSlowing: 3, dPeriod: 3 }),
  adx: z.number().int().min(2).default(14),
});
export type IndicatorConfig = z.infer<typeof IndicatorConfigSchema>;

/** Indicator columns by name, aligned with the bars; null before an indicator has enough data. */
export type IndicatorColumns = Record<string, (number | null)[]>;

function column(n: number): (number | null)[] {
  return new Array<number | null>(n).fill(null);
}

/** Feeds one indicator bar by bar; the library's result is null until it is stable. */
function run<I, R>(
  inputs: readonly I[],
  ind: { add(x: I): R | null; isStable: boolean },
  pick: (r: R) => number,
): (number | null)[] {
  const out = column(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const r = ind.add(inputs[i] as I);
    if (r !== null && ind.isStable) out[i] = pick(r);
  }
  return out;
}

const id = (x: number) => x;

export function computeIndicators(
  bars: readonly Bar[],
  config: Partial<z.input<typeof IndicatorConfigSchema>> = {},
): IndicatorColumns {
  const c = IndicatorConfigSchema.parse(config);
  const close = bars.map((b) => b.close);
  const hlc = bars.map((b) => ({ high: b.high, low: b.low, close: b.close }));
  const cols: IndicatorColumns = {};
  for (const p of c.sma) cols[`sma_${p}`] = run(close, new SMA(p), id);
  for (const p of c.ema) cols[`ema_${p}`] = run(close, new EMA(p), id);
  cols[`rsi_${c.rsi}`] = run(close, new RSI(c.rsi), id);
  const [fast, slow, signal] = c.macd;
  const macd = new MACD(new EMA(fast), new EMA(slow), new EMA(signal));
  cols.macd = column(bars.length);
  cols.macd_signal = column(bars.length);
  cols.macd_hist = column(bars.length);
  close.forEach((x, i) => {
    const r = macd.add(x);
    if (!r) return;
    (cols.macd as (number | null)[])[i] = r.macd;
    (cols.macd_signal as (number | null)[])[i] = r.signal;
    (cols.macd_hist as (number | null)[])[i] = r.histogram;
  });
  const bb = bands(close, new BollingerBands(c.bollinger.period, c.bollinger.k));
  cols.bb_lower = bb.lower;
  cols.bb_middle = bb.middle;
  cols.bb_upper = bb.upper;
  cols[`atr_${c.atr}`] = run(hlc, new ATR(c.atr), id);
  const stoch = new StochasticOscillator({
    kPeriod: c.stochastic.kPeriod,
    kSlowingPeriod: c.stochastic.kSlowing,
    dPeriod: c.stochastic.dPeriod,
  });
  const st = hlc.map((x) => stoch.add(x));
  cols.stoch_k = st.map((r) => r?.stochK ?? null);
  cols.stoch_d = st.map((r) => r?.stochD ?? null);
  const adx = new ADX(c.adx);
  cols[`adx_${c.adx}`] = column(bars.length);
  cols.plus_di = column(bars.length);
  cols.minus_di = column(bars.length);
  hlc.forEach((x, i) => {
    const r = adx.add(x);
    if (r !== null) (cols[`adx_${c.adx}`] as (number | null)[])[i] = r;
    if (typeof adx.pdi === 'number') (cols.plus_di as (number | null)[])[i] = adx.pdi * 100;
    if (typeof adx.mdi === 'number') (cols.minus_di as (number | null)[])[i] = adx.mdi * 100;
  });
  const hasVolume = bars.length > 0 && bars.every((b) => b.volume !== null);
  if (hasVolume) {
    const ohlcv = bars.map((b) => ({
      open: b.open,
      high: b.high,
      low: b.low,
      close: b.close,
      volume: b.volume as number,
    }));
    cols.obv = [0, ...run(ohlcv, new OBV(2), id).slice(1)];
    cols.vwap = run(ohlcv, new VWAP(), id);
  } else {
    cols.obv = column(bars.length);
    cols.vwap = column(bars.length);
  }
  return cols;
}

function bands(
  close: readonly number[],
  bb: BollingerBands,
): { lower: (number | null)[]; middle: (number | null)[]; upper: (number | null)[] } {
  const lower = column(close.length);
  const middle = column(close.length);
  const upper = column(close.length);
  close.forEach((x, i) => {
    const r = bb.add(x);
    if (r) {
      lower[i] = r.lower;
      middle[i] = r.middle;
      upper[i] = r.upper;
    }
  });
  return { lower, middle, upper };
}

/** Bars and indicators as one arquero table (date, OHLCV, then one column per indicator). */
export function indicatorTable(
  bars: readonly Bar[],
  config: Partial<z.input<typeof IndicatorConfigSchema>> = {},
): aq.ColumnTable {
  const cols = computeIndicators(bars, config);
  return aq.table({
    date: bars.map((b) => b.date),
    open: bars.map((b) => b.open),
    high: bars.map((b) => b.high),
    low: bars.map((b) => b.low),
    close: bars.map((b) => b.close),
    volume: bars.map((b) => b.volume),
    ...cols,
  });
}
