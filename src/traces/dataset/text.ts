import { fmix32 } from '../../core/hash';

/**
 * Text fingerprints for de-duplication: a normal form (case, whitespace and punctuation
 * differences do not count), word shingles, MinHash signatures and exact Jaccard similarity.
 */

/** Lowercase, NFKC, punctuation to spaces (a sign before a digit kept: +5% ≠ -5%), whitespace collapsed. */
export function normalizeText(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\u2212/g, '-')
    .replace(/[^\p{L}\p{N}+-]+/gu, ' ')
    .replace(/[+-](?!\d)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** FNV-1a 32-bit hash of a string (UTF-16 code units), then mixed. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h >>> 0);
}

/** Hashed word k-shingles of the normal form (a text shorter than k words is one shingle). */
export function shingles(text: string, k = 5): Set<number> {
  const words = normalizeText(text).split(' ').filter(Boolean);
  const out = new Set<number>();
  if (words.length <= k) {
    if (words.length) out.add(hash32(words.join(' ')));
    return out;
  }
  for (let i = 0; i + k <= words.length; i++) out.add(hash32(words.slice(i, i + k).join(' ')));
  return out;
}

/** |A ∩ B| / |A ∪ B| (two empty sets are identical: 1). */
export function jaccard(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (!a.size && !b.size) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/**
 * MinHash signature of `n` values: hash i of x is h1(x) + i·h2(x) mod 2^32 (double hashing,
 * one multiply per value and hash), and each slot keeps the minimum over the set.
 */
export function minhash(set: ReadonlySet<number>, n: number): Uint32Array {
  const sig = new Uint32Array(n).fill(0xffffffff);
  for (const x of set) {
    const h2 = (fmix32((x ^ 0x9e3779b9) >>> 0) | 1) >>> 0;
    let h = x >>> 0;
    for (let i = 0; i < n; i++) {
      if (h < (sig[i] as number)) sig[i] = h;
      h = (h + h2) >>> 0;
    }
  }
  return sig;
}
