import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../core/process';
import type { RewardConfig } from '../config';
import type { RewardInput } from '../input';
import { exportPython } from './export';

/** What the Python twin returns per input (the same shape as RewardScore). */
export interface PythonScore {
  composite: number;
  quality: number;
  penaltyFactor: number;
  gate: number;
  components: Record<string, { score: number; applicable: boolean; weighted: number; details: Record<string, number> }>;
  penalties: Record<string, { score: number; factor: number; details: Record<string, number> }>;
}

/** Scores inputs with the exported Python twin (python3 on PATH), in one process. */
export async function scoreWithPython(
  inputs: readonly RewardInput[],
  cfg?: RewardConfig,
  python = 'python3',
): Promise<{ scores: PythonScore[]; seconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'wb-rewards-py-'));
  try {
    const { module } = exportPython(dir, cfg);
    const file = join(dir, 'inputs.jsonl');
    writeFileSync(file, inputs.map((x) => `${JSON.stringify(x)}\n`).join(''));
    const t0 = process.hrtime.bigint();
    const r = await runCommand(python, [module, 'score', file]);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.code !== 0) throw new Error(`the Python twin failed (exit ${r.code}): ${r.stderr.slice(-2000)}`);
    const scores = r.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as PythonScore);
    if (scores.length !== inputs.length)
      throw new Error(`the Python twin scored ${scores.length} of ${inputs.length} inputs: ${r.stderr.slice(-2000)}`);
    return { scores, seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Wall and CPU seconds the Python twin's score_completion takes over the inputs, parsed beforehand (as TRL passes them), in one process. */
export async function benchPython(
  inputs: readonly RewardInput[],
  cfg?: RewardConfig,
  python = 'python3',
): Promise<{ seconds: number; cpuSeconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'wb-rewards-py-'));
  try {
    const { module } = exportPython(dir, cfg);
    const file = join(dir, 'inputs.jsonl');
    writeFileSync(file, inputs.map((x) => `${JSON.stringify(x)}\n`).join(''));
    const r = await runCommand(python, [module, 'bench', file]);
    if (r.code !== 0) throw new Error(`the Python twin failed (exit ${r.code}): ${r.stderr.slice(-2000)}`);
    return JSON.parse(r.stdout) as { seconds: number; cpuSeconds: number };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
