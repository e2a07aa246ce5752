import { sleep } from './sleep';

/**
 * Spaces requests to at most `rps` per second (one slot every 1000/rps ms, no bursts) and lets a
 * server's Retry-After pause every caller sharing the limiter, not just the one that got the 429.
 */
export class RateLimiter {
  private nextSlot = 0;
  private pausedUntil = 0;
  private readonly intervalMs: number;

  constructor(rps: number) {
    if (!(rps > 0)) throw new Error(`rate limit must be > 0 requests/s, got ${rps}`);
    this.intervalMs = 1000 / rps;
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.nextSlot, this.pausedUntil);
    this.nextSlot = at + this.intervalMs;
    if (at > now) await sleep(at - now, signal);
  }

  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }
}
