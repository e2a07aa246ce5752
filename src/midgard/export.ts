import { JsonlWriter } from '../core';
import type { MidgardStore } from './store';

/** Writes the stored actions back as Midgard JSON, one per line, in ascending chain order. */
export async function exportActionsJsonl(
  store: MidgardStore,
  file: string,
  opts: { chain?: string } = {},
): Promise<number> {
  const out = new JsonlWriter(file);
  let n = 0;
  try {
    for await (const raw of store.rawActions(opts)) {
      await out.writeLine(raw);
      n++;
    }
  } finally {
    await out.close();
  }
  return n;
}
