import { z } from 'zod';
import type { IsoDate } from '../daily';
import { at, GROWTH_LAG_DAYS, logChange, logChangeVolatility, VOLATILITY_CHANGES, type Series } from './series';

/**
 * Market-regime labels of one chain-day, from scale-free rules on the current day and the
 * previous 7 (and the week before, for turns). All inputs are natural-log changes, so a chain's
 * size or unit never matters (ETH vs BTC, 1e3 vs 1e9 transactions):
 *
 *   v = ln(V_t / V_{t−7})        transferred volume, this week
 *   a = ln(T_t / T_{t−7})        activity (transactions), this week
 *   p = ln(V_{t−7} / V_{t−14})   transferred volume, the week before (history)
 *   σ = sample std of ln(V_s / V_{s−1}), s = t−6 … t   (volume volatility, 7 daily changes)
 *
 * Rules are tried in REGIME_RULES order; the first that holds is the label. R4–R8 partition the
 * (v, a) plane, so any day with all inputs gets exactly one label. A day whose inputs are not all
 * present (and > 0) gets no label and a reason: nothing is guessed, no row is invented.
 */
export const REGIMES = [
  'bull',
  'bear',
  'sideways',
  'volatile',
  'accumulation',
  'distribution',
  'recovery',
  'correction',
] as const;
export type Regime = (typeof REGIMES)[number];

/** |log change| ≥ 0.10 (≈ ±10.5% in a week) is a trend; below it, flat. */
export const TREND_LOG = 0.1;
/** Daily volume log changes with a std ≥ 0.30 (≈ ±35% day to day) are volatile. */
export const VOLATILE_SIGMA = 0.3;

const Finite = z.number().finite();
export const RegimeInputsSchema = z
  .object({
    volumeLogChange7d: Finite,
    activityLogChange7d: Finite,
    priorVolumeLogChange7d: Finite,
    volumeVolatility7dLog: Finite.nonnegative(),
  })
  .strict();
export type RegimeInputs = z.infer<typeof RegimeInputsSchema>;

export const RegimeLabelSchema = z
  .object({ label: z.enum(REGIMES), ruleId: z.string(), rule: z.string(), inputs: RegimeInputsSchema })
  .strict();
export type RegimeLabel = z.infer<typeof RegimeLabelSchema>;

export interface RegimeRule {
  id: string;
  label: Regime;
  /** The condition in words, for docs and reports. */
  when: string;
  holds(v: number, a: number, p: number, s: number): boolean;
  describe(v: number, a: number, p: number, s: number): string;
}

const f = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
const T = f(TREND_LOG);
const NT = f(-TREND_LOG);

/** The rules in priority order. */
export const REGIME_RULES: readonly RegimeRule[] = [
  {
    id: 'R1',
    label: 'volatile',
    when: `σ ≥ ${VOLATILE_SIGMA}`,
    holds: (_v, _a, _p, s) => s >= VOLATILE_SIGMA,
    describe: (_v, _a, _p, s) =>
      `volume volatility σ ${s.toFixed(3)} ≥ ${VOLATILE_SIGMA.toFixed(3)} (std of 7 daily log changes)`,
  },
  {
    id: 'R2',
    label: 'recovery',
    when: `p ≤ −${TREND_LOG} and v ≥ ${TREND_LOG}`,
    holds: (v, _a, p) => p <= -TREND_LOG && v >= TREND_LOG,
    describe: (v, _a, p) => `volume fell the week before (p ${f(p)} ≤ ${NT}) and rose this week (v ${f(v)} ≥ ${T})`,
  },
  {
    id: 'R3',
    label: 'correction',
    when: `p ≥ ${TREND_LOG} and v ≤ −${TREND_LOG}`,
    holds: (v, _a, p) => p >= TREND_LOG && v <= -TREND_LOG,
    describe: (v, _a, p) => `volume rose the week before (p ${f(p)} ≥ ${T}) and fell this week (v ${f(v)} ≤ ${NT})`,
  },
  {
    id: 'R4',
    label: 'bull',
    when: `v ≥ ${TREND_LOG} and a ≥ ${TREND_LOG}`,
    holds: (v, a) => v >= TREND_LOG && a >= TREND_LOG,
    describe: (v, a) => `volume and activity both rose (v ${f(v)} ≥ ${T}, a ${f(a)} ≥ ${T})`,
  },
  {
    id: 'R5',
    label: 'bear',
    when: `v < ${TREND_LOG}, a < ${TREND_LOG} and min(v, a) ≤ −${TREND_LOG}`,
    holds: (v, a) => v < TREND_LOG && a < TREND_LOG && Math.min(v, a) <= -TREND_LOG,
    describe: (v, a) => `neither rose and at least one fell (v ${f(v)}, a ${f(a)}; min ≤ ${NT})`,
  },
  {
    id: 'R6',
    label: 'accumulation',
    when: `a ≥ ${TREND_LOG} and v < ${TREND_LOG}`,
    holds: (v, a) => a >= TREND_LOG && v < TREND_LOG,
    describe: (v, a) => `activity rose (a ${f(a)} ≥ ${T}) without volume (v ${f(v)} < ${T})`,
  },
  {
    id: 'R7',
    label: 'distribution',
    when: `v ≥ ${TREND_LOG} and a < ${TREND_LOG}`,
    holds: (v, a) => v >= TREND_LOG && a < TREND_LOG,
    describe: (v, a) => `volume rose (v ${f(v)} ≥ ${T}) without activity (a ${f(a)} < ${T})`,
  },
  {
    id: 'R8',
    label: 'sideways',
    when: `|v| < ${TREND_LOG} and |a| < ${TREND_LOG}`,
    holds: (v, a) => Math.abs(v) < TREND_LOG && Math.abs(a) < TREND_LOG,
    describe: (v, a) =>
      `volume and activity flat (|v| ${Math.abs(v).toFixed(3)}, |a| ${Math.abs(a).toFixed(3)} < ${TREND_LOG.toFixed(3)})`,
  },
];

