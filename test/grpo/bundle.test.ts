import { readdirSync, readFileSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/core';
import { estimateTokens, loadSpec, readMetrics, verifyBundle, writeBundle } from '../../src/grpo';
import { useTmpDir } from '../helpers/tmp';
import { makeDataset, writeSpec } from './helpers';

const tmp = useTmpDir();
const readGrpo = (p: string): { prompt: { content: string }[] }[] =>
  readFileSync(p, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { prompt: { content: string }[] });
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) =>
    statSync(join(dir, f)).isDirectory() ? files(join(dir, f)).map((x) => join(f, x)) : [f],
  );

describe('GRPO bundle', () => {
  it('holds everything the GPU box needs; every .py compiles, run.sh parses, the manifest hashes match sha256sum', async () => {
    const dir = tmp();
    const d = await makeDataset(dir);
    for (const [name, over] of [
      ['qlora', {}],
      ['zero3', {}],
    ] as const) {
      const spec = loadSpec(
        writeSpec(
          dir,
          { dataset: { path: d.dataset, traces: d.traces }, ...over },
          name === 'zero3' ? 'llama-3.3-70b-lora-zero3.yaml' : undefined,
        ),
      );
      const out = join(dir, `bundle-${name}`);
      const m = writeBundle(spec, out, { env: { HF_TOKEN: 'hf_SECRETVALUE_1234' } });
      const got = files(out).sort();
      for (const f of [
        'manifest.json',
        'spec.json',
        'train.py',
        'train_unsloth.py',
        'workbench_train.py',
        'workbench_node.py',
        'install.sh',
        'rewards/workbench_rewards.py',
        'rewards/reward_config.json',
        'accelerate.yaml',
        'requirements.txt',
        'sky.yaml',
        'run.sh',
        'data/grpo_train.jsonl',
        'data/grpo_eval.jsonl',
        'data/sft_train.jsonl',
      ])
        expect(got, f).toContain(f);
      expect(got.includes('deepspeed_zero3.json')).toBe(name === 'zero3');
      for (const py of got.filter((f) => f.endsWith('.py')))
        expect((await runCommand('python3', ['-m', 'py_compile', join(out, py)])).code, py).toBe(0);
      for (const sh of ['run.sh', 'install.sh'])
        expect((await runCommand('bash', ['-n', join(out, sh)])).code, sh).toBe(0);
      const sums = await runCommand(
        'sha256sum',
        m.files.map((f) => f.path),
        { cwd: out },
      );
      expect(
        sums.stdout
          .trim()
          .split('\n')
          .map((l) => l.split(/\s+/).reverse().join(' '))
          .sort(),
      ).toEqual(m.files.map((f) => `${f.path} ${f.sha256}`).sort());
      expect(m.secrets).toEqual(['HF_TOKEN']);
      for (const f of got) expect(readFileSync(join(out, f), 'utf8').includes('hf_SECRETVALUE_1234'), f).toBe(false);
      expect(readFileSync(join(out, 'requirements.txt'), 'utf8')).toMatch(
        name === 'zero3' ? /^trl\[vllm\]==0\.24\.0$/m : /^trl==0\.24\.0$/m,
      );
      expect(JSON.parse(readFileSync(join(out, 'spec.json'), 'utf8')).training.learning_rate).toBe(5e-6);
      if (name === 'zero3') {
        expect(readFileSync(join(out, 'accelerate.yaml'), 'utf8')).toMatch(/distributed_type: DEEPSPEED/);
        expect(readFileSync(join(out, 'sky.yaml'), 'utf8')).toMatch(/accelerators: H100:8/);
        expect(readFileSync(join(out, 'run.sh'), 'utf8')).toMatch(
          /SERVE=\(trl vllm-serve --model "meta-llama\/Llama-3.3-70B-Instruct" --tensor-parallel-size 8 --port "\$VLLM_PORT" --max-model-len 3072 --gpu-memory-utilization 0.9\)/,
        );
      }
      expect(verifyBundle(out).id).toBe(m.id);
    }
  }, 120_000);

  it('leaves out prompts over max_prompt_length, refuses to ship a secret value, and notices a changed file', async () => {
    const dir = tmp();
    const d = await makeDataset(dir);
    const prompts = [
      ...readGrpo(join(d.dataset, 'grpo', 'train.jsonl')),
      ...readGrpo(join(d.dataset, 'grpo', 'eval.jsonl')),
    ]
      .map((r) => estimateTokens(r.prompt[0]?.content ?? ''))
      .sort((a, b) => a - b);
    const limit = prompts[Math.floor(prompts.length / 2)] as number;
    const short = loadSpec(
      writeSpec(dir, { dataset: { path: d.dataset, traces: null }, training: { max_prompt_length: limit } }),
    );
    const m = writeBundle(short, join(dir, 'b1'));
    expect(m.dataset.droppedLongPrompts).toBe(prompts.filter((n) => n > limit).length);
    expect(m.dataset.droppedLongPrompts).toBeGreaterThan(0);
    expect(m.dataset.grpoTrain + m.dataset.grpoEval).toBe(prompts.filter((n) => n <= limit).length);
    const leaky = join(d.dataset, 'grpo', 'train.jsonl');
    const line = readFileSync(leaky, 'utf8').split('\n')[0] as string;
    // A prompt that carries the token's value (pasted into a row by mistake): valid, but never shipped.
    appendFileSync(leaky, `${line.replace('"content":"', '"content":"hf_LEAKED_TOKEN_9876 ')}\n`);
    const spec = loadSpec(writeSpec(dir, { dataset: { path: d.dataset, traces: null } }));
    expect(() => writeBundle(spec, join(dir, 'b2'), { env: { HF_TOKEN: 'hf_LEAKED_TOKEN_9876' } })).toThrow(
      /bundle file data\/grpo_train.jsonl contains the value of HF_TOKEN/,
    );
    writeFileSync(join(dir, 'b1', 'train.py'), '# changed\n');
    expect(() => verifyBundle(join(dir, 'b1'))).toThrow(/train.py changed since the bundle was written/);
  }, 120_000);

  it('runs its smoke mode without a GPU: the reward module over the prompts, logged like training, resumed after a kill', async () => {
    const dir = tmp();
    const d = await makeDataset(dir);
    const spec = loadSpec(
      writeSpec(dir, {
        dataset: { path: d.dataset, traces: d.traces },
        training: { per_device_train_batch_size: 4, gradient_accumulation_steps: 4, max_steps: 5 },
        checkpoints: { save_steps: 1 },
      }),
    );
    const out = join(dir, 'bundle');
    writeBundle(spec, out);
    const env = { ...process.env, WORKBENCH_SMOKE: '1', WORKBENCH_SMOKE_STEP_SECONDS: '0' };
    const r = await runCommand('bash', ['run.sh'], { cwd: out, env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/smoke run finished: \d+ steps/);
    const rows = readMetrics(join(out, 'outputs', 'metrics.jsonl'));
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      expect(row.reward as number).toBeGreaterThanOrEqual(0);
      expect(row.reward as number).toBeLessThanOrEqual(1);
      expect(row['rewards/reward_calculation/mean']).toBeTypeOf('number');
    }
    // Completions of one group differ (cuts of the teacher's): the rewards vary within groups.
    expect(rows.some((x) => (x.reward_std as number) > 0)).toBe(true);
    // Run again: it resumes after the last checkpoint, which is the last step, and adds nothing.
    const again = await runCommand('bash', ['run.sh'], { cwd: out, env });
    expect(again.stdout).toMatch(/resuming after step/);
    expect(readMetrics(join(out, 'outputs', 'metrics.jsonl')).length).toBe(rows.length);
    expect(relative(out, join(out, 'outputs'))).toBe('outputs');
  }, 120_000);
});
