import { driftReport, type DriftResult } from './drift';

export interface DriftAlert {
  alert: boolean;
  /** Columns that drifted by Evidently's rule for their kind and reference size. */
  drifted: string[];
  result: DriftResult;
}

/**
 * A rolling drift check for live consumers (the live predictor, the dashboard): the model's
 * reference inputs (or outputs) against the last `window` rows seen. `check()` returns null until
 * `minRows` rows have arrived; an alert means the dataset drifted (≥ half the columns) or any
 * column listed in `critical` drifted.
 */
export class DriftMonitor {
  private readonly recent: Record<string, unknown>[] = [];

  constructor(
    private readonly reference: readonly Record<string, unknown>[],
    private readonly opts: {
      window?: number;
      minRows?: number;
      columns?: readonly string[];
      critical?: readonly string[];
    } = {},
  ) {}

  push(...rows: Record<string, unknown>[]): void {
    this.recent.push(...rows);
    const window = this.opts.window ?? 500;
    if (this.recent.length > window) this.recent.splice(0, this.recent.length - window);
  }

  get size(): number {
    return this.recent.length;
  }

  check(): DriftAlert | null {
    if (this.recent.length < (this.opts.minRows ?? 100)) return null;
    const result = driftReport(this.reference, this.recent, { columns: this.opts.columns });
    const drifted = result.columns.filter((c) => c.drift).map((c) => c.column);
    const critical = (this.opts.critical ?? []).some((c) => drifted.includes(c));
    return { alert: result.datasetDrift || critical, drifted, result };
  }
}
