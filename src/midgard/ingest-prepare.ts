import { sha256 } from '../core';
import { actionIdentity } from './identity';
import { validateAction } from './schema';

export interface PageInput {
  source: string;
  chain: string;
  url: string;
  actions: unknown[];
  /** Sync state to record in the same transaction as the page (resume point). */
  checkpoint: string;
}

export interface QuarantineEntry {
  id: string;
  reason: string;
  raw: string;
}

/**
 * A page after the JS half of ingest (validation, identity, serialisation), ready to store: only
 * strings, so the parsed actions can die young. Sync prepares each page as it arrives and holds
 * these until the batch commits; holding the parsed pages instead cost more in young-generation
 * garbage collection (every scavenge copied the whole batch's objects) than the insert itself.
 */
export interface PreparedPage {
  source: string;
  chain: string;
  url: string;
  checkpoint: string;
  received: number;
  /** Identities of the valid actions, in page order. */
  ids: string[];
  /** Their raw JSON (JSON.stringify of the validated object, as stored), joined by "\n". */
  raws: string;
  /** End offset of each action's JSON in raws. */
  ends: number[];
  /** Height range of the valid actions; undefined when there are none. */
  minHeight?: bigint;
  maxHeight?: bigint;
  /** Valid actions dropped as repeats of an earlier one in the same batch (set by dedupeBatch). */
  repeats: number;
  bad: QuarantineEntry[];
}

/** Validates and identifies every action of a page; malformed ones carry zod's wording for the quarantine. */
export function preparePage(page: PageInput): PreparedPage {
  const ids: string[] = [];
  const parts: string[] = [];
  const ends: number[] = [];
  const bad: QuarantineEntry[] = [];
  let end = -1;
  // Heights of up to 15 digits (below 2^53) are compared as numbers, longer ones as BigInt (a
  // number and a bigint compare exactly in JS): BigInt() of every height cost ~0.2 µs an action.
  let minHeight: number | bigint | undefined;
  let maxHeight: number | bigint | undefined;
  for (const raw of page.actions) {
    const v = validateAction(raw);
    if (!v.ok) {
      const rawJson = JSON.stringify(raw) ?? 'undefined';
      bad.push({ id: sha256(rawJson), reason: v.reason, raw: rawJson });
      continue;
    }
    ids.push(actionIdentity(v.action));
    // JSON.stringify never writes a raw newline (it escapes them inside strings), so "\n" separates.
    const json = JSON.stringify(raw);
    parts.push(json);
    end += json.length + 1;
    ends.push(end);
    const h = v.action.height;
    const height = h.length <= 15 ? Number(h) : BigInt(h);
    if (minHeight === undefined || height < minHeight) minHeight = height;
    if (maxHeight === undefined || height > maxHeight) maxHeight = height;
  }
  const { source, chain, url, checkpoint } = page;
  return {
    source,
    chain,
    url,
    checkpoint,
    received: page.actions.length,
    ids,
    raws: parts.join('\n'),
    ends,
    minHeight: minHeight === undefined ? undefined : BigInt(minHeight),
    maxHeight: maxHeight === undefined ? undefined : BigInt(maxHeight),
    repeats: 0,
    bad,
  };
}

/**
 * Drops actions that repeat an earlier one of the same batch (same identity), keeping the first,
 * as the store keeps the first copy it sees. Repeats are rare (page overlap), so a page without
 * any is left as it is and one with some is rebuilt from slices of its joined JSON.
 */
export function dedupeBatch(pages: PreparedPage[]): PreparedPage[] {
  const seen = new Set<string>();
  return pages.map((p) => {
    let keep: number[] | undefined;
    for (let i = 0; i < p.ids.length; i++) {
      const id = p.ids[i] as string;
      if (!seen.has(id)) {
        seen.add(id);
        keep?.push(i);
      } else if (!keep) keep = Array.from({ length: i }, (_, k) => k);
    }
    if (!keep) return p;
    const start = (i: number) => (i === 0 ? 0 : (p.ends[i - 1] as number) + 1);
    const parts = keep.map((i) => p.raws.slice(start(i), p.ends[i]));
    let end = -1;
    return {
      ...p,
      ids: keep.map((i) => p.ids[i] as string),
      raws: parts.join('\n'),
      ends: parts.map((s) => {
        end += s.length + 1;
        return end;
      }),
      repeats: p.repeats + p.ids.length - keep.length,
    };
  });
}
