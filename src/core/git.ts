import { runQuiet } from './process';
import { repoRoot } from './paths';

export interface GitState {
  commit: string | null;
  dirty: boolean | null;
}

/** HEAD commit and whether tracked or untracked files differ from it (null outside a git checkout). */
export function gitState(cwd = repoRoot()): GitState {
  const head = runQuiet('git', ['rev-parse', 'HEAD'], cwd);
  if (head.code !== 0) return { commit: null, dirty: null };
  const status = runQuiet('git', ['status', '--porcelain'], cwd);
  return { commit: head.stdout.trim(), dirty: status.code === 0 ? status.stdout.trim().length > 0 : null };
}
