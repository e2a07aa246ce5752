import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { runCommand } from '../../src/core';
import { RAY_STATES, SKY_STATES, TERMINAL_STATES } from '../../src/grpo';
import { ROOT } from '../helpers/cli';

/**
 * Holds a generated bundle against the facts read from the pinned releases
 * (test/fixtures/conformance/*.json, origins in each file and in test/fixtures/README.md).
 * `checkBundle` returns every broken fact as a sentence; the tests mutate a fact on purpose and
 * expect its sentence, so each check is shown to be able to fail.
 */
type Json = Record<string, unknown>;
export interface Facts {
  trl: Json;
  unsloth: Json;
  accelerate: Json;
  deepspeed: Json;
  skypilot: Json;
  ray: Json;
}

const FILES: Record<keyof Facts, string> = {
  trl: 'trl-0.24.0.json',
  unsloth: 'unsloth-2025.11.4.json',
  accelerate: 'accelerate-1.10.1.json',
  deepspeed: 'deepspeed-0.16.4.json',
  skypilot: 'skypilot.json',
  ray: 'ray-jobs.json',
};

/** A fresh copy each call, so a test may break one fact without touching the others. */
export function loadFacts(): Facts {
  const read = (f: string) =>
    JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'conformance', f), 'utf8')) as Json;
  return Object.fromEntries(Object.entries(FILES).map(([k, f]) => [k, read(f)])) as unknown as Facts;
}

/**
 * Inherited from transformers.TrainingArguments, which GRPOConfig and SFTConfig extend. Not read
 * at a tag here (transformers' repository was too large to fetch); train.py's check_fields
 * refuses at run time any the installed TRL lacks.
 */
export const TRAINING_ARGUMENTS = [
  'output_dir',
  'learning_rate',
  'num_train_epochs',
  'max_steps',
  'per_device_train_batch_size',
  'gradient_accumulation_steps',
  'warmup_ratio',
  'lr_scheduler_type',
  'weight_decay',
  'max_grad_norm',
  'logging_steps',
  'seed',
  'bf16',
  'gradient_checkpointing',
  'save_steps',
  'save_total_limit',
  'report_to',
  'push_to_hub',
  'hub_model_id',
  'remove_unused_columns',
];

// PEP 440 specifiers as these packages write them: ==, !=, <=, >=, <, > and a trailing .* (no pre-releases here).
const parts = (v: string) => v.split('.').map((x) => Number.parseInt(x, 10) || 0);
function cmp(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}
export function satisfies(version: string, specifiers: string): boolean {
  return specifiers
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .every((s) => {
      const m = /^(==|!=|<=|>=|<|>)\s*(\S+)$/.exec(s);
      if (!m) throw new Error(`cannot read the version specifier ${s}`);
      const [, op, v] = m as unknown as [string, string, string];
      if (v.endsWith('.*')) {
        const prefix = v.slice(0, -2);
        const same = version === prefix || version.startsWith(`${prefix}.`);
        return op === '==' ? same : !same;
      }
      const c = cmp(version, v);
      return { '==': c === 0, '!=': c !== 0, '<=': c <= 0, '>=': c >= 0, '<': c < 0, '>': c > 0 }[op] as boolean;
    });
}

/** name → specifiers of a requirement list, markers dropped (none of ours apply on Linux, Python ≥ 3.10). */
function requirementsOf(list: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of list as string[]) {
    if (/;\s*(python_version\s*==\s*'3\.9'|.*win32)/.test(r)) continue;
    const m = /^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?\s*([^;]*)/.exec(r.trim());
    if (m) out.set((m[1] as string).toLowerCase().replace(/_/g, '-'), (m[2] ?? '').trim());
  }
  return out;
}

export interface ProbeResult {
  grpo_args: Record<string, unknown>;
  sft_args: Record<string, unknown>;
  reward_calls: { name: string; ok: boolean; error: string | null }[];
  train_py_calls: { call: string; line: number; keywords: string[] }[];
  train_unsloth_calls: { call: string; line: number; keywords: string[] }[];
}

export async function probe(bundle: string): Promise<ProbeResult> {
  const r = await runCommand('python3', [join(ROOT, 'test', 'grpo', 'conformance_probe.py'), bundle]);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as ProbeResult;
}

const keysOf = (o: unknown): string[] => Object.keys((o ?? {}) as Json);

