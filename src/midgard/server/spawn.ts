import { spawn, type ChildProcess } from 'node:child_process';
import { repoPath } from '../../core';

/**
 * Starts `workbench midgard serve` in a child process (its memory and CPU apart from the
 * caller's) and resolves with its URL once it listens.
 */
export function spawnMidgardServe(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [repoPath('bin', 'workbench.js'), 'midgard', 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /at (http:\/\/[\d.:]+)/.exec(out);
      if (m?.[1]) resolve({ url: m[1], child });
    });
    child.once('exit', (code) => reject(new Error(`midgard serve exited with ${code}: ${out}`)));
  });
}
