import { z } from 'zod';
import { WorkbenchError } from '../../core/errors';

export const BLOCK_NAMES = ['train', 'validation', 'test'] as const;
export type BlockName = (typeof BLOCK_NAMES)[number];

/** Fractions of the actions per block (chronological), and the gap between blocks in actions. */
export const SplitOptionsSchema = z
  .object({
    train: z.number().gt(0).max(1).default(0.7),
    validation: z.number().min(0).lt(1).default(0.15),
    test: z.number().min(0).lt(1).default(0.15),
    /** Actions dropped between consecutive blocks; at least seqLen (the default). */
    gap: z.number().int().min(0).optional(),
  })
  .refine((s) => Math.abs(s.train + s.validation + s.test - 1) < 1e-9, 'train + validation + test must be 1');
export type SplitOptions = z.input<typeof SplitOptionsSchema>;

/** Half-open range [start, end) of action indices. */
export interface BlockRange {
  start: number;
  end: number;
}

export interface SplitPlan {
  train: number;
  validation: number;
  test: number;
  gap: number;
  ranges: Record<BlockName, BlockRange>;
}

/** Validates split options up front (before a long stream is read); gap defaults to seqLen. */
export function parseSplitOptions(
  seqLen: number,
  options: SplitOptions = {},
): { o: z.output<typeof SplitOptionsSchema>; gap: number } {
  const parsed = SplitOptionsSchema.safeParse(options);
  if (!parsed.success)
    throw new WorkbenchError(
      `invalid split options: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
      'give fractions that add up to 1, e.g. { train: 0.7, validation: 0.15, test: 0.15 }',
    );
  const gap = parsed.data.gap ?? seqLen;
  if (gap < seqLen)
    throw new WorkbenchError(
      `split gap ${gap} is shorter than seqLen ${seqLen}`,
      `use a gap of at least ${seqLen} actions`,
    );
  return { o: parsed.data, gap };
}

/**
 * Chronological blocks over `count` actions. Windows (seqLen inputs + the target after them) stay
 * inside their block, and consecutive blocks are `gap` ≥ seqLen actions apart, so no input of a
 * later block's window (nor the look-back of its context features) reaches into an earlier block.
 */
export function planSplit(count: number, seqLen: number, options: SplitOptions = {}): SplitPlan {
  const { o, gap } = parseSplitOptions(seqLen, options);
  const cut1 = Math.round(count * o.train);
  const cut2 = Math.round(count * (o.train + o.validation));
  const train = { start: 0, end: cut1 };
  const validation = o.validation > 0 ? { start: cut1 + gap, end: cut2 } : { start: cut1, end: cut1 };
  const testStart = (o.validation > 0 ? cut2 : cut1) + gap;
  const test = o.test > 0 ? { start: testStart, end: count } : { start: count, end: count };
  const ranges = { train, validation, test };
  for (const name of BLOCK_NAMES) {
    if (o[name] === 0) continue;
    const n = ranges[name].end - ranges[name].start;
    if (n < seqLen + 1) {
      throw new WorkbenchError(
        `${count} actions are too few for this split: the ${name} block gets ${Math.max(0, n)} actions, and one window needs ${seqLen + 1} (seqLen ${seqLen} + target; gap ${gap})`,
        'use more actions, a smaller seqLen, or other split fractions',
      );
    }
  }
  return { train: o.train, validation: o.validation, test: o.test, gap, ranges };
}

/** Start indices of every window inside the range: inputs [s, s + seqLen), target s + seqLen. */
export function windowStarts(range: BlockRange, seqLen: number): Int32Array {
  const n = Math.max(0, range.end - range.start - seqLen);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = range.start + i;
  return out;
}
