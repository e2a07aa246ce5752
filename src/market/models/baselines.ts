import type { DirectionModel, ModelData } from './types';

function labelled(data: ModelData, train: readonly number[]): (0 | 1)[] {
  return train.map((t) => data.y[t]).filter((v): v is 0 | 1 => v !== null && v !== undefined);
}

/** Always the training majority ("always up" in a bull market), with the training up-rate as P(up). */
export function majorityModel(): DirectionModel {
  let pUp = 0.5;
  return {
    name: 'majority',
    async fit(data, train) {
      const y = labelled(data, train);
      pUp = y.length ? y.reduce<number>((s, v) => s + v, 0) / y.length : 0.5;
    },
    async predict(_data, at) {
      return at.map(() => pUp);
    },
    dispose() {},
  };
}

/**
 * Persistence: the next h bars move the way the last h did. P(up) is the training hit rate of
 * that rule (so log loss and Brier are fair), the direction is always the last move's sign.
 */
export function persistenceModel(): DirectionModel {
  let hit = 0.5;
  return {
    name: 'persistence',
    async fit(data, train) {
      let n = 0;
      let k = 0;
      for (const t of train) {
        const y = data.y[t];
        const r = data.pastRet[t];
        if (y === null || y === undefined || r === null || r === undefined) continue;
        n++;
        if ((r > 0 ? 1 : 0) === y) k++;
      }
      // At least a coin flip, so the direction stays the last move's sign.
      hit = n ? Math.min(0.99, Math.max(0.5 + 1e-9, k / n)) : 0.5 + 1e-9;
    },
    async predict(data, at) {
      return at.map((t) => ((data.pastRet[t] ?? 0) > 0 ? hit : 1 - hit));
    },
    dispose() {},
  };
}
