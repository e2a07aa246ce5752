import { errorMessage } from '../core';
import type { RunDetail, RunInput } from './schema';
import { Registry } from './store';

export interface RecordOptions {
  /** Registry file (default: WORKBENCH_REGISTRY or data/registry.duckdb). */
  path?: string;
  /** Throw instead of warning when the run cannot be recorded. */
  strict?: boolean;
  onWarning?: (message: string) => void;
}

/**
 * Records one run in the registry and closes it again: what `maya train`, the reward
 * calibration and `market evaluate` call after their work is done. By default a registry that
 * cannot be written (locked by another process, read-only disk) costs a warning, never the run.
 */
export async function recordRun(input: RunInput, opts: RecordOptions = {}): Promise<RunDetail | null> {
  try {
    const reg = await Registry.open(opts.path);
    try {
      return await reg.recordRun(input);
    } finally {
      reg.close();
    }
  } catch (e) {
    if (opts.strict) throw e;
    (opts.onWarning ?? ((m: string) => process.stderr.write(`warning: ${m}\n`)))(
      `run not recorded in the registry: ${errorMessage(e)}`,
    );
    return null;
  }
}
