import type { ComponentResult, Prepared } from '../input';
import { directionOf, lastJsonBlock } from '../../contract';

/**
 * Outcome accuracy of a prediction, once the realised 7-day change y is known: strictly proper
 * scores of the answer block's forecast (point = median, [low, high] = central 90% interval)
 * for transactions and users, so that a policy maximises its expected reward only by
 * reporting what it believes (Gneiting & Raftery 2007).
 * - interval: the weighted interval score of the median and the interval (Bracher et al. 2021,
 *   K = 1), WIS = (½|y − point| + (α/2)·IS_α) / 1.5 with IS_α = (high − low) + (2/α)·miss, the
 *   interval's approximation of the CRPS; normalised per metric by the scale of its 7-day change
 *   s = scaleSigmas × max(minSigma, daily log volatility × √7) read from the prompt's row (the
 *   same for every completion of a prompt), as max(0, 1 − WIS / s): affine in WIS wherever the
 *   forecast is not absurd, so still proper within a GRPO group;
 * - direction: the Brier score of up / flat / down with the probabilities the forecast implies
 *   (a piecewise-linear CDF through low, point, high at 5%, 50%, 95%, with tails as steep as
 *   the nearest segment), as 1 − Brier / 2. The direction labels are checked, not scored.
 * Only for prediction tasks with a known outcome; a missing or invalid answer block scores 0.
 */

export interface Interval {
  point: number;
  low: number;
  high: number;
}
export interface Prediction {
  direction_tx: string;
  tx_growth_7d: Interval;
  direction_users: string | null;
  user_growth_7d: Interval | null;
}

const DIRECTIONS = ['up', 'down', 'flat'];
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function interval(x: unknown): Interval | null {
  if (!isObj(x)) return null;
  const { point, low, high } = x;
  if (!isNum(point) || !isNum(low) || !isNum(high)) return null;
  for (const v of [point, low, high]) if (!(v > -1 && v <= 10)) return null;
  return low <= point && point <= high ? { point, low, high } : null;
}

/** The answer's prediction block, validated (the same rules as the prompt's AnswerBlockSchema), or why not. */
export function readPrediction(answer: string): { ok: true; block: Prediction } | { ok: false; error: string } {
  const body = lastJsonBlock(answer);
  if (body === null) return { ok: false, error: 'no json block' };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, error: 'the json block is not valid JSON' };
  }
  if (!isObj(value)) return { ok: false, error: 'the json block is not an object' };
  const tx = interval(value.tx_growth_7d);
  if (typeof value.direction_tx !== 'string' || !DIRECTIONS.includes(value.direction_tx) || !tx)
    return { ok: false, error: 'direction_tx or tx_growth_7d is invalid' };
  const du = value.direction_users ?? null;
  const ug = value.user_growth_7d ?? null;
  if (du === null && ug === null)
    return {
      ok: true,
      block: { direction_tx: value.direction_tx, tx_growth_7d: tx, direction_users: null, user_growth_7d: null },
    };
  const users = interval(ug);
  if (typeof du !== 'string' || !DIRECTIONS.includes(du) || !users)
    return { ok: false, error: 'direction_users or user_growth_7d is invalid' };
  return {
    ok: true,
    block: { direction_tx: value.direction_tx, tx_growth_7d: tx, direction_users: du, user_growth_7d: users },
  };
}

/** Interval score of [low, high] at level 1 − α for the realised y (lower is better). */
export function intervalScore(low: number, high: number, y: number, alpha: number): number {
  return high - low + (2 / alpha) * Math.max(0, low - y) + (2 / alpha) * Math.max(0, y - high);
}

/** Weighted interval score of a median and one central (1 − α) interval (K = 1; lower is better). */
export function weightedIntervalScore(iv: Interval, y: number, alpha: number): number {
  return (0.5 * Math.abs(y - iv.point) + (alpha / 2) * intervalScore(iv.low, iv.high, y, alpha)) / 1.5;
}

