import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileCheck, createRng } from '../../src/core';
import { ActionSchema, simulateActions } from '../../src/midgard';

describe('compileCheck', () => {
  it('follows zod on the kinds it supports (hand-picked cases)', () => {
    const s = z.object({
      a: z.string().regex(/^\d+$/),
      b: z.array(z.object({ c: z.boolean() })).optional(),
      d: z.string().min(1).nullable(),
      e: z.unknown(),
    });
    const check = compileCheck(s);
    const cases: unknown[] = [
      { a: '12', d: 'x', e: 1 },
      { a: '12', d: null },
      { a: '1x', d: 'x' },
      { a: '12', d: '' },
      { a: '12', d: 'x', b: [{ c: true }, { c: 'no' }] },
      { a: '12', d: 'x', b: [], extra: { anything: 1 } },
      [],
      null,
      { d: 'x' },
    ];
    for (const c of cases) expect(check(c), JSON.stringify(c)).toBe(s.safeParse(c).success);
  });

  it('follows zod on numbers, bounds, defaults, nesting and keys that need quoting (hand-picked cases)', () => {
    const s = z.object({
      'a "quoted" key\\': z.number(),
      'line\nbreak': z.string().min(2).max(3).optional(),
      n: z.array(z.array(z.object({ x: z.string().default('d') }).nullable())),
    });
    const check = compileCheck(s);
    const ok = { 'a "quoted" key\\': 1, n: [[null, { x: 'a' }, {}], []] };
    const cases: unknown[] = [
      ok,
      { ...ok, 'a "quoted" key\\': Number.NaN },
      { ...ok, 'a "quoted" key\\': '1' },
      { ...ok, 'line\nbreak': 'ab' },
      { ...ok, 'line\nbreak': 'abc' },
      { ...ok, 'line\nbreak': 'a' },
      { ...ok, 'line\nbreak': 'abcd' },
      { ...ok, n: [[{ x: 1 }]] },
      { ...ok, n: [{ x: 'a' }] },
      { ...ok, n: [[undefined]] },
      { n: [] },
    ];
    const answers = cases.map((c) => check(c));
    for (const [i, c] of cases.entries()) expect(answers[i], JSON.stringify(c)).toBe(s.safeParse(c).success);
    // Hand-derived: the first, and those with a 2- or 3-character string, pass.
    expect(answers).toEqual([true, false, false, true, true, false, false, false, false, false, false]);
  });

  it('refuses schema kinds it cannot mirror, instead of checking less', () => {
    expect(() => compileCheck(z.object({ a: z.string().email() }))).toThrow('string check email');
    expect(() => compileCheck(z.object({ a: z.number().int() }))).toThrow('number checks');
    expect(() => compileCheck(z.object({}).strict())).toThrow('unknown keys');
    expect(() => compileCheck(z.union([z.string(), z.number()]))).toThrow('ZodUnion');
  });

  it('accepts exactly what ActionSchema accepts, on simulated actions and thousands of mutations of them', () => {
    const check = compileCheck(ActionSchema);
    const actions = [...simulateActions({ seed: 4 }, 400)];
    const rng = createRng(9);
    const junk = [undefined, null, '', 'x', '-1', '1.5', '12', 0, 7, true, [], {}, [{}], { asset: 'A', amount: '1' }];
    /** Replaces or deletes one value at a random path of a deep copy. */
    const mutate = (a: unknown): unknown => {
      const copy = JSON.parse(JSON.stringify(a)) as Record<string, unknown>;
      let node: Record<string, unknown> | unknown[] = copy;
      for (let depth = 0; depth < 6; depth++) {
        const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
        if (!keys.length) break;
        const k = keys[rng.int(keys.length)] as string | number;
        const child = (node as Record<string | number, unknown>)[k];
        if (child && typeof child === 'object' && rng.next() < 0.7) {
          node = child as Record<string, unknown>;
          continue;
        }
        const v = junk[rng.int(junk.length)];
        if (v === undefined && !Array.isArray(node)) delete (node as Record<string, unknown>)[k];
        else (node as Record<string | number, unknown>)[k] = v;
        break;
      }
      return copy;
    };
    let rejected = 0;
    for (const a of actions) expect(check(a)).toBe(true);
    for (let i = 0; i < 6000; i++) {
      const m = mutate(actions[rng.int(actions.length)]);
      const want = ActionSchema.safeParse(m).success;
      if (!want) rejected++;
      expect(check(m), JSON.stringify(m)).toBe(want);
    }
    // The mutations must exercise both answers, or the comparison proves little.
    expect(rejected).toBeGreaterThan(1000);
    expect(rejected).toBeLessThan(5900);
  });
});
