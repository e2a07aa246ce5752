import { z } from 'zod';
import type { MidgardAction } from '../../midgard';

/**
 * The key sets of a feed, per kind of action: which keys every action of the kind carries and
 * which value kinds each key took. Recorded from the train block with the feature artifacts (so
 * with every model), and checked against generated actions: the Midgard schema makes most keys
 * optional, so "schema-valid" alone says nothing about whether a generated action looks like the
 * feed. Paths: `metadata.swap.memo`, `out[].height`, `in[].coins[].amount` (arrays as `[]`,
 * union over elements; an empty array contributes only its own key).
 */

/** Value kinds; numeric strings are told apart because Midgard sends every number as a string. */
export const VALUE_KINDS = [
  'uint',
  'int',
  'decimal',
  'string',
  'boolean',
  'number',
  'array',
  'object',
  'null',
] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

export const KindShapeSchema = z.object({
  /** Train-block actions of this kind. */
  actions: z.number().int().min(1),
  /** Keys present on every one of them. */
  always: z.array(z.string()),
  /** Every key seen, with the value kinds it took. */
  kinds: z.record(z.string(), z.array(z.enum(VALUE_KINDS))),
});
export const KeyShapesSchema = z.record(z.string(), KindShapeSchema);
export type KeyShapes = z.infer<typeof KeyShapesSchema>;

const DECIMAL = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export function valueKind(v: unknown): ValueKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'string':
      return /^\d+$/.test(v) ? 'uint' : /^-\d+$/.test(v) ? 'int' : DECIMAL.test(v) && v !== '' ? 'decimal' : 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    default:
      return 'object';
  }
}

/** A numeric string fits a wider numeric kind the feed used ("0" is a fine asymmetry when the feed had "0.5"). */
const FITS: Record<ValueKind, readonly ValueKind[]> = {
  uint: ['uint', 'int', 'decimal'],
  int: ['int', 'decimal'],
  decimal: ['decimal'],
  string: ['string'],
  boolean: ['boolean'],
  number: ['number'],
  array: ['array'],
  object: ['object'],
  null: ['null'],
};

/** The kind key sets are kept under: the type, with streaming swaps apart (they alone carry `streamingSwapMeta`). */
export function shapeKind(a: MidgardAction): string {
  return a.type === 'swap' && a.metadata.swap?.isStreamingSwap === true ? 'swap/streaming' : a.type;
}

/** Every key path of an action with the kinds of value found there. */
export function keyPaths(a: unknown): Map<string, Set<ValueKind>> {
  const out = new Map<string, Set<ValueKind>>();
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) {
      for (const e of v)
        if (e !== null && typeof e === 'object' && !Array.isArray(e))
          walkObject(e as Record<string, unknown>, `${path}[]`);
      return;
    }
    if (v !== null && typeof v === 'object') walkObject(v as Record<string, unknown>, path);
  };
  const walkObject = (o: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(o)) {
      const p = prefix ? `${prefix}.${k}` : k;
      let s = out.get(p);
      if (!s) {
        s = new Set();
        out.set(p, s);
      }
      s.add(valueKind(v));
      walk(v, p);
    }
  };
  walk(a, '');
  return out;
}

/**
 * Accumulates key shapes over a stream of actions. Each action is reduced to a shape id (few
 * distinct shapes exist), so the shapes of any prefix of the stream (the train block) can be
 * read after the stream ends.
 */
export class KeyShapeRecorder {
  private readonly ids = new Map<string, number>();
  private readonly distinct: { kind: string; paths: Map<string, Set<ValueKind>> }[] = [];
  private readonly perAction: number[] = [];

  get count(): number {
    return this.perAction.length;
  }

  add(a: MidgardAction): void {
    const kind = shapeKind(a);
    const paths = keyPaths(a);
    const sig = `${kind}\n${[...paths]
      .map(([p, k]) => `${p}=${[...k].sort().join('|')}`)
      .sort()
      .join('\n')}`;
    let id = this.ids.get(sig);
    if (id === undefined) {
      id = this.distinct.length;
      this.ids.set(sig, id);
      this.distinct.push({ kind, paths });
    }
    this.perAction.push(id);
  }

  /** Shapes of the first `end` actions added (default all). */
  shapes(end = this.perAction.length): KeyShapes {
    const uses = new Array<number>(this.distinct.length).fill(0);
    for (let i = 0; i < Math.min(end, this.perAction.length); i++) (uses[this.perAction[i] as number] as number)++;
    const byKind = new Map<
      string,
      { actions: number; counts: Map<string, number>; kinds: Map<string, Set<ValueKind>> }
    >();
    this.distinct.forEach((d, id) => {
      const n = uses[id] as number;
      if (!n) return;
      let k = byKind.get(d.kind);
      if (!k) {
        k = { actions: 0, counts: new Map(), kinds: new Map() };
        byKind.set(d.kind, k);
      }
      k.actions += n;
      for (const [p, vk] of d.paths) {
        k.counts.set(p, (k.counts.get(p) ?? 0) + n);
        let s = k.kinds.get(p);
        if (!s) {
          s = new Set();
          k.kinds.set(p, s);
        }
        for (const x of vk) s.add(x);
      }
    });
    const out: KeyShapes = {};
    for (const [kind, k] of [...byKind].sort(([a], [b]) => a.localeCompare(b))) {
      const keys = [...k.counts.keys()].sort();
      out[kind] = {
        actions: k.actions,
        always: keys.filter((p) => k.counts.get(p) === k.actions),
        kinds: Object.fromEntries(keys.map((p) => [p, [...(k.kinds.get(p) ?? [])].sort()])),
      };
    }
    return out;
  }
}

export function recordKeyShapes(actions: Iterable<MidgardAction>): KeyShapes {
  const r = new KeyShapeRecorder();
  for (const a of actions) r.add(a);
  return r.shapes();
}

export interface KeyParity {
  kind: string;
  /** The feed has no action of this kind. */
  unknownKind: boolean;
  /** Keys every feed action of the kind carries that this one lacks. */
  missing: string[];
  /** Keys the feed never had for the kind. */
  extra: string[];
  /** Keys whose value kind the feed never used there (`path: got kind, feed kinds`). */
  wrongKind: string[];
  ok: boolean;
}

export function checkKeyParity(a: MidgardAction, shapes: KeyShapes): KeyParity {
  const kind = shapeKind(a);
  const want = shapes[kind];
  const paths = keyPaths(a);
  if (!want) return { kind, unknownKind: true, missing: [], extra: [], wrongKind: [], ok: false };
  const missing = want.always.filter((p) => !paths.has(p));
  const extra: string[] = [];
  const wrongKind: string[] = [];
  for (const [p, got] of paths) {
    const feed = want.kinds[p];
    if (!feed) {
      extra.push(p);
      continue;
    }
    for (const g of got)
      if (!FITS[g].some((f) => feed.includes(f))) wrongKind.push(`${p}: ${g}, feed ${feed.join('|')}`);
  }
  return {
    kind,
    unknownKind: false,
    missing,
    extra,
    wrongKind,
    ok: !missing.length && !extra.length && !wrongKind.length,
  };
}
