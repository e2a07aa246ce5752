import { join } from 'node:path';
import { WorkbenchError } from '../../core/errors';
import { verifyBundle } from '../bundle/build';
import type { Launcher } from '../launchers/types';
import type { LaunchSpec } from '../spec/schema';
import { type JobRegistry, TERMINAL_STATES, type JobRecord } from './registry';

/**
 * Submits a bundle through a launcher and records the job. The job id is the spec's name, the
 * bundle's id and the launcher (and "smoke"), so launching the same bundle again — after a lost
 * connection, a killed workbench — resumes that job instead of starting another; a finished job
 * is reported, not rerun, unless `attempt` asks for a new one. A launch that fails (SSH
 * refused, the cluster unreachable) is recorded as failed with the reason; launching it again
 * retries it, since it never reached the remote side.
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

export function jobIdOf(
  spec: LaunchSpec,
  bundleId: string,
  kind: JobRecord['launcher'],
  smoke: boolean,
  attempt = 1,
): string {
  return [
    spec.name,
    bundleId.slice(0, 8),
    kind,
    ...(smoke ? ['smoke'] : []),
    ...(attempt > 1 ? [`a${attempt}`] : []),
  ].join('-');
}

export async function launch(spec: LaunchSpec, o: LaunchOptions): Promise<JobRecord> {
  const say = o.say ?? (() => undefined);
  const manifest = verifyBundle(o.bundleDir);
  if (manifest.name !== spec.name)
    throw new WorkbenchError(
      `the bundle in ${o.bundleDir} is of ${manifest.name}, the spec of ${spec.name}`,
      'bundle this spec first: workbench grpo bundle --spec FILE --out DIR',
    );
  o.launcher.accepts?.(spec, o.smoke);
  const id = jobIdOf(spec, manifest.id, o.launcher.kind, o.smoke, o.attempt);
  let job: JobRecord;
  if (o.registry.has(id)) {
    job = o.registry.get(id);
    const neverSubmitted =
      job.state === 'failed' && !job.history.some((h) => h.state === 'submitted' || h.state === 'running');
    if (neverSubmitted) {
      say(
        `retrying the launch of job ${id}, which failed before it was submitted (${job.history[job.history.length - 1]?.note ?? ''})`,
      );
      job = o.registry.transition(job, 'uploading', 'launch retried');
    } else if (TERMINAL_STATES.includes(job.state)) {
      say(`job ${id} already ran (${job.state}); pass --attempt ${(o.attempt ?? 1) + 1} to run it again`);
      return job;
    } else say(`resuming job ${id} (${job.state})`);
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
  try {
    return await o.launcher.submit(job, say);
  } catch (e) {
    const latest = o.registry.has(id) ? o.registry.get(id) : job;
    if (!TERMINAL_STATES.includes(latest.state) && latest.state !== 'running')
      o.registry.transition(latest, 'failed', `launch failed: ${e instanceof Error ? e.message : String(e)}`);
    throw e;
  }
}

/** Asks the launcher and records what it says (the registry keeps the last known state). */
export async function refreshStatus(
  job: JobRecord,
  launcher: Launcher,
  registry: JobRegistry,
): Promise<{ job: JobRecord; detail: string }> {
  const s = await launcher.status(job);
  return { job: registry.transition(job, s.state, s.detail, { exitCode: s.exitCode }), detail: s.detail };
}

export const outputsDir = (registry: JobRegistry, job: JobRecord): string => join(registry.dir, job.id, 'outputs');
