import { sleep } from '../../core/sleep';

/**
 * Bounded, adaptive concurrency: at most `limit` requests in flight, where `limit` starts at the
 * configured maximum, halves on a rate-limit answer and grows back by one after 8 successes
 * in a row (about one round of requests: additive increase, multiplicative decrease). A
 * Retry-After pauses every new request.
 */
export class AdaptiveGate {
  limit: number;
  private inFlight = 0;
  private waiters: (() => void)[] = [];
  private pausedUntil = 0;
  private successes = 0;

  constructor(readonly max: number) {
    this.limit = max;
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const wait = this.pausedUntil - Date.now();
      if (wait > 0) {
        await sleep(wait, signal);
        continue;
      }
      if (this.inFlight < this.limit) {
        this.inFlight++;
        return;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  release(outcome: 'ok' | 'rate-limited' | 'error', retryAfterMs?: number): void {
    this.inFlight--;
    if (outcome === 'rate-limited') {
      this.limit = Math.max(1, Math.floor(this.limit / 2));
      this.successes = 0;
      if (retryAfterMs) this.pausedUntil = Math.max(this.pausedUntil, Date.now() + retryAfterMs);
    } else if (outcome === 'ok' && this.limit < this.max && ++this.successes >= 8) {
      this.limit++;
      this.successes = 0;
    }
    const wake = this.waiters.splice(0);
    for (const w of wake) w();
  }
}