export function checkBundle(dir: string, p: ProbeResult, f: Facts): string[] {
  const problems: string[] = [];
  const bad = (s: string) => problems.push(s);
  const spec = JSON.parse(readFileSync(join(dir, 'spec.json'), 'utf8')) as {
    engine: string;
    stage: string;
    grpo: Json;
    training: Json;
    distributed: { strategy: string };
  };
  const file = (name: string) => readFileSync(join(dir, name), 'utf8');

  // Pins against every package's own metadata.
  const pins = new Map(
    file('requirements.txt')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => {
        const m = /^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==(\S+)$/.exec(l);
        if (!m) throw new Error(`unpinned requirement ${l}`);
        return [(m[1] as string).toLowerCase().replace(/_/g, '-'), m[2] as string] as const;
      }),
  );
  if (pins.has('flash-attn'))
    bad(
      'flash-attn is in requirements.txt: its build imports torch, so it fails under build isolation in the same pip install',
    );
  const needs = (who: string, reqs: Map<string, string>) => {
    for (const [name, specifiers] of reqs) {
      const v = pins.get(name);
      if (v !== undefined && specifiers && !satisfies(v, specifiers))
        bad(`${who} requires ${name}${specifiers}, the bundle pins ${name}==${v}`);
    }
  };
  const { trl, unsloth, accelerate, deepspeed, skypilot, ray } = f;
  if (pins.get('trl') !== trl.version)
    bad(`the bundle pins trl==${pins.get('trl')}, the facts are of TRL ${String(trl.version)}`);
  needs(`trl ${String(trl.version)}`, requirementsOf(trl.dependencies));
  if (pins.has('vllm')) needs(`trl ${String(trl.version)}[vllm]`, requirementsOf((trl.extras as Json).vllm));
  if (pins.has('deepspeed') && pins.get('deepspeed') !== deepspeed.version)
    bad(`the bundle pins deepspeed==${pins.get('deepspeed')}, the facts are of ${String(deepspeed.version)}`);
  if (pins.get('accelerate') !== accelerate.version)
    bad(`the bundle pins accelerate==${pins.get('accelerate')}, the facts are of ${String(accelerate.version)}`);
  if (spec.engine === 'unsloth') {
    const zoo = unsloth.unsloth_zoo as Json;
    if (pins.get('unsloth') !== unsloth.version)
      bad(`the bundle pins unsloth==${pins.get('unsloth')}, the facts are of ${String(unsloth.version)}`);
    if (pins.get('unsloth-zoo') !== zoo.version)
      bad(
        `unsloth imports unsloth_zoo: the bundle pins ${pins.get('unsloth-zoo') ?? 'none'}, the facts are of ${String(zoo.version)}`,
      );
    const req = unsloth.requires as Json;
    needs(
      `unsloth ${String(unsloth.version)}`,
      new Map([...requirementsOf(req.huggingfacenotorch), ...requirementsOf(req.huggingface)]),
    );
    needs(`unsloth_zoo ${String(zoo.version)}`, requirementsOf(zoo.dependencies));
  } else {
    const install = file('install.sh');
    const r = install.indexOf('-r requirements.txt');
    const fa = install.search(/--no-build-isolation flash-attn==/);
    if (fa < 0 || fa < r)
      bad('install.sh does not install flash-attn with --no-build-isolation after requirements.txt');
  }

  // TRL's config fields: every argument exists; defaults that change behaviour are set explicitly.
  const grpoFields = new Set([...keysOf(trl.GRPOConfig), ...TRAINING_ARGUMENTS]);
  const sftFields = new Set([...keysOf(trl.SFTConfig), ...TRAINING_ARGUMENTS]);
  if (spec.stage === 'grpo') {
    for (const k of Object.keys(p.grpo_args))
      if (!grpoFields.has(k)) bad(`GRPOConfig of TRL ${String(trl.version)} has no field ${k}`);
    const cfg = trl.GRPOConfig as Record<string, { default: unknown }>;
    if (p.grpo_args.max_prompt_length !== spec.training.max_prompt_length)
      bad(
        `max_prompt_length is not passed to GRPOConfig (TRL's default ${String(cfg.max_prompt_length?.default)} would cut longer prompts)`,
      );
    for (const k of Object.keys(spec.grpo))
      if (k in cfg && !k.startsWith('vllm_') && !(k in p.grpo_args))
        bad(
          `spec grpo.${k} is not passed to GRPOConfig (TRL's default ${JSON.stringify(cfg[k]?.default)} would apply)`,
        );
    if (p.grpo_args.remove_unused_columns !== false)
      bad('remove_unused_columns is not False: the reward functions would lose task, input_row and outcome');
    for (const c of p.reward_calls)
      if (!c.ok) bad(`reward function ${c.name} fails when called as TRL calls it: ${c.error}`);
    const call = (trl.rewardFunctionCall as Json).keywords as string[];
    if (!p.reward_calls.length || call.some((k) => !['prompts', 'completions', 'completion_ids'].includes(k)))
      bad(`TRL calls reward functions with ${call.join(', ')}; the probe passes prompts, completions, completion_ids`);
  } else
    for (const k of Object.keys(p.sft_args))
      if (!sftFields.has(k)) bad(`SFTConfig of TRL ${String(trl.version)} has no field ${k}`);

  // ZeRO-3 shards the load only when the trainer's config exists before from_pretrained.
  const configLine = Math.min(
    ...p.train_py_calls.filter((c) => /^trl\.(GRPO|SFT)Config$/.test(c.call)).map((c) => c.line),
  );
  const loadLine = p.train_py_calls.find((c) => c.call === 'AutoModelForCausalLM.from_pretrained')?.line ?? Infinity;
  if (!(configLine < loadLine))
    bad(
      `train.py loads the model (line ${loadLine}) before it creates the trainer config (line ${configLine}): zero3_init_flag has no effect and every rank loads the full model`,
    );

  // Unsloth's loader and PEFT calls.
  for (const [call, key] of [
    ['FastLanguageModel.from_pretrained', 'FastLanguageModel.from_pretrained'],
    ['FastLanguageModel.get_peft_model', 'FastLlamaModel.get_peft_model'],
  ] as const) {
    const params = new Set(((unsloth[key] as Json).params as string[]) ?? []);
    for (const c of p.train_unsloth_calls.filter((x) => x.call === call))
      for (const k of c.keywords)
        if (!params.has(k)) bad(`${call} of unsloth ${String(unsloth.version)} has no parameter ${k}`);
  }

  // accelerate config and launch flags; DeepSpeed keys.
  const acc = parseYaml(file('accelerate.yaml')) as Json;
  for (const k of Object.keys(acc))
    if (!(accelerate.configFileKeys as string[]).includes(k))
      bad(`accelerate ${String(accelerate.version)} refuses the config key ${k}`);
  for (const k of keysOf(acc.deepspeed_config))
    if (!(accelerate.deepspeedConfigKeys as string[]).includes(k))
      bad(`accelerate ${String(accelerate.version)} has no deepspeed_config key ${k}`);
  for (const k of keysOf(acc.fsdp_config))
    if (!(accelerate.fsdpConfigKeys as string[]).includes(k))
      bad(`accelerate ${String(accelerate.version)} has no fsdp_config key ${k}`);
  const run = file('run.sh');
  const launchLine = /accelerate launch ([^\n)]*)/.exec(run)?.[1] ?? '';
  for (const flag of launchLine.match(/--[a-z_]+/g) ?? [])
    if (!(accelerate.launchFlags as string[]).includes(flag))
      bad(`accelerate launch ${String(accelerate.version)} has no flag ${flag}`);
  if (spec.distributed.strategy === 'deepspeed-zero3') {
    const ds = JSON.parse(file('deepspeed_zero3.json')) as { zero_optimization: Record<string, unknown> };
    for (const k of Object.keys(ds.zero_optimization))
      if (!(deepspeed.zeroOptimizationKeys as string[]).includes(k))
        bad(`DeepSpeed ${String(deepspeed.version)} forbids the zero_optimization key ${k}`);
    for (const k of ['offload_param', 'offload_optimizer']) {
      const d = (ds.zero_optimization[k] as { device?: string } | undefined)?.device;
      if (d && !(deepspeed.offloadDevices as string[]).includes(d)) bad(`DeepSpeed has no ${k} device ${d}`);
    }
  }

  // trl vllm-serve's flags and health route.
  const serve = /SERVE=\(trl vllm-serve ([^)]*)\)/.exec(run)?.[1] ?? '';
  const serveArgs = keysOf((trl.vllmServe as Json).ScriptArguments);
  for (const flag of [
    ...(serve.match(/--[a-z-]+/g) ?? []),
    ...(run.match(/"\$\{SERVE\[@\]\}" (--[a-z-]+)/g) ?? []).map((x) => x.split(' ')[1] as string),
  ])
    if (!serveArgs.includes(flag.slice(2).replace(/-/g, '_')))
      bad(`trl vllm-serve of TRL ${String(trl.version)} has no flag ${flag}`);
  if (!run.includes(String((trl.vllmServe as Json).health)))
    bad(`run.sh does not wait on vllm-serve's ${String((trl.vllmServe as Json).health)}`);

  // The SkyPilot task.
  const task = parseYaml(file('sky.yaml')) as Json;
  for (const k of Object.keys(task))
    if (!(skypilot.taskKeys as string[]).includes(k)) bad(`SkyPilot's task schema has no key ${k}`);
  for (const k of keysOf(task.resources))
    if (!(skypilot.resourcesKeys as string[]).includes(k)) bad(`SkyPilot's resources schema has no key ${k}`);
  if (!Number.isInteger(task.num_nodes)) bad('num_nodes is not an integer');

  // Every job state each service reports is handled, terminal as terminal.
  for (const s of skypilot.ManagedJobStatus as string[])
    if (!(s in SKY_STATES)) bad(`SkyPilot's managed job status ${s} is not handled`);
  for (const s of skypilot.terminalStatuses as string[]) {
    const state = SKY_STATES[s];
    if (state && !TERMINAL_STATES.includes(state)) bad(`SkyPilot's terminal status ${s} is not terminal here`);
  }
  for (const s of ray.JobStatus as string[]) if (!(s in RAY_STATES)) bad(`Ray's job status ${s} is not handled`);
  for (const s of ray.terminalStatuses as string[]) {
    const state = RAY_STATES[s];
    if (state && !TERMINAL_STATES.includes(state)) bad(`Ray's terminal status ${s} is not terminal here`);
  }
  return problems;
}
