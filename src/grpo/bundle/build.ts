import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../../core/errors';
import { gitState } from '../../core/git';
import { sha256 } from '../../core/hash';
import { repoPath } from '../../core/paths';
import { configWithWeights, DEFAULT_CONFIG } from '../../rewards';
import { exportPython } from '../../rewards';
import { estimateTokens, readGrpoFile } from '../preflight/dataset';
import type { GrpoRecord } from '../../traces';
import type { LaunchSpec } from '../spec/schema';
import {
  accelerateConfig,
  deepspeedConfig,
  installScript,
  requirements,
  runScript,
  secretNames,
  skyTask,
} from './files';
import { checkBundleTarget, listFiles, MANIFEST_SCHEMA, placeBundle, stagingDirFor } from './place';

/**
 * `workbench grpo bundle --spec FILE --out DIR`: everything a GPU box needs to run the spec,
 * self-contained: the dataset (prompts over max_prompt_length left out), the exported Python
 * reward module, train.py for TRL and train_unsloth.py, accelerate/DeepSpeed configs, pinned
 * requirements, a SkyPilot task, run.sh, and manifest.json with every file's sha256, the git
 * commit and the names (never the values) of the secrets. Built aside and moved in whole.
 */
export const BUNDLE_SCHEMA = MANIFEST_SCHEMA;

export interface BundleFile {
  path: string;
  sha256: string;
  bytes: number;
}

export interface BundleManifest {
  schema: typeof BUNDLE_SCHEMA;
  id: string;
  name: string;
  stage: LaunchSpec['stage'];
  engine: LaunchSpec['engine'];
  createdAt: string;
  git: { commit: string | null; dirty: boolean | null };
  /** Environment variables the run reads its secrets from (never their values). */
  secrets: string[];
  dataset: {
    source: string;
    grpoTrain: number;
    grpoEval: number;
    sftTrain: number;
    sftEval: number;
    droppedLongPrompts: number;
  };
  files: BundleFile[];
}

const TEMPLATES = ['workbench_train.py', 'workbench_node.py', 'train.py', 'train_unsloth.py'];

function copyJsonl(from: string, to: string): number {
  if (!existsSync(from)) return 0;
  copyFileSync(from, to);
  return readFileSync(to, 'utf8')
    .split('\n')
    .filter((l) => l.trim()).length;
}

/** Refuses to ship a file holding the value of any secret variable set in this environment. */
function assertNoSecrets(dir: string, names: readonly string[], env: NodeJS.ProcessEnv): void {
  const values = names
    .map((n) => [n, env[n]] as const)
    .filter((x): x is readonly [string, string] => typeof x[1] === 'string' && x[1].length >= 4);
  for (const f of listFiles(dir)) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (const [name, value] of values)
      if (text.includes(value))
        throw new WorkbenchError(
          `bundle file ${f} contains the value of ${name}`,
          'secrets are passed by environment variable name only; remove the value from the dataset or spec',
        );
  }
}

