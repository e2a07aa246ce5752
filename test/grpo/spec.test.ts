import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { architectureOf, checkSpec, estimateMemory, loadSpec, parseSpecText } from '../../src/grpo';
import { ROOT, workbench } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';
import { makeDataset, writeSpec } from './helpers';

const tmp = useTmpDir();
const example = (f = 'llama-3.3-70b-qlora.yaml') => join(ROOT, 'examples', 'grpo', f);
const raw = (f?: string) =>
  parseSpecText(readFileSync(example(f), 'utf8'), 'x.yaml') as Record<string, Record<string, unknown>>;
const problems = (r: unknown) => checkSpec(r).problems.map((p) => `${p.field}: ${p.reason}`);

describe('launch spec', () => {
  it('reads both examples, numbers as numbers (YAML 1.2: 5e-6 is a number)', () => {
    const s = loadSpec(example());
    expect(s.training.learning_rate).toBe(5e-6);
    expect(typeof s.grpo.beta).toBe('number');
    expect(loadSpec(example('llama-3.3-70b-lora-zero3.yaml')).distributed.strategy).toBe('deepspeed-zero3');
  });

  it('rejects a string where a number belongs, and an unknown field, naming each', () => {
    const r = raw();
    r.training = { ...r.training, learning_rate: '5e-6' };
    r.grpo = { ...r.grpo, num_generation: 8 };
    expect(problems(r)).toEqual(
      expect.arrayContaining([
        'training.learning_rate: expected a number, got the string "5e-6" (write it without quotes)',
        expect.stringMatching(/^grpo.num_generation: unknown field/),
      ]),
    );
  });

  it('rejects impossible configurations with the field and the reason', () => {
    const r = raw();
    r.grpo = { ...r.grpo, num_generations: 3 };
    expect(problems(r)).toEqual([
      expect.stringMatching(
        /^grpo.num_generations: 3 does not divide the global batch 8 \(1 GPUs × per_device_train_batch_size 4 × gradient_accumulation_steps 2\)/,
      ),
    ]);
    const multi = raw();
    multi.resources = { ...multi.resources, gpus_per_node: 2 };
    expect(problems(multi)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^distributed.strategy: single runs one training process, but 2 GPUs/),
        expect.stringMatching(/^engine: Unsloth trains on one GPU/),
      ]),
    );
    const full = raw();
    full.adapter = { type: 'full' };
    expect(problems(full)).toEqual([
      expect.stringMatching(
        /^resources.gpu: meta-llama\/Llama-3.3-70B-Instruct \(full, single\) does not fit on 1 × H200-141GB: needs ≈ 1[0-9]{3} GB per GPU, 141 GB available/,
      ),
    ]);
    const unknown = raw();
    unknown.model = { ...unknown.model, base: 'someone/unknown-model' };
    expect(problems(unknown)).toEqual([
      expect.stringMatching(/^model.architecture: someone\/unknown-model is not in the model table/),
    ]);
  });

  it('gives sane memory verdicts: 70B QLoRA marginal on one 80 GB GPU, fits on one 141 GB, full fine-tuning on one GPU does not', () => {
    const verdict = (over: (r: Record<string, Record<string, unknown>>) => void) => {
      const r = raw();
      over(r);
      const s = checkSpec(r, { checkFit: false }).spec;
      if (!s) throw new Error(problems(r).join('\n'));
      return estimateMemory(s, architectureOf(s) as NonNullable<ReturnType<typeof architectureOf>>);
    };
    expect(verdict(() => undefined).verdict).toBe('fits');
    const h100 = verdict((r) => (r.resources = { ...r.resources, gpu: 'H100-80GB' }));
    expect(h100.verdict).toBe('marginal');
    expect(h100.totalGB).toBeGreaterThan(64);
    expect(h100.totalGB).toBeLessThan(80);
    expect(verdict((r) => (r.adapter = { type: 'full' })).verdict).toBe('does-not-fit');
    // TRL's colocated vLLM loads its own bf16 copy of 70B weights: impossible on one GPU.
    const trl = verdict((r) => {
      r.engine = 'trl' as unknown as Record<string, unknown>;
      r.grpo = { ...r.grpo, vllm_gpu_memory_utilization: 0.5 };
    });
    expect(trl.verdict).toBe('does-not-fit');
    expect(trl.problems[0]).toMatch(/vLLM's bf16 copy of the weights \(141\.1 GB/);
    // QLoRA weights are ≈ 40 GB (Unsloth's figure for 70B QLoRA is 41 GB).
    expect(h100.terms.find((t) => t.name === 'weights')?.gb).toBeGreaterThan(38);
    expect(h100.terms.find((t) => t.name === 'weights')?.gb).toBeLessThan(42);
  });

  it('preflight from the CLI: the breakdown, a verdict, prompt lengths, time and cost; exit 1 when it cannot fit or has no dataset', async () => {
    const dir = tmp();
    // No dataset: nothing to judge prompt lengths, groups or steps by (it used to say "prompts 1" and exit 0).
    const none = workbench(['grpo', 'preflight', '--spec', example(), '--prompts', '1000']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^error: no GRPO training prompts in .*: the preflight cannot judge/m);
    expect(none.stderr).toMatch(/^fix: build the dataset/m);
    expect(none.stdout).toBe('');
    const d = await makeDataset(dir);
    const ds = { dataset: { path: d.dataset, traces: d.traces } };
    const ok = workbench(['grpo', 'preflight', '--spec', writeSpec(dir, ds), '--prompts', '1000']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/→ FITS/);
    expect(ok.stdout).toMatch(/time and cost: 1000 steps \(1 prompts each\)/);
    expect(ok.stdout).toMatch(/^prompt length: OK: the longest prompt is ≈ \d+ tokens, within max_prompt_length 2048/m);
    // Fault 1: TRL 0.24.0 left-truncates prompts over max_prompt_length; the preflight refuses such a spec.
    // Every rendered prompt is over 640 characters, so over 200 estimated tokens.
    const cut = workbench([
      'grpo',
      'preflight',
      '--spec',
      writeSpec(dir, { ...ds, training: { max_prompt_length: 200 } }),
    ]);
    expect(cut.code).toBe(1);
    expect(cut.stdout).toMatch(
      /^prompt length: REFUSED: \d+ prompt\(s\) exceed max_prompt_length 200 \(the longest ≈ \d+ tokens\): TRL would cut/m,
    );
    const bad = workbench([
      'grpo',
      'preflight',
      '--spec',
      writeSpec(dir, {
        ...ds,
        adapter: { type: 'full', rank: undefined, alpha: undefined, dropout: undefined, target_modules: undefined },
      }),
      '--prompts',
      '10',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/→ DOES-NOT-FIT/);
    expect(bad.stdout).toMatch(/to fit: use adapter qlora or lora/);
    const typo = join(dir, 'typo.yaml');
    writeFileSync(typo, readFileSync(example(), 'utf8').replace('learning_rate: 5e-6', 'learning_rate: "5e-6"'));
    const t = workbench(['grpo', 'bundle', '--spec', typo, '--out', join(dir, 'b')]);
    expect(t.code).toBe(1);
    expect(t.stderr).toMatch(/training.learning_rate: expected a number, got the string "5e-6"/);
  }, 120_000);
});
