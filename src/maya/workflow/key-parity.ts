import type { MidgardAction } from '../../midgard';
import { checkKeyParity, type KeyShapes } from '../features';

/** Key parity of generated actions with the feed the model was trained on, per kind of action. */
export interface KeyParitySummary {
  /** Where the feed's key sets came from: recorded with the model, or read from the store's train block (older models). */
  source: 'model' | 'store';
  generated: number;
  /** Actions carrying every key the feed carries for their kind, no other key, values of the feed's kinds. */
  complete: number;
  perKind: Record<
    string,
    {
      generated: number;
      complete: number;
      missing: Record<string, number>;
      extra: Record<string, number>;
      wrongKind: Record<string, number>;
    }
  >;
}

export function keyParitySummary(
  actions: readonly MidgardAction[],
  shapes: KeyShapes,
  source: KeyParitySummary['source'],
): KeyParitySummary {
  const perKind: KeyParitySummary['perKind'] = {};
  let complete = 0;
  const bump = (m: Record<string, number>, k: string) => {
    m[k] = (m[k] ?? 0) + 1;
  };
  for (const a of actions) {
    const p = checkKeyParity(a, shapes);
    const k = perKind[p.kind] ?? { generated: 0, complete: 0, missing: {}, extra: {}, wrongKind: {} };
    perKind[p.kind] = k;
    k.generated++;
    if (p.ok) {
      k.complete++;
      complete++;
    }
    if (p.unknownKind) bump(k.extra, '(kind not in the feed)');
    for (const x of p.missing) bump(k.missing, x);
    for (const x of p.extra) bump(k.extra, x);
    for (const x of p.wrongKind) bump(k.wrongKind, x);
  }
  return { source, generated: actions.length, complete, perKind };
}

/** One line per kind with a gap, for the CLI and the report ("" when every action is complete). */
export function keyParityGaps(s: KeyParitySummary): string[] {
  return Object.entries(s.perKind)
    .filter(([, k]) => k.complete < k.generated)
    .map(([kind, k]) => {
      const list = (m: Record<string, number>) =>
        Object.entries(m)
          .map(([key, n]) => `${key} (${n})`)
          .join(', ');
      const parts = [
        Object.keys(k.missing).length ? `missing ${list(k.missing)}` : '',
        Object.keys(k.extra).length ? `not in the feed ${list(k.extra)}` : '',
        Object.keys(k.wrongKind).length ? `wrong kind ${list(k.wrongKind)}` : '',
      ];
      return `${kind}: ${k.generated - k.complete} of ${k.generated} incomplete: ${parts.filter(Boolean).join('; ')}`;
    });
}
