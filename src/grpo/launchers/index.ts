import { WorkbenchError } from '../../core/errors';
import type { JobRecord, JobRegistry } from '../jobs/registry';
import { RayLauncher } from './ray';
import { SkyPilotLauncher } from './skypilot';
import { SshLauncher } from './ssh';
import type { Launcher } from './types';

export { SshLauncher, type SshTarget } from './ssh';
export { SkyPilotLauncher, parseQueue, SKY_STATES } from './skypilot';
export { RayLauncher, RAY_STATES } from './ray';
export { startRayServer, RAY_SUBMIT_FIELDS, type RayStandIn } from './ray-server';
export { startSshd, canStartSshd, type Sshd } from './local-sshd';
export { isTerminal, type Launcher, type LogsOptions, type StatusReport } from './types';

/** The launcher a recorded job was submitted through, rebuilt from its record. */
export function launcherFor(
  job: JobRecord,
  registry: JobRegistry,
  opts: { say?: (line: string) => void } = {},
): Launcher {
  if (job.launcher === 'ssh') return new SshLauncher(SshLauncher.targetOf(job), registry);
  if (job.launcher === 'skypilot') return new SkyPilotLauncher(registry, { say: opts.say });
  if (job.launcher === 'ray') return new RayLauncher(String(job.target.address), registry);
  throw new WorkbenchError(`unknown launcher ${String(job.launcher)}`);
}
