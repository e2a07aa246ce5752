import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { WorkbenchError } from '../../core/errors';

/**
 * The local job registry (data/jobs/<id>.json): what was launched where, and what is known of
 * it, so `status`, `logs` and `cancel` work after a restart of the workbench. Ids are derived
 * from the bundle and the target, so launching the same bundle again finds the same job and
 * resumes it instead of starting a second one. Writes are atomic (temp file + rename).
 */
export const JOB_STATES = ['uploading', 'submitted', 'running', 'succeeded', 'failed', 'cancelled', 'lost'] as const;
export type JobState = (typeof JOB_STATES)[number];
export const TERMINAL_STATES: readonly JobState[] = ['succeeded', 'failed', 'cancelled'];

export const JobRecordSchema = z
  .object({
    schema: z.literal('workbench.grpo-job/1'),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string(),
    launcher: z.enum(['ssh', 'skypilot', 'ray']),
    smoke: z.boolean(),
    bundle: z.object({ dir: z.string(), id: z.string(), outputDir: z.string() }).strict(),
    /** Where it runs; never a secret (keys by file path, secrets by variable name). */
    target: z.record(z.union([z.string(), z.number(), z.boolean(), z.null()])),
    /** The launcher's own handles: remote folder, SkyPilot job id, Ray submission id. */
    remote: z.record(z.union([z.string(), z.number(), z.null()])),
    state: z.enum(JOB_STATES),
    exitCode: z.number().int().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    history: z.array(z.object({ at: z.string(), state: z.enum(JOB_STATES), note: z.string() }).strict()),
  })
  .strict();
export type JobRecord = z.infer<typeof JobRecordSchema>;

export class JobRegistry {
  constructor(readonly dir: string) {}

  path(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  has(id: string): boolean {
    return existsSync(this.path(id));
  }

  get(id: string): JobRecord {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id))
      throw new WorkbenchError(`${JSON.stringify(id)} is not a job id`, '`workbench grpo jobs` lists the jobs');
    if (!this.has(id))
      throw new WorkbenchError(
        `no job ${id} in ${this.dir}`,
        `\`workbench grpo jobs\` lists the jobs (or pass --jobs-dir)`,
      );
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.path(id), 'utf8'));
    } catch {
      throw new WorkbenchError(
        `${this.path(id)} is not JSON`,
        'the job record is damaged: remove it, or restore it from a backup',
      );
    }
    const p = JobRecordSchema.safeParse(raw);
    if (!p.success)
      throw new WorkbenchError(
        `${this.path(id)} is not a job record: ${p.error.issues[0]?.path.join('.')}: ${p.error.issues[0]?.message}`,
        'the job record is damaged: remove it, or restore it from a backup',
      );
    return p.data;
  }

  save(job: JobRecord): JobRecord {
    mkdirSync(this.dir, { recursive: true });
    const tmp = `${this.path(job.id)}.tmp-${process.pid}`;
    writeFileSync(tmp, `${JSON.stringify(JobRecordSchema.parse(job), null, 2)}\n`);
    renameSync(tmp, this.path(job.id));
    return job;
  }

  /** Records a state change (and its reason) in the job's history. */
  transition(
    job: JobRecord,
    state: JobState,
    note: string,
    extra: Partial<Pick<JobRecord, 'exitCode' | 'remote'>> = {},
  ): JobRecord {
    const at = new Date().toISOString();
    const changed = job.state !== state;
    const next: JobRecord = {
      ...job,
      ...extra,
      remote: { ...job.remote, ...(extra.remote ?? {}) },
      state,
      updatedAt: at,
      history: changed ? [...job.history, { at, state, note }] : job.history,
    };
    return this.save(next);
  }

  list(): JobRecord[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.json') && /^[a-z0-9][a-z0-9-]*\.json$/.test(f))
      .map((f) => this.get(f.slice(0, -5)))
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  }
}
