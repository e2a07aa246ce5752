import { z } from 'zod';

/**
 * Standardisation of one numeric column, fitted on the train block's present values.
 * A constant column (fewer than two values, or zero spread) keeps std = 1 and is reported so it
 * can be dropped; it never divides by zero.
 */
export const ScalerSchema = z.object({
  mean: z.number(),
  std: z.number().positive(),
  /** Present (unmasked) train values the statistics came from. */
  count: z.number().int().min(0),
  constant: z.boolean(),
});
export type Scaler = z.infer<typeof ScalerSchema>;

/** Welford's running mean and variance (population), in float64. */
export class RunningStats {
  private n = 0;
  private mean = 0;
  private m2 = 0;

  add(x: number): void {
    this.n++;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
  }

  scaler(): Scaler {
    const std = this.n > 0 ? Math.sqrt(this.m2 / this.n) : 0;
    const constant = this.n < 2 || !(std > 1e-12 * Math.max(1, Math.abs(this.mean)));
    return { mean: this.n > 0 ? this.mean : 0, std: constant ? 1 : std, count: this.n, constant };
  }
}

/** Raw (transformed) value → model input, as float32. */
export function scaleValue(s: Scaler, raw: number): number {
  return Math.fround((raw - s.mean) / s.std);
}

/** Model output → raw (transformed) value. */
export function unscaleValue(s: Scaler, scaled: number): number {
  return scaled * s.std + s.mean;
}
