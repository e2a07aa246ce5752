import { pairedBootstrap } from '../core';
import { drawdowns, sharpe } from '../risk';

export interface StrategyResult {
  totalReturn: number;
  sharpe: number;
  maxDrawdown: number;
  /** Turnover: position changes summed (each unit costs `costBps`). */
  turnover: number;
  /** Mean daily return minus buy-and-hold's, with a paired bootstrap interval and p-value. */
  vsBuyHold: { meanDiff: number; lo: number; hi: number; pValue: number } | null;
}

/**
 * Daily returns of holding `positions[i]` over the next bar's return `next[i]`, after costs:
 * each change of position by one unit costs costBps basis points (entering from flat included).
 */
export function strategyReturns(positions: readonly number[], next: readonly number[], costBps: number): number[] {
  let prev = 0;
  return positions.map((pos, i) => {
    const cost = (Math.abs(pos - prev) * costBps) / 1e4;
    prev = pos;
    return pos * (next[i] as number) - cost;
  });
}

export function summarizeStrategy(
  returns: readonly number[],
  dates: readonly string[],
  positions: readonly number[],
  periodsPerYear: number,
  buyHold?: readonly number[],
  seed = 1,
): StrategyResult {
  let turnover = 0;
  let prev = 0;
  for (const p of positions) {
    turnover += Math.abs(p - prev);
    prev = p;
  }
  return {
    totalReturn: returns.reduce((w, r) => w * (1 + r), 1) - 1,
    sharpe: sharpe(returns, 0, periodsPerYear),
    maxDrawdown: drawdowns(returns, dates).maxDrawdown,
    turnover,
    vsBuyHold: buyHold ? pairedBootstrap(returns, buyHold, { samples: 1000, seed }) : null,
  };
}
