import type { ComponentResult, Prepared } from '../input';
import { directionOf, lastJsonBlock } from '../../contract';

/**
 * Outcome accuracy of a prediction, once the realised 7-day change is known: for transactions
 * and users, the direction (up/down/flat by the flat band), the point error (1 / (1 + |e| / s))
 * and the interval score of the 90% interval (Gneiting & Raftery: width + (2/α)·miss, a proper
 * scoring rule: no interval beats the honest one on average; mapped to 1 / (1 + IS / s)).
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
  if (typeof value.direction_tx !== 'string' || !DIRECTIONS.includes(value.direction_tx) || !tx) return { ok: false, error: 'direction_tx or tx_growth_7d is invalid' };
  const du = value.direction_users ?? null;
  const ug = value.user_growth_7d ?? null;
  if (du === null && ug === null) return { ok: true, block: { direction_tx: value.direction_tx, tx_growth_7d: tx, direction_users: null, user_growth_7d: null } };
  const users = interval(ug);
  if (typeof du !== 'string' || !DIRECTIONS.includes(du) || !users) return { ok: false, error: 'direction_users or user_growth_7d is invalid' };
  return { ok: true, block: { direction_tx: value.direction_tx, tx_growth_7d: tx, direction_users: du, user_growth_7d: users } };
}

/** Interval score of [low, high] at level 1 − α for the realised y (lower is better). */
export function intervalScore(low: number, high: number, y: number, alpha: number): number {
  return high - low + (2 / alpha) * Math.max(0, low - y) + (2 / alpha) * Math.max(0, y - high);
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
  if (p.input.task !== 'predict7d' || !known.length) return { score: 0, applicable: false, explanation: p.input.task !== 'predict7d' ? 'not a prediction task' : 'the outcome is not known yet', details: {} };
  const pred = readPrediction(p.input.answer);
  if (!pred.ok) return { score: 0, applicable: true, explanation: `no valid prediction: ${pred.error}`, details: { valid: 0 } };
  let sum = 0;
  let wsum = 0;
  const parts: string[] = [];
  const details: Record<string, number> = { valid: 1 };
  for (const [name, y, w] of known) {
    const iv = name === 'tx' ? pred.block.tx_growth_7d : pred.block.user_growth_7d;
    const dir = name === 'tx' ? pred.block.direction_tx : pred.block.direction_users;
    let s = 0;
    if (iv && dir !== null) {
      const yy = y as number;
      const d = dir === directionOf(yy, c.flatBand) ? 1 : 0;
      const point = 1 / (1 + Math.abs(iv.point - yy) / c.pointScale);
      const is = intervalScore(iv.low, iv.high, yy, c.alpha);
      const inter = 1 / (1 + is / c.intervalScale);
      const pw = c.parts.direction + c.parts.point + c.parts.interval;
      s = (c.parts.direction * d + c.parts.point * point + c.parts.interval * inter) / pw;
      details[`${name}_direction`] = d;
      details[`${name}_covered`] = iv.low <= yy && yy <= iv.high ? 1 : 0;
      parts.push(`${name}: direction ${d ? 'right' : 'wrong'}, point off by ${Math.abs(iv.point - yy).toFixed(3)}, interval ${iv.low <= yy && yy <= iv.high ? 'covers' : 'misses'}`);
    } else parts.push(`${name}: no prediction`);
    sum += w * s;
    wsum += w;
  }
  return { score: wsum > 0 ? sum / wsum : 0, applicable: true, explanation: parts.join('; '), details };
}
