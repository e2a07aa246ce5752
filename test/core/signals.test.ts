import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { anySignal } from '../../src/core/signals';

describe('anySignal', () => {
  it('aborts with the first source and leaves no listener behind on a long-lived source', () => {
    const long = new AbortController();
    for (let i = 0; i < 200; i++) anySignal([long.signal, new AbortController().signal]);
    expect(getEventListeners(long.signal, 'abort').length).toBeLessThan(5);
    const a = new AbortController();
    const s = anySignal([long.signal, a.signal]);
    a.abort(new Error('stop'));
    expect(s.aborted).toBe(true);
    expect((s.reason as Error).message).toBe('stop');
  });
});
