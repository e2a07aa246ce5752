import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, RAY_SUBMIT_FIELDS, writeBundle } from '../../src/grpo';
import { useTmpDir } from '../helpers/tmp';
import { checkBundle, loadFacts, probe, satisfies, type Facts, type ProbeResult } from './conformance';
import { makeDataset, writeSpec } from './helpers';

const tmp = useTmpDir();
const EXAMPLES = ['llama-3.3-70b-qlora.yaml', 'llama-3.3-70b-lora-zero3.yaml'] as const;

describe('GRPO bundles against the facts of the pinned TRL, Unsloth, accelerate, DeepSpeed, SkyPilot and Ray', () => {
  const bundles: Record<string, { dir: string; probe: ProbeResult }> = {};
  // One folder for the whole file (the bundles are shared by its tests), removed after them.
  const dir = mkdtempSync(join(tmpdir(), 'wb-conformance-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(async () => {
    const d = await makeDataset(dir);
    for (const file of EXAMPLES) {
      const out = join(dir, file.replace('.yaml', ''));
      writeBundle(loadSpec(writeSpec(dir, { dataset: { path: d.dataset, traces: null } }, file)), out);
      bundles[file] = { dir: out, probe: await probe(out) };
    }
  }, 120_000);
  const b = (file: (typeof EXAMPLES)[number]) => bundles[file] as { dir: string; probe: ProbeResult };
  const problemsWith = (file: (typeof EXAMPLES)[number], breakFact: (f: Facts) => void): string[] => {
    const facts = loadFacts();
    breakFact(facts);
    return checkBundle(b(file).dir, b(file).probe, facts);
  };

  it("reads PEP 440 specifiers as pip does (cases from the packages' own metadata)", () => {
    expect(satisfies('4.57.1', '>=4.51.3,!=4.52.0,!=4.57.0,<=4.57.2')).toBe(true);
    expect(satisfies('4.57.1', '>=4.51.3,<=4.56.2')).toBe(false);
    expect(satisfies('4.1.1', '>=3.4.1,!=4.0.*,!=4.1.0,<4.4.0')).toBe(true);
    expect(satisfies('4.0.3', '>=3.4.1,!=4.0.*')).toBe(false);
    expect(satisfies('0.24.0', '>=0.18.2,!=0.19.0,<=0.23.0')).toBe(false);
  });

  for (const file of EXAMPLES) {
    it(`${file}: every fact holds`, () => {
      expect(checkBundle(b(file).dir, b(file).probe, loadFacts())).toEqual([]);
      // Every reward function was called as TRL calls it, and returned one number (or None) per completion.
      expect(b(file).probe.reward_calls.length).toBeGreaterThan(5);
    });
  }

  it('fault 1: a GRPOConfig without max_prompt_length (TRL cuts prompts at 512) is reported', () => {
    const zero3 = b('llama-3.3-70b-lora-zero3.yaml');
    const without = { ...zero3.probe, grpo_args: { ...zero3.probe.grpo_args } };
    delete without.grpo_args.max_prompt_length;
    expect(checkBundle(zero3.dir, without, loadFacts())).toContain(
      "max_prompt_length is not passed to GRPOConfig (TRL's default 512 would cut longer prompts)",
    );
    expect(
      problemsWith(
        'llama-3.3-70b-lora-zero3.yaml',
        (f) => delete (f.trl.GRPOConfig as Record<string, unknown>).max_prompt_length,
      ),
    ).toContain('GRPOConfig of TRL 0.24.0 has no field max_prompt_length');
  });

  it('fault 2: pins that cannot install together are reported (the Unsloth release that required trl<=0.23.0)', () => {
    const p = problemsWith('llama-3.3-70b-qlora.yaml', (f) => {
      const req = (f.unsloth.requires as { huggingfacenotorch: string[] }).huggingfacenotorch;
      req[req.findIndex((r) => r.startsWith('trl'))] = 'trl>=0.18.2,!=0.19.0,<=0.23.0';
    });
    expect(p).toContain('unsloth 2025.11.4 requires trl>=0.18.2,!=0.19.0,<=0.23.0, the bundle pins trl==0.24.0');
    expect(
      problemsWith(
        'llama-3.3-70b-qlora.yaml',
        (f) => ((f.unsloth.unsloth_zoo as { version: string }).version = '2025.12.1'),
      ),
    ).toContain('unsloth imports unsloth_zoo: the bundle pins 2025.11.5, the facts are of 2025.12.1');
    expect(
      problemsWith(
        'llama-3.3-70b-lora-zero3.yaml',
        (f) => ((f.trl.dependencies as string[])[2] = 'transformers>=4.58.0'),
      ),
    ).toContain('trl 0.24.0 requires transformers>=4.58.0, the bundle pins transformers==4.57.1');
  });

  it('fault 3: flash-attn in requirements.txt, or not installed after it without build isolation, is reported', () => {
    const dir = join(tmp(), 'b');
    cpSync(b('llama-3.3-70b-lora-zero3.yaml').dir, dir, { recursive: true });
    writeFileSync(
      join(dir, 'requirements.txt'),
      `${readFileSync(join(dir, 'requirements.txt'), 'utf8')}flash-attn==2.8.3\n`,
    );
    writeFileSync(join(dir, 'install.sh'), 'python3 -m pip install -r requirements.txt\n');
    const p = checkBundle(dir, b('llama-3.3-70b-lora-zero3.yaml').probe, loadFacts());
    expect(p).toContain(
      'flash-attn is in requirements.txt: its build imports torch, so it fails under build isolation in the same pip install',
    );
    expect(p).toContain('install.sh does not install flash-attn with --no-build-isolation after requirements.txt');
  });

  it('fault 4: train.py loading the model before the trainer config exists (ZeRO-3 cannot shard the load) is reported', () => {
    const zero3 = b('llama-3.3-70b-lora-zero3.yaml');
    const config = zero3.probe.train_py_calls.filter((c) => /Config$/.test(c.call) && c.call.startsWith('trl.'));
    expect(config.length).toBeGreaterThan(0);
    const swapped = {
      ...zero3.probe,
      train_py_calls: zero3.probe.train_py_calls.map((c) =>
        c.call === 'AutoModelForCausalLM.from_pretrained' ? { ...c, line: 1 } : c,
      ),
    };
    expect(checkBundle(zero3.dir, swapped, loadFacts()).join('\n')).toMatch(
      /train.py loads the model \(line 1\) before it creates the trainer config/,
    );
  });

  it('config keys, flags and states unknown to the pinned releases are reported', () => {
    expect(
      problemsWith(
        'llama-3.3-70b-lora-zero3.yaml',
        (f) =>
          (f.accelerate.deepspeedConfigKeys = (f.accelerate.deepspeedConfigKeys as string[]).filter(
            (k) => k !== 'zero3_init_flag',
          )),
      ),
    ).toContain('accelerate 1.10.1 has no deepspeed_config key zero3_init_flag');
    expect(
      problemsWith(
        'llama-3.3-70b-lora-zero3.yaml',
        (f) =>
          (f.accelerate.launchFlags = (f.accelerate.launchFlags as string[]).filter((k) => k !== '--machine_rank')),
      ),
    ).toContain('accelerate launch 1.10.1 has no flag --machine_rank');
    expect(
      problemsWith(
        'llama-3.3-70b-lora-zero3.yaml',
        (f) =>
          (f.deepspeed.zeroOptimizationKeys = (f.deepspeed.zeroOptimizationKeys as string[]).filter(
            (k) => k !== 'stage3_prefetch_bucket_size',
          )),
      ),
    ).toContain('DeepSpeed 0.16.4 forbids the zero_optimization key stage3_prefetch_bucket_size');
    expect(
      problemsWith(
        'llama-3.3-70b-lora-zero3.yaml',
        (f) => delete (f.trl.vllmServe as { ScriptArguments: Record<string, unknown> }).ScriptArguments.max_model_len,
      ),
    ).toContain('trl vllm-serve of TRL 0.24.0 has no flag --max-model-len');
    expect(
      problemsWith(
        'llama-3.3-70b-qlora.yaml',
        (f) => ((f.unsloth['FastLanguageModel.from_pretrained'] as { params: string[] }).params = ['model_name']),
      ),
    ).toContain('FastLanguageModel.from_pretrained of unsloth 2025.11.4 has no parameter fast_inference');
    expect(
      problemsWith(
        'llama-3.3-70b-qlora.yaml',
        (f) => (f.skypilot.taskKeys = (f.skypilot.taskKeys as string[]).filter((k) => k !== 'secrets')),
      ),
    ).toContain("SkyPilot's task schema has no key secrets");
    expect(
      problemsWith('llama-3.3-70b-qlora.yaml', (f) => (f.skypilot.ManagedJobStatus as string[]).push('PAUSED')),
    ).toContain("SkyPilot's managed job status PAUSED is not handled");
    expect(problemsWith('llama-3.3-70b-qlora.yaml', (f) => (f.ray.JobStatus as string[]).push('SUSPENDED'))).toContain(
      "Ray's job status SUSPENDED is not handled",
    );
  });

  it("the Ray stand-in accepts exactly the fields of Ray's JobSubmitRequest", () => {
    expect([...RAY_SUBMIT_FIELDS].sort()).toEqual([...(loadFacts().ray.JobSubmitRequest as string[])].sort());
  });
});
