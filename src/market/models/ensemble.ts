import type { DirectionModel } from './types';

/** The mean of its members' probabilities (each member trained on the same fold). */
export function ensembleModel(members: DirectionModel[]): DirectionModel {
  return {
    name: 'ensemble',
    async fit(data, train) {
      for (const m of members) await m.fit(data, train);
    },
    async predict(data, at) {
      const all = await Promise.all(members.map((m) => m.predict(data, at)));
      return at.map((_, i) => all.reduce((s, p) => s + (p[i] as number), 0) / all.length);
    },
    dispose() {
      for (const m of members) m.dispose();
    },
  };
}
