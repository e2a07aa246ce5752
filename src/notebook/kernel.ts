import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { repoPath, which, WorkbenchError } from '../core';

export const KERNEL_NAME = 'tslab';
const BOOTSTRAP = 'bash scripts/bootstrap.sh';

/** Where bootstrap registers the kernel: .jupyter/ of this checkout (WORKBENCH_JUPYTER_DIR overrides). */
export function jupyterDir(): string {
  return process.env.WORKBENCH_JUPYTER_DIR ?? repoPath('.jupyter');
}

/** Jupyter looks in the workbench's own folder first: the kernel is never registered globally. */
export function jupyterEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const dataDir = join(jupyterDir(), 'share', 'jupyter');
  const runtime = join(jupyterDir(), 'runtime');
  mkdirSync(runtime, { recursive: true });
  return {
    ...base,
    JUPYTER_PATH: [dataDir, base.JUPYTER_PATH].filter(Boolean).join(':'),
    JUPYTER_RUNTIME_DIR: runtime,
    PYDEVD_DISABLE_FILE_VALIDATION: '1',
  };
}

const KernelSpec = z.object({ argv: z.array(z.string()).min(1), display_name: z.string() });

export function kernelSpecPath(): string {
  return join(jupyterDir(), 'share', 'jupyter', 'kernels', KERNEL_NAME, 'kernel.json');
}

/** Throws a WorkbenchError naming what is missing and the command that fixes it. */
export function assertKernelReady(): { nbconvert: string } {
  const nbconvert = which('jupyter-nbconvert');
  if (!nbconvert) {
    throw new WorkbenchError(
      'jupyter-nbconvert is not installed',
      `run \`${BOOTSTRAP}\` (installs Debian's jupyter-nbconvert, python3-ipykernel, jupyter-client)`,
    );
  }
  const spec = kernelSpecPath();
  if (!existsSync(spec))
    throw new WorkbenchError(`the tslab kernel is not registered (no ${spec})`, `run \`${BOOTSTRAP}\``);
  const parsed = KernelSpec.safeParse(JSON.parse(readFileSync(spec, 'utf8')));
  if (!parsed.success) throw new WorkbenchError(`${spec} is not a kernel spec`, `delete it and run \`${BOOTSTRAP}\``);
  const bin = parsed.data.argv[0] ?? '';
  if (!existsSync(bin)) {
    throw new WorkbenchError(
      `the tslab kernel points at ${bin}, which does not exist (was the checkout moved?)`,
      `run \`${BOOTSTRAP}\``,
    );
  }
  return { nbconvert };
}
