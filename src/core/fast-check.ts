import type { z } from 'zod';

/**
 * A yes/no check compiled from a zod schema, for hot paths (Midgard ingest validates every
 * action): zod's safeParse builds a result object, an issue context and a copy of every object
 * it walks, which cost more than parsing the JSON. The compiled check walks the value once and
 * allocates nothing. It accepts exactly what the schema accepts (a test compares both on
 * mutated inputs); callers run zod itself only when the check says no, to get zod's message.
 * Hand-written because no installed library compiles zod (ajv would need JSON Schema and a
 * second dependency); it covers the schema kinds used for external records and throws at
 * compile time on any other, so a schema change cannot silently weaken it.
 */
export type FastCheck = (v: unknown) => boolean;

interface Def {
  typeName: string;
  [k: string]: unknown;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function compileCheck(schema: z.ZodTypeAny): FastCheck {
  const def = schema._def as Def;
  switch (def.typeName) {
    case 'ZodString':
      return stringCheck(def.checks as { kind: string; value?: number; regex?: RegExp }[]);
    case 'ZodBoolean':
      return (v) => typeof v === 'boolean';
    case 'ZodNumber': {
      const checks = def.checks as { kind: string }[];
      if (checks.length)
        throw new Error(`compileCheck: number checks (${checks.map((c) => c.kind).join(', ')}) are not supported`);
      return (v) => typeof v === 'number' && !Number.isNaN(v);
    }
    case 'ZodUnknown':
    case 'ZodAny':
      return () => true;
    case 'ZodOptional': {
      const inner = compileCheck(def.innerType as z.ZodTypeAny);
      return (v) => v === undefined || inner(v);
    }
    case 'ZodNullable': {
      const inner = compileCheck(def.innerType as z.ZodTypeAny);
      return (v) => v === null || inner(v);
    }
    case 'ZodDefault': {
      const inner = compileCheck(def.innerType as z.ZodTypeAny);
      return (v) => v === undefined || inner(v);
    }
    case 'ZodArray': {
      if (def.minLength || def.maxLength || def.exactLength)
        throw new Error('compileCheck: array length checks are not supported');
      const item = compileCheck(def.type as z.ZodTypeAny);
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!item(v[i])) return false;
        return true;
      };
    }
    case 'ZodObject': {
      if (
        (def.catchall as { _def: Def })._def.typeName !== 'ZodNever' ||
        (def.unknownKeys !== 'strip' && def.unknownKeys !== 'passthrough')
      ) {
        throw new Error('compileCheck: only objects that allow unknown keys are supported');
      }
      const shape = (def.shape as () => Record<string, z.ZodTypeAny>)();
      const fields = Object.entries(shape).map(([k, s]) => [k, compileCheck(s)] as const);
      return (v) => {
        if (!isPlainObject(v)) return false;
        for (let i = 0; i < fields.length; i++) {
          const f = fields[i] as (typeof fields)[number];
          if (!f[1](v[f[0]])) return false;
        }
        return true;
      };
    }
    default:
      throw new Error(`compileCheck: zod type ${def.typeName} is not supported`);
  }
}

function stringCheck(checks: { kind: string; value?: number; regex?: RegExp }[]): FastCheck {
  const tests: ((s: string) => boolean)[] = checks.map((c) => {
    switch (c.kind) {
      case 'min':
        return (s) => s.length >= (c.value as number);
      case 'max':
        return (s) => s.length <= (c.value as number);
      case 'regex': {
        const re = c.regex as RegExp;
        if (re.global || re.sticky) throw new Error('compileCheck: stateful (g/y) regexes are not supported');
        return (s) => re.test(s);
      }
      default:
        throw new Error(`compileCheck: string check ${c.kind} is not supported`);
    }
  });
  if (tests.length === 0) return (v) => typeof v === 'string';
  if (tests.length === 1) {
    const t = tests[0] as (s: string) => boolean;
    return (v) => typeof v === 'string' && t(v);
  }
  return (v) => typeof v === 'string' && tests.every((t) => t(v));
}
