import { z } from 'zod';

/**
 * Train/test splits over decision times (bar indices, ascending). A sample decided at bar t has
 * its label at bar t + horizon, so a training sample is usable for a test block starting at bar s
 * only when t + horizon ≤ s (its outcome is known by then): later ones are purged.
 */
export interface Fold {
  index: number;
  train: number[];
  test: number[];
}

export const SplitConfigSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('walk-forward'),
    /** expanding: train on everything before the test block; rolling: only the last `window` bars. */
    mode: z.enum(['expanding', 'rolling']).default('expanding'),
    folds: z.number().int().min(1).default(5),
    /** Share of the samples before the first test block. */
    initialTrain: z.number().gt(0).lt(1).default(0.5),
    window: z.number().int().min(10).default(730),
  }),
  z.object({
    kind: z.literal('purged'),
    folds: z.number().int().min(2).default(5),
    /** Bars dropped from training after each test block (López de Prado's embargo), beyond the purge. */
    embargo: z.number().int().min(0).default(5),
  }),
]);
export type SplitConfig = z.infer<typeof SplitConfigSchema>;

/** Walk-forward: equal test blocks after an initial training share; training never sees a later outcome. */
export function walkForward(
  times: readonly number[],
  horizon: number,
  o: Extract<SplitConfig, { kind: 'walk-forward' }>,
): Fold[] {
  const n = times.length;
  const start = Math.floor(n * o.initialTrain);
  const size = Math.floor((n - start) / o.folds);
  const folds: Fold[] = [];
  for (let f = 0; f < o.folds && size > 0; f++) {
    const a = start + f * size;
    const b = f === o.folds - 1 ? n : a + size;
    const testStart = times[a] as number;
    const train = times.filter(
      (t) => t + horizon <= testStart && (o.mode === 'expanding' || t > testStart - horizon - o.window),
    );
    folds.push({ index: f, train, test: times.slice(a, b) });
  }
  return folds;
}

/**
 * Purged k-fold (López de Prado, Advances in Financial Machine Learning, ch. 7): contiguous test
 * blocks; training drops samples whose label window [t, t+h] overlaps the test block's
 * [first, last+h], and the `embargo` bars after the block.
 */
export function purgedKFold(
  times: readonly number[],
  horizon: number,
  o: Extract<SplitConfig, { kind: 'purged' }>,
): Fold[] {
  const n = times.length;
  const folds: Fold[] = [];
  for (let f = 0; f < o.folds; f++) {
    const a = Math.floor((f * n) / o.folds);
    const b = Math.floor(((f + 1) * n) / o.folds);
    const test = times.slice(a, b);
    if (!test.length) continue;
    const first = test[0] as number;
    const last = test[test.length - 1] as number;
    const train = times.filter((t) => t + horizon < first || t > last + horizon + o.embargo);
    folds.push({ index: f, train, test });
  }
  return folds;
}

export function makeFolds(
  times: readonly number[],
  horizon: number,
  config: z.input<typeof SplitConfigSchema>,
): Fold[] {
  const c = SplitConfigSchema.parse(config);
  return c.kind === 'walk-forward' ? walkForward(times, horizon, c) : purgedKFold(times, horizon, c);
}
