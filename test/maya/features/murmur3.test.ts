import { describe, expect, it } from 'vitest';
import { hashBucket, murmur3 } from '../../../src/maya/features';

// Expected values from Python `mmh3.hash` (mmh3 5.3.0, MurmurHash3 x86_32, signed), computed
// outside this code; "The quick brown fox…" = 0x2e4ff723 is also a widely published vector.
const VECTORS: [string, number][] = [
  ['', 0],
  ['foo', -156908512],
  ['hello', 613153351],
  ['a', 1009084850],
  ['ab', -1681926305],
  ['abc', -1277324294],
  ['abcd', 1139631978],
  ['abcde', -392455434],
  ['Hello, world!', -1070186941],
  ['The quick brown fox jumps over the lazy dog', 0x2e4ff723],
  ['héllo ✓', 1983529482],
  ['0xaa278b62225f6dbc4436de8fa3dd195e1542d159', -228716293],
  ['maya14mh37ua4vkyur0l5ra297a4la6tmf95mtjy3zy', 1707950999],
];

describe('murmur3 (x86_32, signed like mmh3.hash)', () => {
  it.each(VECTORS)('hash(%j) = %d', (s, h) => {
    expect(murmur3(s)).toBe(h);
  });

  it('honours the seed', () => {
    expect(murmur3('foo', 42)).toBe(-1322301282);
    expect(murmur3('hello', 1)).toBe(-1152729939);
  });

  it('buckets with Python modulo semantics (never negative)', () => {
    // Python: mmh3.hash(s) % n
    expect(hashBucket('foo', 1024)).toBe(32);
    expect(hashBucket('foo', 7)).toBe(2);
    expect(hashBucket('foo', 1000)).toBe(488);
    expect(hashBucket('abc', 1000)).toBe(706);
    expect(hashBucket('hello', 7)).toBe(6);
    expect(hashBucket('Hello, world!', 1000)).toBe(59);
    expect(hashBucket('0xaa278b62225f6dbc4436de8fa3dd195e1542d159', 1024)).toBe(251);
    expect(() => hashBucket('x', 0)).toThrow(/positive integer/);
  });
});
