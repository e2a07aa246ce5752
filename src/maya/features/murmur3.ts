/**
 * MurmurHash3 x86_32 over the UTF-8 bytes of a string, returned signed like Python's
 * `mmh3.hash(s)` (seed 0 by default), so address buckets match the earlier Python model.
 */
export function murmur3(text: string, seed = 0): number {
  const bytes = Buffer.from(text, 'utf8');
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  const len = bytes.length;
  const blocks = len - (len % 4);
  let h = seed >>> 0;
  for (let i = 0; i < blocks; i += 4) {
    let k =
      (bytes[i] as number) |
      ((bytes[i + 1] as number) << 8) |
      ((bytes[i + 2] as number) << 16) |
      ((bytes[i + 3] as number) << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  // Tail: the last 1-3 bytes, little-endian.
  let k = 0;
  const rest = len & 3;
  if (rest === 3) k ^= (bytes[blocks + 2] as number) << 16;
  if (rest >= 2) k ^= (bytes[blocks + 1] as number) << 8;
  if (rest >= 1) {
    k ^= bytes[blocks] as number;
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }
  // Finalisation mix.
  h ^= len;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Bucket in [0, n) with Python's modulo semantics: ((h mod n) + n) mod n. */
export function hashBucket(text: string, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`bucket count must be a positive integer, got ${n}`);
  return ((murmur3(text) % n) + n) % n;
}
