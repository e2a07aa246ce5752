import { WorkbenchError } from '../core';
import { cellTags, sourceText, type Notebook } from './nbformat';

export type ParamKind = 'number' | 'string' | 'boolean' | 'array' | 'object';
export type ParamValue = number | string | boolean | unknown[] | Record<string, unknown>;

export interface ParamSpec {
  name: string;
  keyword: 'let' | 'const' | 'var';
  kind: ParamKind;
  defaultValue: ParamValue;
}

const DECL = /^(let|const|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*[^=]+?)?\s*=\s*(.+?)\s*;?\s*$/;

function kindOf(v: unknown): ParamKind | undefined {
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean')
    return typeof v === 'number' && Number.isNaN(v) ? undefined : (typeof v as ParamKind);
  if (Array.isArray(v)) return 'array';
  if (v !== null && typeof v === 'object') return 'object';
  return undefined;
}

/** Literal defaults as TypeScript writes them: JSON, plus single-quoted strings. */
function parseLiteral(text: string): unknown {
  const t = text.trim();
  const single = /^'((?:[^'\\]|\\.)*)'$/.exec(t);
  if (single) return JSON.parse(`"${(single[1] ?? '').replace(/\\'/g, "'").replace(/"/g, '\\"')}"`);
  return JSON.parse(t);
}

export function parametersCellIndex(nb: Notebook): number {
  const idx = nb.cells.flatMap((c, i) => (c.cell_type === 'code' && cellTags(c).includes('parameters') ? [i] : []));
  if (idx.length > 1)
    throw new WorkbenchError(
      `the notebook has ${idx.length} cells tagged "parameters"; papermill's convention allows one`,
    );
  return idx[0] ?? -1;
}

/**
 * The parameters cell holds only comments and declarations of literal defaults
 * (`let rows = 200;`), one per line: the runner reads names and types from them.
 */
export function readParameterSpecs(nb: Notebook, where: string): ParamSpec[] {
  const i = parametersCellIndex(nb);
  if (i < 0) return [];
  const specs: ParamSpec[] = [];
  sourceText(nb.cells[i]?.source)
    .split('\n')
    .forEach((raw, lineNo) => {
      const line = raw.trim();
      if (!line || line.startsWith('//')) return;
      const m = DECL.exec(line);
      let value: unknown;
      try {
        value = m ? parseLiteral(m[3] ?? '') : undefined;
      } catch {
        value = undefined;
      }
      const kind = kindOf(value);
      if (!m || !kind) {
        throw new WorkbenchError(
          `${where}: parameters cell, line ${lineNo + 1}: "${line}" is not a declaration with a literal default`,
          'write one `let name = <number | "string" | true | [..] | {..}>;` per line; validate the values with zod in the next cell',
        );
      }
      specs.push({ name: m[2] ?? '', keyword: m[1] as ParamSpec['keyword'], kind, defaultValue: value as ParamValue });
    });
  return specs;
}

function coerce(spec: ParamSpec, raw: string): ParamValue {
  const fail = (): never => {
    throw new WorkbenchError(
      `parameter ${spec.name} expects a ${spec.kind} (default ${JSON.stringify(spec.defaultValue)}), got ${JSON.stringify(raw)}`,
    );
  };
  switch (spec.kind) {
    case 'number': {
      const n = raw.trim() === '' ? NaN : Number(raw);
      return Number.isFinite(n) ? n : fail();
    }
    case 'boolean':
      if (/^(true|1|yes)$/i.test(raw)) return true;
      if (/^(false|0|no)$/i.test(raw)) return false;
      return fail();
    case 'string':
      return raw;
    case 'array':
    case 'object': {
      let v: unknown;
      try {
        v = JSON.parse(raw);
      } catch {
        return fail();
      }
      return kindOf(v) === spec.kind ? (v as ParamValue) : fail();
    }
  }
}

/** Parses `key=value` strings against the notebook's parameters; unknown or ill-typed ones are errors. */
export function resolveParams(specs: ParamSpec[], pairs: string[], where: string): Map<string, ParamValue> {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const out = new Map<string, ParamValue>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new WorkbenchError(`--param ${JSON.stringify(pair)} is not key=value`);
    const key = pair.slice(0, eq).trim();
    const spec = byName.get(key);
    if (!spec) {
      const known = specs.map((s) => s.name).join(', ') || 'none (no cell is tagged "parameters")';
      throw new WorkbenchError(`unknown parameter ${JSON.stringify(key)} for ${where}; known parameters: ${known}`);
    }
    if (out.has(key)) throw new WorkbenchError(`parameter ${key} is given twice`);
    out.set(key, coerce(spec, pair.slice(eq + 1)));
  }
  return out;
}

/** Every parameter's effective value: defaults overridden by the given ones. */
export function effectiveParams(specs: ParamSpec[], given: Map<string, ParamValue>): Record<string, ParamValue> {
  return Object.fromEntries(
    specs.map((s) => [s.name, given.has(s.name) ? (given.get(s.name) as ParamValue) : s.defaultValue]),
  );
}
