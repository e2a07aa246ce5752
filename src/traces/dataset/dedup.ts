import { sha256 } from '../../core/hash';
import { jaccard, minhash, normalizeText, shingles } from './text';

export interface DedupOptions {
  /** Jaccard similarity of word shingles at or above which two texts are near-duplicates (0.9). */
  threshold?: number;
  /** Words per shingle (5). */
  shingleSize?: number;
  /** LSH bands × rows = MinHash size; 16 × 8 finds pairs at Jaccard 0.9 with probability > 0.999. */
  bands?: number;
  rows?: number;
}

export interface DedupResult {
  /** Indices kept, in input order. */
  kept: number[];
  exact: { index: number; duplicateOf: number }[];
  near: { index: number; duplicateOf: number; similarity: number }[];
}

/**
 * Exact and near-duplicate removal over texts given in priority order (the first of a group is
 * kept: callers sort earliest first). Exact = same sha256 of the normal form. Near = Jaccard of
 * word shingles ≥ threshold against any kept text; MinHash LSH only proposes candidates, the
 * exact Jaccard decides, so no pair below the threshold is ever dropped.
 */
export function dedupe(texts: readonly string[], opts: DedupOptions = {}): DedupResult {
  const threshold = opts.threshold ?? 0.9;
  const k = opts.shingleSize ?? 5;
  const bands = opts.bands ?? 16;
  const rows = opts.rows ?? 8;
  const out: DedupResult = { kept: [], exact: [], near: [] };
  const byHash = new Map<string, number>();
  const buckets = new Map<string, number[]>();
  texts.forEach((text, index) => {
    const h = sha256(normalizeText(text));
    const same = byHash.get(h);
    if (same !== undefined) {
      out.exact.push({ index, duplicateOf: same });
      return;
    }
    const sh = shingles(text, k);
    const sig = minhash(sh, bands * rows);
    const keys: string[] = [];
    for (let b = 0; b < bands; b++) keys.push(`${b}:${Array.from(sig.subarray(b * rows, (b + 1) * rows)).join(',')}`);
    const candidates = new Set<number>();
    for (const key of keys) for (const c of buckets.get(key) ?? []) candidates.add(c);
    let best: { duplicateOf: number; similarity: number } | null = null;
    for (const c of [...candidates].sort((a, b) => a - b)) {
      const sim = jaccard(sh, shingles(texts[c] as string, k)); // recomputed: candidates are rare, memory stays O(n · signature)
      if (sim >= threshold && (!best || sim > best.similarity)) best = { duplicateOf: c, similarity: sim };
    }
    if (best) {
      out.near.push({ index, ...best });
      return;
    }
    byHash.set(h, index);
    for (const key of keys) {
      const list = buckets.get(key);
      if (list) list.push(index);
      else buckets.set(key, [index]);
    }
    out.kept.push(index);
  });
  return out;
}