export function writeBundle(
  spec: LaunchSpec,
  outDir: string,
  opts: { env?: NodeJS.ProcessEnv; now?: Date } = {},
): BundleManifest {
  const ds = spec.dataset.path;
  const train = readGrpoFile(join(ds, 'grpo', 'train.jsonl'));
  const ev = readGrpoFile(join(ds, 'grpo', 'eval.jsonl'));
  const invalid = [...train.invalid, ...ev.invalid];
  if (invalid.length)
    throw new WorkbenchError(
      `${invalid.length} invalid GRPO record(s) in ${ds}: ${invalid
        .slice(0, 3)
        .map((i) => `${i.file}:${i.line} ${i.error}`)
        .join('; ')}`,
      'rebuild the dataset with `workbench traces build`',
    );
  if (spec.stage === 'grpo' && !train.records.length)
    throw new WorkbenchError(
      `no GRPO training prompts in ${join(ds, 'grpo', 'train.jsonl')}`,
      'build the dataset with `workbench traces build --in TRACES --out DIR` and point dataset.path at it',
    );
  if (spec.stage === 'sft' && !existsSync(join(ds, 'sft', 'train.jsonl')))
    throw new WorkbenchError(
      `stage sft needs ${join(ds, 'sft', 'train.jsonl')}`,
      'build the dataset with `workbench traces build`',
    );

  const target = checkBundleTarget(outDir);
  const staging = stagingDirFor(target);
  rmSync(staging, { recursive: true, force: true });
  try {
    const manifest = buildInto(staging, spec, train.records, ev.records, opts);
    placeBundle(staging, target);
    return manifest;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function buildInto(
  staging: string,
  spec: LaunchSpec,
  trainRecords: GrpoRecord[],
  evalRecords: GrpoRecord[],
  opts: { env?: NodeJS.ProcessEnv; now?: Date },
): BundleManifest {
  const ds = spec.dataset.path;
  mkdirSync(join(staging, 'data'), { recursive: true });
  const fits = (r: { prompt: { content: string }[] }) =>
    estimateTokens((r.prompt[0] as { content: string }).content) <= spec.training.max_prompt_length;
  const keptTrain = trainRecords.filter(fits);
  const keptEval = evalRecords.filter(fits);
  writeFileSync(join(staging, 'data', 'grpo_train.jsonl'), keptTrain.map((r) => `${JSON.stringify(r)}\n`).join(''));
  writeFileSync(join(staging, 'data', 'grpo_eval.jsonl'), keptEval.map((r) => `${JSON.stringify(r)}\n`).join(''));
  const sftTrain = copyJsonl(join(ds, 'sft', 'train.jsonl'), join(staging, 'data', 'sft_train.jsonl'));
  const sftEval = copyJsonl(join(ds, 'sft', 'eval.jsonl'), join(staging, 'data', 'sft_eval.jsonl'));

  exportPython(
    join(staging, 'rewards'),
    spec.rewards.weights ? configWithWeights(spec.rewards.weights, 'rewards.weights') : DEFAULT_CONFIG,
  );
  for (const t of TEMPLATES) copyFileSync(repoPath('src', 'grpo', 'bundle', 'templates', t), join(staging, t));
  writeFileSync(join(staging, 'spec.json'), `${JSON.stringify(spec, null, 2)}\n`);
  writeFileSync(join(staging, 'accelerate.yaml'), accelerateConfig(spec));
  if (spec.distributed.strategy === 'deepspeed-zero3')
    writeFileSync(join(staging, 'deepspeed_zero3.json'), deepspeedConfig());
  writeFileSync(join(staging, 'requirements.txt'), requirements(spec));
  writeFileSync(join(staging, 'sky.yaml'), skyTask(spec));
  writeFileSync(join(staging, 'run.sh'), runScript(spec));
  chmodSync(join(staging, 'run.sh'), 0o755);
  writeFileSync(join(staging, 'install.sh'), installScript(spec));
  chmodSync(join(staging, 'install.sh'), 0o755);
  writeFileSync(
    join(staging, 'README.md'),
    `# ${spec.name}\n\n${spec.stage.toUpperCase()} of ${spec.model.base} (${spec.adapter.type}, ${spec.engine}, ${spec.resources.nodes} × ${spec.resources.gpus_per_node} ${spec.resources.gpu}), written by \`workbench grpo bundle\`.\n\n- \`pip install -r requirements.txt\`, then \`bash run.sh\` (export ${secretNames(spec).join(', ')} first), or \`sky jobs launch -n ${spec.name} sky.yaml\`.\n- \`WORKBENCH_SMOKE=1 bash run.sh\` checks the bundle without a GPU: the reward module over the dataset, logged like training.\n- Metrics: \`${spec.checkpoints.output_dir}/metrics.jsonl\`; checkpoints: \`${spec.checkpoints.output_dir}/checkpoint-N\` (a restart resumes from the newest).\n- \`manifest.json\` holds the sha256 of every file.\n`,
  );
  const names = secretNames(spec);
  assertNoSecrets(staging, names, opts.env ?? process.env);
  const files: BundleFile[] = listFiles(staging)
    .sort()
    .map((p) => {
      const data = readFileSync(join(staging, p));
      return { path: p, sha256: sha256(data), bytes: data.length };
    });
  const git = gitState();
  const manifest: BundleManifest = {
    schema: BUNDLE_SCHEMA,
    id: sha256(JSON.stringify(files.map((f) => [f.path, f.sha256]))).slice(0, 16),
    name: spec.name,
    stage: spec.stage,
    engine: spec.engine,
    createdAt: (opts.now ?? new Date()).toISOString(),
    git: { commit: git.commit, dirty: git.dirty },
    secrets: names,
    dataset: {
      source: ds,
      grpoTrain: keptTrain.length,
      grpoEval: keptEval.length,
      sftTrain,
      sftEval,
      droppedLongPrompts: trainRecords.length - keptTrain.length + (evalRecords.length - keptEval.length),
    },
    files,
  };
  writeFileSync(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** A bundle's manifest, checked against its files (a changed or missing file is an error naming it). */
export function verifyBundle(dir: string): BundleManifest {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path))
    throw new WorkbenchError(`no manifest.json in ${dir}`, 'write the bundle with `workbench grpo bundle`');
  const m = JSON.parse(readFileSync(path, 'utf8')) as BundleManifest;
  if (m.schema !== BUNDLE_SCHEMA) throw new WorkbenchError(`${path} is not a ${BUNDLE_SCHEMA} manifest`);
  for (const f of m.files) {
    const p = join(dir, f.path);
    if (!existsSync(p)) throw new WorkbenchError(`bundle file ${f.path} is missing`, 'rebuild the bundle');
    if (sha256(readFileSync(p)) !== f.sha256)
      throw new WorkbenchError(`bundle file ${f.path} changed since the bundle was written`, 'rebuild the bundle');
  }
  return m;
}
