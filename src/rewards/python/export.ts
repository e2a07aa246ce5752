import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../../core/hash';
import { repoPath } from '../../core/paths';
import { DEFAULT_CONFIG, RewardConfigSchema, type RewardConfig } from '../config';

/**
 * `workbench rewards export-python --out DIR`: the Python twin with this config embedded, as
 * one standard-library module (DIR/workbench_rewards.py) that TRL can import on a GPU box,
 * plus the config as JSON for reference. The module's source is src/rewards/python/
 * workbench_rewards.py; only its CONFIG_JSON line is replaced.
 */
export const PYTHON_MODULE = 'workbench_rewards.py';
const MARKER = 'CONFIG_JSON = None  # @@CONFIG@@';

export function pythonModuleSource(cfg: RewardConfig = DEFAULT_CONFIG): string {
  const template = readFileSync(repoPath('src', 'rewards', 'python', PYTHON_MODULE), 'utf8');
  if (!template.includes(MARKER)) throw new Error(`${PYTHON_MODULE}: the config marker line is missing`);
  const config = JSON.stringify(RewardConfigSchema.parse(cfg));
  // A JSON string literal is a valid Python string literal (JSON.stringify escapes \, " and control characters).
  return template.replace(MARKER, `CONFIG_JSON = ${JSON.stringify(config)}`);
}

export function exportPython(
  outDir: string,
  cfg: RewardConfig = DEFAULT_CONFIG,
): { module: string; config: string; sha256: string } {
  mkdirSync(outDir, { recursive: true });
  const source = pythonModuleSource(cfg);
  const module = join(outDir, PYTHON_MODULE);
  const config = join(outDir, 'reward_config.json');
  // Temporary files renamed into place: an interrupted export never leaves half a module.
  const write = (path: string, text: string): void => {
    writeFileSync(`${path}.tmp-${process.pid}`, text);
    renameSync(`${path}.tmp-${process.pid}`, path);
  };
  write(module, source);
  write(config, `${JSON.stringify(cfg, null, 2)}\n`);
  return { module, config, sha256: sha256(source) };
}
