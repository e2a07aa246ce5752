import { existsSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { relative, resolve } from 'node:path';
import { z } from 'zod';
import {
  gitState,
  packageVersion,
  repoPath,
  repoRoot,
  sha256File,
  workbenchVersion,
  WorkbenchError,
  type TfjsBackendInfo,
} from '../core';

export const ProvenanceSchema = z.object({
  schema: z.literal('workbench.provenance/1'),
  git: z.object({ commit: z.string().nullable(), dirty: z.boolean().nullable() }),
  packageLockSha256: z.string().nullable(),
  inputs: z.array(z.object({ path: z.string(), sha256: z.string(), bytes: z.number() })),
  params: z.record(z.unknown()),
  seeds: z.record(z.number()),
  tfjsBackend: z.object({ backend: z.string(), package: z.string(), version: z.string() }).nullable(),
  versions: z.record(z.string().nullable()),
  startedAt: z.string(),
  finishedAt: z.string(),
  host: z.object({
    cpus: z.number(),
    cpuModel: z.string(),
    memoryBytes: z.number(),
    platform: z.string(),
    arch: z.string(),
  }),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

export interface ProvenanceInput {
  /** Files the report was computed from; each is hashed (sha256). */
  inputs?: string[];
  params?: Record<string, unknown>;
  /** Seeds by name; when absent, numeric params whose name contains "seed". */
  seeds?: Record<string, number>;
  /** The backend that ran, or null when the report used no tfjs. */
  tfjsBackend?: TfjsBackendInfo | null;
  startedAt: Date;
  finishedAt?: Date;
}

function seedsFromParams(params: Record<string, unknown>): Record<string, number> {
  const seeds: Record<string, number> = {};
  for (const [k, v] of Object.entries(params)) if (/seed/i.test(k) && typeof v === 'number') seeds[k] = v;
  return seeds;
}

/** Path shown in reports: relative to the checkout when inside it, so reports do not leak home folders. */
function displayPath(p: string): string {
  const abs = resolve(p);
  const rel = relative(repoRoot(), abs);
  return rel.startsWith('..') ? abs : rel;
}

export async function collectProvenance(input: ProvenanceInput): Promise<Provenance> {
  const inputs = [];
  for (const p of input.inputs ?? []) {
    if (!existsSync(p)) throw new WorkbenchError(`provenance: input file ${p} does not exist`);
    inputs.push({ path: displayPath(p), sha256: await sha256File(p), bytes: statSync(p).size });
  }
  const lock = repoPath('package-lock.json');
  const params = input.params ?? {};
  const cpuList = cpus();
  const tf = input.tfjsBackend;
  return {
    schema: 'workbench.provenance/1',
    git: gitState(),
    packageLockSha256: existsSync(lock) ? await sha256File(lock) : null,
    inputs,
    params,
    seeds: input.seeds ?? seedsFromParams(params),
    tfjsBackend: tf ? { backend: tf.backend, package: tf.package, version: tf.version } : null,
    versions: {
      node: process.versions.node,
      workbench: workbenchVersion(),
      tslab: packageVersion('tslab') ?? null,
      typescript: packageVersion('typescript') ?? null,
      'typescript (tslab)': packageVersion('@tslab/typescript-for-tslab') ?? null,
      tfjs: packageVersion('@tensorflow/tfjs') ?? null,
      'plotly.js': packageVersion('plotly.js-dist-min') ?? null,
      arquero: packageVersion('arquero') ?? null,
    },
    startedAt: input.startedAt.toISOString(),
    finishedAt: (input.finishedAt ?? new Date()).toISOString(),
    host: {
      cpus: cpuList.length,
      cpuModel: cpuList[0]?.model ?? 'unknown',
      memoryBytes: totalmem(),
      platform: process.platform,
      arch: process.arch,
    },
  };
}
