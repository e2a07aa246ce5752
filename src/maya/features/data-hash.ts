import { createHash, type Hash } from 'node:crypto';
import type { MidgardAction } from '../../midgard';

/** How `data.sha256` is computed, recorded in the artifacts. */
export const DATA_HASH_METHOD =
  'sha256 of canonical JSON lines (keys sorted by UTF-16 code unit, no spaces, one action per line, in feed order)';

/** JSON with object keys sorted recursively; undefined members are dropped as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(obj).sort()) {
    const v = obj[k];
    if (v !== undefined) parts.push(`${JSON.stringify(k)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/** Streams the hash of the ordered actions: the identity of the data features were fitted on. */
export class ActionsHasher {
  private readonly h: Hash = createHash('sha256');
  count = 0;

  add(action: MidgardAction): void {
    this.h.update(canonicalJson(action));
    this.h.update('\n');
    this.count++;
  }

  digest(): string {
    return this.h.digest('hex');
  }
}

/** Hash of a whole stream, to check a store against artifacts without building features. */
export async function hashActions(
  actions: Iterable<MidgardAction> | AsyncIterable<MidgardAction>,
): Promise<{ sha256: string; count: number }> {
  const h = new ActionsHasher();
  for await (const a of actions) h.add(a);
  return { sha256: h.digest(), count: h.count };
}
