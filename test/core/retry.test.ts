import { describe, expect, it } from 'vitest';
import { retryDelay, retryScale, withRetries } from '../../src/core/retry';

describe('retry schedule', () => {
  it('doubles from the base up to the cap, with equal jitter, and honours a server wait', () => {
    const at = (r: number, u: number) =>
      retryDelay(r, { baseDelayMs: 100, maxDelayMs: 1000, random: () => u }) / retryScale();
    expect([at(1, 0), at(1, 0.999999)].map(Math.round)).toEqual([50, 100]);
    expect(at(2, 0)).toBe(100);
    expect(at(5, 0)).toBe(500); // 1600 capped at 1000, half fixed
    expect(retryDelay(3, { random: () => 0 }, 2000)).toBe(2000);
  });

  it('scales only by a sane WORKBENCH_RETRY_SCALE', () => {
    expect(retryScale({ WORKBENCH_RETRY_SCALE: '0.1' })).toBe(0.1);
    expect(retryScale({ WORKBENCH_RETRY_SCALE: 'fast' })).toBe(1);
    expect(retryScale({})).toBe(1);
  });

  it('retries until success, stops on a final error, and gives up after the retries', async () => {
    let calls = 0;
    const ok = await withRetries(async () => (++calls < 3 ? Promise.reject(new Error('flaky')) : 'done'), {
      retries: 5,
      baseDelayMs: 1,
      decide: () => ({ retry: true, reason: 'flaky' }),
    });
    expect([ok, calls]).toEqual(['done', 3]);
    calls = 0;
    await expect(
      withRetries(async () => Promise.reject(new Error(`no ${++calls}`)), {
        retries: 5,
        baseDelayMs: 1,
        decide: () => ({ retry: false }),
      }),
    ).rejects.toThrow('no 1');
    calls = 0;
    const seen: number[] = [];
    await expect(
      withRetries(async () => Promise.reject(new Error(`try ${++calls}`)), {
        retries: 2,
        baseDelayMs: 1,
        decide: () => ({ retry: true, reason: 'x' }),
        onRetry: (i) => seen.push(i.attempt),
      }),
    ).rejects.toThrow('try 3');
    expect(seen).toEqual([1, 2]);
  });
});
