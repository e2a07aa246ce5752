import { describe, expect, it } from 'vitest';
import { retryAfterMsOf } from '../../../src/traces/llm';

describe('retryAfterMsOf', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('prefers retry-after-ms, then Retry-After seconds, then a spent rate-limit window', () => {
    expect(retryAfterMsOf(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }), now)).toBe(1500);
    expect(retryAfterMsOf(new Headers({ 'retry-after': '3' }), now)).toBe(3000);
    expect(
      retryAfterMsOf(new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now + 4200) }), now),
    ).toBe(4200);
    // Seconds since the epoch are accepted too.
    expect(
      retryAfterMsOf(new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 2) }), now),
    ).toBe(2000);
    // A window with requests left is no reason to wait.
    expect(
      retryAfterMsOf(new Headers({ 'x-ratelimit-remaining': '12', 'x-ratelimit-reset': String(now + 4200) }), now),
    ).toBeUndefined();
    expect(retryAfterMsOf(new Headers({}), now)).toBeUndefined();
  });
});
