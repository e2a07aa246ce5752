import {
  actionIdentity,
  MAX_LIMIT,
  validateAction,
  type MidgardAction,
  type MidgardClient,
  type MidgardPool,
} from '../../midgard';

/** The feed's health as the page shows it. */
export interface FeedHealth {
  status: 'starting' | 'ok' | 'outage';
  /** Head of the feed seen so far. */
  height: number;
  /** Wall time of the last successful poll, ms since the epoch (0 = never). */
  lastOkMs: number;
  /** Duration of the last successful poll, ms. */
  fetchMs: number;
  errors: number;
  retries: number;
  lastError: string;
  actions: number;
}

export interface FollowerEvents {
  /** New actions in ascending chain order, each exactly once (also across outages). */
  onActions(actions: MidgardAction[], fetchedAtMs: number): void;
  onPools(pools: MidgardPool[], height: number): void;
  onHealth(h: FeedHealth): void;
}

/**
 * Follows a Midgard feed: polls from the last seen height (inclusive: a block can fill over
 * several polls) and follows prevPageToken through full pages, so a burst is read whole and an
 * outage leaves no gap; actions already seen are recognised by identity. Polls never overlap.
 */
export class FeedFollower {
  readonly health: FeedHealth = {
    status: 'starting',
    height: 0,
    lastOkMs: 0,
    fetchMs: 0,
    errors: 0,
    retries: 0,
    lastError: '',
    actions: 0,
  };
  private cursorHeight: number | null = null;
  private atHeight = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** One controller per poll: core's http adds an abort listener per request to the signal it is given, so a signal that lives as long as the follower would collect them. */
  private ctrl = new AbortController();

  constructor(
    private readonly client: MidgardClient,
    private readonly intervalMs: number,
    private readonly ev: FollowerEvents,
  ) {}

  start(): void {
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.ctrl.abort();
    if (this.timer) clearTimeout(this.timer);
  }

  /** Counts a retry the client made (its onRetry hook). */
  noteRetry(): void {
    this.health.retries++;
  }

  private accept(a: MidgardAction): boolean {
    const h = Number(a.height);
    if (this.cursorHeight !== null && h < this.cursorHeight) return false;
    const id = actionIdentity(a);
    if (h === this.cursorHeight) {
      if (this.atHeight.has(id)) return false;
    } else {
      this.cursorHeight = h;
      this.atHeight = new Set();
    }
    this.atHeight.add(id);
    return true;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const t0 = Date.now();
      try {
        await this.poll();
        this.health.status = 'ok';
        this.health.lastOkMs = Date.now();
        this.health.fetchMs = Date.now() - t0;
      } catch (e) {
        if (this.stopped) return;
        this.health.status = 'outage';
        this.health.errors++;
        this.health.lastError = e instanceof Error ? e.message.slice(0, 200) : String(e);
      }
      this.ev.onHealth({ ...this.health });
      await new Promise<void>((r) => (this.timer = setTimeout(r, Math.max(0, this.intervalMs - (Date.now() - t0)))));
    }
  }

  private async poll(): Promise<void> {
    this.ctrl = new AbortController();
    const signal = this.ctrl.signal;
    let page = await this.client.actions(
      { limit: MAX_LIMIT, ...(this.cursorHeight === null ? {} : { fromHeight: this.cursorHeight }) },
      signal,
    );
    const fresh: MidgardAction[] = [];
    for (let pages = 0; pages < 200; pages++) {
      // Every page is newest first on the wire; a fromHeight page holds the oldest actions from that height.
      const ascending = page.page.actions
        .flatMap((raw) => {
          const v = validateAction(raw);
          return v.ok ? [v.action] : [];
        })
        .reverse();
      for (const a of ascending) if (this.accept(a)) fresh.push(a);
      const token = page.page.meta.prevPageToken;
      if (this.cursorHeight === null || page.page.actions.length < MAX_LIMIT || !token) break;
      page = await this.client.actions({ limit: MAX_LIMIT, prevPageToken: token }, signal);
    }
    const fetchedAt = Date.now();
    if (fresh.length) {
      this.health.actions += fresh.length;
      this.health.height = this.cursorHeight ?? 0;
      this.ev.onActions(fresh, fetchedAt);
    }
    this.ev.onPools(await this.client.pools(signal), this.health.height);
  }
}
