import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/core';
import { exportPython, scoreCompletion, scoreWithPython, type RewardInput, type RewardScore } from '../../src/rewards';
import {
  calibrationCases,
  calibrationContexts,
  heldoutCases,
  HELDOUT_GAMING,
  HELDOUT_GAMING_2,
} from '../../src/calibration';
import { useTmpDir } from '../helpers/tmp';

interface Vector {
  name: string;
  why: string;
  input: RewardInput;
  expect: Record<string, number | boolean>;
}
const { vectors } = JSON.parse(readFileSync(join(__dirname, 'vectors.json'), 'utf8')) as { vectors: Vector[] };
const get = (o: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((a, k) => (a as Record<string, unknown> | undefined)?.[k], o);

function expectations(v: Vector, s: unknown): void {
  for (const [path, want] of Object.entries(v.expect)) {
    const got = get(s, path);
    if (typeof want === 'number')
      expect(
        Math.abs((got as number) - want),
        `${v.name}: ${path} = ${String(got)}, expected ${want} (${v.why})`,
      ).toBeLessThan(1e-9);
    else expect(got, `${v.name}: ${path}`).toBe(want);
  }
}

/** Every score, flag and count of two results, paired by name. */
function flatten(s: RewardScore | Record<string, unknown>): Record<string, number | boolean> {
  const out: Record<string, number | boolean> = {};
  const walk = (x: unknown, prefix: string): void => {
    if (typeof x === 'number' || typeof x === 'boolean') out[prefix] = x;
    else if (x && typeof x === 'object')
      for (const [k, v] of Object.entries(x)) if (k !== 'explanation') walk(v, prefix ? `${prefix}.${k}` : k);
  };
  walk(s, '');
  return out;
}

function expectSame(ts: RewardScore, py: unknown, what: string): void {
  const a = flatten(ts);
  const b = flatten(py as Record<string, unknown>);
  expect(Object.keys(b).sort(), `${what}: the same fields`).toEqual(Object.keys(a).sort());
  for (const [k, v] of Object.entries(a)) {
    if (typeof v === 'number')
      expect(Math.abs(v - (b[k] as number)), `${what}: ${k} TS ${v} vs Python ${String(b[k])}`).toBeLessThanOrEqual(
        1e-9,
      );
    else expect(b[k], `${what}: ${k}`).toBe(v);
  }
}

const tmp = useTmpDir();

describe('shared reward vectors', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('%s holds in TypeScript', (_name, v) => {
    expectations(v, scoreCompletion(v.input));
  });

  it('hold in the exported Python twin, which agrees with TypeScript on every score to 1e-9', async () => {
    const py = await scoreWithPython(vectors.map((v) => v.input));
    vectors.forEach((v, i) => {
      expectations(v, py.scores[i]);
      expectSame(scoreCompletion(v.input), py.scores[i], v.name);
    });
  }, 60_000);

  it('agree on calibration analyses and both held-out gaming sets too (every tier, every task)', async () => {
    const contexts = calibrationContexts({
      seed: 4,
      chains: ['ethereum', 'bitcoin'],
      from: '2025-02-01',
      to: '2025-02-28',
      stride: 3,
    });
    const cases = [
      ...calibrationCases(contexts),
      ...heldoutCases(contexts, HELDOUT_GAMING, 1),
      ...heldoutCases(contexts, HELDOUT_GAMING_2, 1),
    ];
    const py = await scoreWithPython(cases.map((c) => c.input));
    cases.forEach((c, i) => expectSame(scoreCompletion(c.input), py.scores[i], c.id));
  }, 120_000);

  it('exports a module that compiles and serves TRL-shaped reward functions', async () => {
    const dir = tmp();
    const { module } = exportPython(dir);
    expect((await runCommand('python3', ['-m', 'py_compile', module])).code).toBe(0);
    const v = vectors.find((x) => x.name === 'three-correct-calculations') as Vector;
    const script = [
      'import json, sys',
      `sys.path.insert(0, ${JSON.stringify(dir)})`,
      'import workbench_rewards as w',
      `row = json.loads(${JSON.stringify(JSON.stringify(v.input.rows[0]))})`,
      `answer = ${JSON.stringify(v.input.answer)}`,
      'prompts = [[{"role": "user", "content": "p"}]] * 2',
      'completions = [[{"role": "assistant", "content": "<think>check</think>" + answer}], [{"role": "assistant", "content": "<think>never closed"}]]',
      'print(json.dumps([w.trl_reward(prompts, completions, task=["analytical"] * 2, input_row=[row, row]), [f.__name__ for f in w.component_rewards()]]))',
    ].join('\n');
    const r = await runCommand('python3', ['-c', script]);
    expect(r.stderr).toBe('');
    const [scores, names] = JSON.parse(r.stdout) as [number[], string[]];
    expect(scores[0]).toBeGreaterThan(0);
    expect(scores[1]).toBe(0);
    expect(names).toContain('reward_calculation');
    expect(names).toContain('reward_injection');
  }, 60_000);
});