/** The label of complete inputs: the first rule in priority order that holds. */
export function classifyRegime(inputs: RegimeInputs): RegimeLabel {
  const { volumeLogChange7d: v, activityLogChange7d: a, priorVolumeLogChange7d: p, volumeVolatility7dLog: s } = inputs;
  const rule = REGIME_RULES.find((r) => r.holds(v, a, p, s));
  // R4–R8 cover every finite (v, a); reaching this means a NaN slipped through.
  if (!rule) throw new Error(`no regime rule holds for ${JSON.stringify(inputs)}`);
  return { label: rule.label, ruleId: rule.id, rule: `${rule.id}: ${rule.describe(v, a, p, s)}`, inputs };
}

export type RegimeResult = { regime: RegimeLabel; reason: null } | { regime: null; reason: string };

/**
 * The regime at index t of a chain's spine from its transactions and transferred-volume series,
 * or null with the days that are missing (or ≤ 0, where a log change is undefined).
 */
export function regimeAt(transactions: Series, volume: Series, dates: readonly IsoDate[], t: number): RegimeResult {
  const lag = GROWTH_LAG_DAYS;
  const needVolume = [
    t - 2 * lag,
    ...Array.from({ length: VOLATILITY_CHANGES + 1 }, (_, k) => t - VOLATILITY_CHANGES + k),
  ];
  const needTx = [t - lag, t];
  const bad = (s: Series, idx: number[]): string[] =>
    [...new Set(idx)].filter((i) => !((at(s, i) ?? 0) > 0)).map((i) => dates[i] ?? `t${i - t}`);
  const badVolume = bad(volume, needVolume);
  const badTx = bad(transactions, needTx);
  if (badVolume.length || badTx.length) {
    const parts = [
      badVolume.length ? `volume on ${badVolume.join(', ')}` : '',
      badTx.length ? `transactions on ${badTx.join(', ')}` : '',
    ].filter(Boolean);
    return {
      regime: null,
      reason: `insufficient history: needs volume > 0 on t−14 and t−7…t and transactions > 0 on t−7 and t; missing or ≤ 0: ${parts.join('; ')}`,
    };
  }
  const inputs: RegimeInputs = {
    volumeLogChange7d: logChange(at(volume, t), at(volume, t - lag)) as number,
    activityLogChange7d: logChange(at(transactions, t), at(transactions, t - lag)) as number,
    priorVolumeLogChange7d: logChange(at(volume, t - lag), at(volume, t - 2 * lag)) as number,
    volumeVolatility7dLog: logChangeVolatility(volume, t) as number,
  };
  return { regime: classifyRegime(inputs), reason: null };
}

export interface ClassBalance {
  total: number;
  labelled: number;
  unlabelled: number;
  counts: Record<Regime, number>;
  /** count / labelled (0 when nothing is labelled). */
  shares: Record<Regime, number>;
}

/**
 * How often each label occurs, to judge class balance before training. It only reports: rows
 * are never duplicated, synthesised or dropped to even it out.
 */
export function classBalance(rows: readonly { regime: { label: Regime } | null }[]): ClassBalance {
  const counts = Object.fromEntries(REGIMES.map((r) => [r, 0])) as Record<Regime, number>;
  let labelled = 0;
  for (const row of rows) {
    if (!row.regime) continue;
    counts[row.regime.label] += 1;
    labelled += 1;
  }
  const shares = Object.fromEntries(REGIMES.map((r) => [r, labelled ? counts[r] / labelled : 0])) as Record<
    Regime,
    number
  >;
  return { total: rows.length, labelled, unlabelled: rows.length - labelled, counts, shares };
}