/** The forecast's CDF at x: linear through (low, α/2), (point, ½), (high, 1 − α/2), tails as steep as the nearest segment. */
export function forecastCdf(iv: Interval, x: number, alpha: number): number {
  const a = alpha / 2;
  const lowTail = iv.low - ((iv.point - iv.low) * a) / (0.5 - a);
  const highTail = iv.high + ((iv.high - iv.point) * a) / (0.5 - a);
  const xs = [lowTail, iv.low, iv.point, iv.high, highTail];
  const fs = [0, a, 0.5, 1 - a, 1];
  if (x < (xs[0] as number)) return 0;
  if (x >= (xs[4] as number)) return 1;
  for (let i = 0; i < 4; i++) {
    const x0 = xs[i] as number;
    const x1 = xs[i + 1] as number;
    if (x >= x0 && x < x1)
      return (fs[i] as number) + (((fs[i + 1] as number) - (fs[i] as number)) * (x - x0)) / (x1 - x0);
  }
  return 1;
}

/** 1 − Brier / 2 of the forecast's up / flat / down probabilities against the realised direction (1 = certain and right). */
export function directionScore(iv: Interval, y: number, band: number, alpha: number): number {
  const down = forecastCdf(iv, -band, alpha);
  const notUp = forecastCdf(iv, band, alpha);
  const probs: Record<string, number> = { down, flat: notUp - down, up: 1 - notUp };
  const realised = directionOf(y, band);
  let brier = 0;
  for (const k of ['down', 'flat', 'up']) {
    const e = (probs[k] as number) - (k === realised ? 1 : 0);
    brier += e * e;
  }
  return 1 - brier / 2;
}

/** The scale of a 7-day change on this prompt's row: scaleSigmas × max(minSigma, daily log volatility × √7). */
export function outcomeScale(p: Prepared): number {
  const c = p.cfg.params.outcome;
  const row = p.input.rows[0];
  const v = row ? row.txVolatility7dLog : undefined;
  const daily = typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : c.defaultDailyVol;
  return c.scaleSigmas * Math.max(c.minSigma, daily * Math.sqrt(7));
}

export function outcome(p: Prepared): ComponentResult {
  const o = p.input.outcome ?? null;
  const c = p.cfg.params.outcome;
  const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
  const targets: [string, number | null, number][] = [
    ['tx', o ? num(o.tx_growth_7d) : null, c.targets.tx],
    ['users', o ? num(o.user_growth_7d) : null, c.targets.users],
  ];
  const known = targets.filter(([, y]) => y !== null);
  if (p.input.task !== 'predict7d' || !known.length)
    return {
      score: 0,
      applicable: false,
      explanation: p.input.task !== 'predict7d' ? 'not a prediction task' : 'the outcome is not known yet',
      details: {},
    };
  const pred = readPrediction(p.input.answer);
  if (!pred.ok)
    return { score: 0, applicable: true, explanation: `no valid prediction: ${pred.error}`, details: { valid: 0 } };
  const scale = outcomeScale(p);
  let sum = 0;
  let wsum = 0;
  const parts: string[] = [];
  const details: Record<string, number> = { valid: 1, scale };
  for (const [name, y, w] of known) {
    const iv = name === 'tx' ? pred.block.tx_growth_7d : pred.block.user_growth_7d;
    let s = 0;
    if (iv) {
      const yy = y as number;
      const wis = weightedIntervalScore(iv, yy, c.alpha);
      const inter = Math.max(0, 1 - wis / scale);
      const d = directionScore(iv, yy, c.flatBand, c.alpha);
      s = (c.parts.direction * d + c.parts.interval * inter) / (c.parts.direction + c.parts.interval);
      details[`${name}_wis`] = wis;
      details[`${name}_direction`] = d;
      details[`${name}_covered`] = iv.low <= yy && yy <= iv.high ? 1 : 0;
      parts.push(
        `${name}: WIS ${wis.toFixed(4)} on a scale of ${scale.toFixed(3)}, direction score ${d.toFixed(3)}, interval ${iv.low <= yy && yy <= iv.high ? 'covers' : 'misses'}`,
      );
    } else parts.push(`${name}: no prediction`);
    sum += w * s;
    wsum += w;
  }
  return { score: wsum > 0 ? sum / wsum : 0, applicable: true, explanation: parts.join('; '), details };
}
