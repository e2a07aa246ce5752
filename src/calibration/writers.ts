import type { Rng } from '../core/rng';
import type { ChainDay } from '../chain';
import type { MetricName } from '../chain';
import { formatValue } from '../traces';
import { directionOf, REQUIRED_SECTIONS } from '../contract';
import type { AttackTask } from './attack-types';

/**
 * Pieces the authored calibration analyses are written from: quoted metrics, equations from
 * the row's numbers as the prompt prints them, intervals, recommendations and the answer
 * block. Each tier (tiers.ts) combines them with a different amount of care.
 */

export interface Forecast {
  tx: { point: number; low: number; high: number };
  users: { point: number; low: number; high: number } | null;
}

export const pct = (x: number, digits = 1): string => `${x >= 0 ? '+' : '-'}${Math.abs(x * 100).toFixed(digits)}%`;
/** A number as an analyst writes a result: thousands separators above 1,000, 3 significant digits below. */
export const num = (x: number): string =>
  Math.abs(x) >= 1000
    ? Math.round(x).toLocaleString('en-US')
    : Math.abs(x) >= 1
      ? x.toFixed(2)
      : String(Number(x.toPrecision(3)));
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)] as T;

/** The value as the prompt printed it, parsed back ("1,859,357" → 1859357, "+1.6%" → 0.016). */
export function shown(row: ChainDay, m: MetricName): number | null {
  if (row[m] === null) return null;
  const s = formatValue(row, m);
  const v = Number(s.replace(/[,%+]/g, ''));
  return s.endsWith('%') ? v / 100 : v;
}

export const quote = (row: ChainDay, m: MetricName): string | null =>
  row[m] === null ? null : `\`${m}\` ${formatValue(row, m)}`;

/**
 * Equations from the row: first the ratios the row already gives (a restatement, credited by no
 * reward), then `derivedEquations`. `slip` makes the first ratio's result wrong by ×slip.
 */
export function equations(row: ChainDay, slip = 1): string[] {
  const tx = shown(row, 'transactions');
  const users = shown(row, 'activeSenders');
  const fees = shown(row, 'feesNative');
  const value = shown(row, 'transferredNative');
  const out: string[] = [];
  const f = (name: MetricName) => formatValue(row, name);
  if (tx && users)
    out.push(`transactions per sender = ${f('transactions')} / ${f('activeSenders')} = ${num((tx / users) * slip)}`);
  if (tx && fees)
    out.push(
      `mean fee = ${f('feesNative')} / ${f('transactions')} = ${num(fees / tx)} ${row.nativeUnit} per transaction`,
    );
  if (tx && value)
    out.push(
      `value per transaction = ${f('transferredNative')} / ${f('transactions')} = ${num(value / tx)} ${row.nativeUnit}`,
    );
  return [...out, ...derivedEquations(row)];
}

/** Correct equations whose results the row does not give: last week's levels, a compounded pace, receivers per sender. */
export function derivedEquations(row: ChainDay): string[] {
  const tx = shown(row, 'transactions');
  const users = shown(row, 'activeSenders');
  const receivers = shown(row, 'activeReceivers');
  const g = shown(row, 'txGrowth7dFrac');
  const ug = shown(row, 'userGrowth7dFrac');
  const f = (name: MetricName) => formatValue(row, name);
  const out: string[] = [];
  if (tx && g !== null && g > -1)
    out.push(
      `transactions a week earlier = ${f('transactions')} / (1 + ${Number(g.toFixed(4))}) = ${num(tx / (1 + g))}`,
    );
  if (users && ug !== null && ug > -1)
    out.push(
      `active senders a week earlier = ${f('activeSenders')} / (1 + ${Number(ug.toFixed(4))}) = ${num(users / (1 + ug))}`,
    );
  if (receivers && users)
    out.push(`receivers per sender = ${f('activeReceivers')} / ${f('activeSenders')} = ${num(receivers / users)}`);
  if (g !== null && g > -1)
    out.push(`four weeks at this pace: (1 + ${Number(g.toFixed(4))})^4 - 1 = ${pct((1 + g) ** 4 - 1)}`);
  return out;
}

export const ci = (i: { point: number; low: number; high: number }): string =>
  `${pct(i.point)} ± ${(((i.high - i.low) / 2) * 100).toFixed(1)}% (90% CI)`;
export const bracket = (i: { low: number; high: number }): string => `[${pct(i.low)}, ${pct(i.high)}] (90% CI)`;

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;
export function answerBlock(fc: Forecast): string {
  const iv = (i: { point: number; low: number; high: number }) => ({
    point: round4(i.point),
    low: round4(i.low),
    high: round4(i.high),
  });
  const block = {
    direction_tx: directionOf(fc.tx.point),
    tx_growth_7d: iv(fc.tx),
    direction_users: fc.users ? directionOf(fc.users.point) : null,
    user_growth_7d: fc.users ? iv(fc.users) : null,
  };
  return '```json\n' + JSON.stringify(block) + '\n```';
}

export function interval(point: number, half: number): { point: number; low: number; high: number } {
  return { point, low: Math.max(-0.95, point - half), high: point + half };
}

/** Concrete, conditional, risk-aware recommendations from the row's numbers. */
export function recommendations(row: ChainDay, fc: Forecast, rng: Rng): string[] {
  const tx = shown(row, 'transactions') ?? 0;
  const floor = num(tx * (1 + fc.tx.low));
  const vol = row.txVolatility7dLog;
  return [
    `If daily transactions fall below ${floor} within the next 7 days, the forecast is invalidated and exposure should be reduced to limit the downside.`,
    `${pick(rng, ['Builders should', 'Operators should', 'Liquidity providers should'])} monitor \`activeSenders\` (${row.activeSenders === null ? 'not available' : formatValue(row, 'activeSenders')}): a weekly change below ${pct(fc.users?.low ?? fc.tx.low)} would signal that the risk of a reversal is rising.`,
    vol === null
      ? 'Without a volatility figure, position sizes should stay small until two more days of data confirm the trend, since the risk is hard to bound.'
      : `With \`txVolatility7dLog\` at ${formatValue(row, 'txVolatility7dLog')}, position sizes should be cut by half if it exceeds ${(vol * 1.5).toFixed(3)}, because the downside risk grows with it.`,
  ];
}

export const sectionsOf = (task: AttackTask): string[] => REQUIRED_SECTIONS[task] ?? [];
