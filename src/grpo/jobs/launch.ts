import { join } from 'node:path';
import { WorkbenchError } from '../../core/errors';
import { verifyBundle } from '../bundle/build';
import type { Launcher } from '../launchers/types';
import type { LaunchSpec } from '../spec/schema';
import { JobRegistry, TERMINAL_STATES, type JobRecord } from './registry';

/**
 * Submits a bundle through a launcher and records the job. The job id is the spec's name, the
 * bundle's id and the launcher (and "smoke"), so launching the same bundle again — after a lost
 * connection, a killed workbench — resumes that job instead of starting another; a finished job
 * is reported, not rerun, unless `attempt` asks for a new one.
 */
export interface LaunchOptions {
  bundleDir: string;
  launcher: Launcher;
  registry: JobRegistry;
  target: JobRecord['target'];
  smoke: boolean;
  attempt?: number;
  say?: (line: string) => void;
}

export function jobIdOf(spec: LaunchSpec, bundleId: string, kind: JobRecord['launcher'], smoke: boolean, attempt = 1): string {
  return [spec.name, bundleId.slice(0, 8), kind, ...(smoke ? ['smoke'] : []), ...(attempt > 1 ? [`a${attempt}`] : [])].join('-');
}

export async function launch(spec: LaunchSpec, o: LaunchOptions): Promise<JobRecord> {
  const say = o.say ?? (() => undefined);
  const manifest = verifyBundle(o.bundleDir);
  if (manifest.name !== spec.name) throw new WorkbenchError(`the bundle in ${o.bundleDir} is of ${manifest.name}, the spec of ${spec.name}`, 'bundle this spec first: workbench grpo bundle --spec FILE --out DIR');
  const id = jobIdOf(spec, manifest.id, o.launcher.kind, o.smoke, o.attempt);
  let job: JobRecord;
  if (o.registry.has(id)) {
    job = o.registry.get(id);
    if (TERMINAL_STATES.includes(job.state)) {
      say(`job ${id} already ran (${job.state}); pass --attempt ${(o.attempt ?? 1) + 1} to run it again`);
      return job;
    }
    say(`resuming job ${id} (${job.state})`);
  } else {
    const now = new Date().toISOString();
    job = o.registry.save({
      schema: 'workbench.grpo-job/1',
      id,
      name: spec.name,
      launcher: o.launcher.kind,
      smoke: o.smoke,
      bundle: { dir: o.bundleDir, id: manifest.id, outputDir: spec.checkpoints.output_dir },
      target: o.target,
      remote: {},
      state: 'uploading',
      exitCode: null,
      createdAt: now,
      updatedAt: now,
      history: [{ at: now, state: 'uploading', note: `launching through ${o.launcher.kind}` }],
    });
  }
  return o.launcher.submit(job, say);
}

/** Asks the launcher and records what it says (the registry keeps the last known state). */
export async function refreshStatus(job: JobRecord, launcher: Launcher, registry: JobRegistry): Promise<{ job: JobRecord; detail: string }> {
  const s = await launcher.status(job);
  return { job: registry.transition(job, s.state, s.detail, { exitCode: s.exitCode }), detail: s.detail };
}

export const outputsDir = (registry: JobRegistry, job: JobRecord): string => join(registry.dir, job.id, 'outputs');
