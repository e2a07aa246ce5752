import type { Bar } from './prices';

/**
 * Direction of the close h bars ahead: 1 up, 0 down, null when |return| ≤ deadBand (a move too
 * small to call, left out of training and scoring) or when bar t+h does not exist.
 * `ret` is the simple h-bar return, kept for the strategy and the loss analysis.
 */
export interface Labels {
  horizon: number;
  deadBand: number;
  y: (0 | 1 | null)[];
  ret: (number | null)[];
}

export function directionLabels(bars: readonly Bar[], horizon: number, deadBand = 0): Labels {
  const y: (0 | 1 | null)[] = [];
  const ret: (number | null)[] = [];
  for (let t = 0; t < bars.length; t++) {
    const later = bars[t + horizon];
    if (!later) {
      y.push(null);
      ret.push(null);
      continue;
    }
    const r = later.close / (bars[t] as Bar).close - 1;
    ret.push(r);
    y.push(Math.abs(r) <= deadBand ? null : r > 0 ? 1 : 0);
  }
  return { horizon, deadBand, y, ret };
}
