import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { appendGzipLine, silentProgress, WorkbenchError, type Progress } from '../core';
import type { ActionsQuery, MidgardClient } from './client';
import type { ActionsPage } from './schema';
import { preparePage, type PreparedPage } from './ingest-prepare';
import type { MidgardStore } from './store';

/**
 * Where a sync stands, stored with every committed batch. Event-id tokens bound what is stored:
 * everything between oldestToken and newestToken is in the store, with no gap. Paging goes
 * older with nextPageToken and newer with prevPageToken, never by offset, so a feed that grows
 * while we page cannot shift pages under us.
 */
export const SyncStateSchema = z.object({
  version: z.literal(1),
  newestToken: z.string().optional(),
  oldestToken: z.string().optional(),
  backfillDone: z.boolean(),
});
export type SyncState = z.infer<typeof SyncStateSchema>;

export interface SyncOptions {
  client: MidgardClient;
  store: MidgardStore;
  chain: string;
  /** Folder for the append-only, compressed archive of every raw page. */
  rawDir: string;
  /** Stop once this many new actions were stored in this run. */
  maxActions?: number;
  /** First run only: start at this height and go forward, instead of back from the newest. */
  fromHeight?: number;
  /**
   * Commit when this many actions are buffered (default SYNC_BATCH_ACTIONS), or batchMs after
   * the first buffered page.
   */
  batchActions?: number;
  batchMs?: number;
  signal?: AbortSignal;
  progress?: Progress;
}

/**
 * Actions per commit by default: DuckDB's CPU per action falls with the batch (12.7 µs at 5,000,
 * 9.3 at 20,000, 8.7 at 50,000; docs/midgard-ingest.md), and 50,000 gained nothing measurable on
 * the whole bench for more memory. What a kill loses is the uncommitted batch, fetched again on
 * resume from the last committed checkpoint; batchMs still commits at least once a second.
 */
export const SYNC_BATCH_ACTIONS = 20_000;
/**
 * gzip level of the raw page archive: 1 (fastest) instead of zlib's default 6. Per action, 6
 * cost ~10 µs of CPU and 1 ~6 µs, for a ratio of 4.0 instead of 4.7 on simulated pages
 * (docs/midgard-ingest.md); the archive's content and format are unchanged.
 */
const RAW_ARCHIVE_GZIP_LEVEL = 1;

export interface SyncSummary {
  pages: number;
  received: number;
  inserted: number;
  duplicates: number;
  quarantined: number;
  backfillDone: boolean;
  state: SyncState;
}

export function sourceKey(chain: string, baseUrl: string): string {
  return `${chain}@${baseUrl}`;
}

function readState(text: string | undefined, source: string): SyncState {
  if (!text) return { version: 1, backfillDone: false };
  const parsed = SyncStateSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new WorkbenchError(`the checkpoint for ${source} is unreadable: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export async function syncActions(o: SyncOptions): Promise<SyncSummary> {
  const source = sourceKey(o.chain, o.client.baseUrl);
  const progress = o.progress ?? silentProgress;
  const state = readState(await o.store.getCheckpoint(source), source);
  const sum: SyncSummary = {
    pages: 0,
    received: 0,
    inserted: 0,
    duplicates: 0,
    quarantined: 0,
    backfillDone: state.backfillDone,
    state,
  };
  mkdirSync(o.rawDir, { recursive: true });
  const batchActions = o.batchActions ?? SYNC_BATCH_ACTIONS;
  const batchMs = o.batchMs ?? 1000;
  let buffer: PreparedPage[] = [];
  let buffered = 0;
  let bufferedSince = 0;

  const flush = async () => {
    if (!buffer.length) return;
    for (const r of await o.store.ingestPrepared(buffer)) {
      sum.inserted += r.inserted;
      sum.duplicates += r.duplicates;
      sum.quarantined += r.quarantined;
    }
    buffer = [];
    buffered = 0;
    progress.update(sum.inserted, `${sum.pages} pages, ${sum.quarantined} quarantined`);
  };
  const full = () => o.maxActions !== undefined && sum.inserted + buffered >= o.maxActions;

  /** Fetches one page, archives it raw, and queues it with the state it leads to. */
  const fetchPage = async (q: ActionsQuery): Promise<ActionsPage> => {
    const { page, raw, url } = await o.client.actions(q, o.signal);
    appendGzipLine(
      join(o.rawDir, `${o.chain}-${new Date().toISOString().slice(0, 10)}.jsonl.gz`),
      JSON.stringify({ fetchedAt: new Date().toISOString(), url, body: raw }),
      { level: RAW_ARCHIVE_GZIP_LEVEL },
    );
    sum.pages++;
    sum.received += page.actions.length;
    return page;
  };
  const queue = async (page: ActionsPage) => {
    if (!buffer.length) bufferedSince = Date.now();
    // Prepared now, so only strings wait for the commit and the parsed page dies young.
    buffer.push(
      preparePage({
        source,
        chain: o.chain,
        url: o.client.baseUrl,
        actions: page.actions,
        checkpoint: JSON.stringify(state),
      }),
    );
    buffered += page.actions.length;
    if (buffered >= batchActions || Date.now() - bufferedSince >= batchMs) await flush();
  };
  const tokens = (page: ActionsPage, where: string) => {
    const { nextPageToken, prevPageToken } = page.meta;
    if (!nextPageToken || !prevPageToken)
      throw new WorkbenchError(
        `${o.client.baseUrl}/v2/actions (${where}) returned ${page.actions.length} actions without page tokens in meta`,
      );
    return { next: nextPageToken, prev: prevPageToken };
  };

  progress.start(o.maxActions ?? 0, 'actions');
  try {
    if (!state.newestToken) {
      // First run: the newest page, or the first page from a height when asked.
      const page = await fetchPage(o.fromHeight !== undefined ? { fromHeight: o.fromHeight } : {});
      if (page.actions.length) {
        const t = tokens(page, 'first page');
        state.newestToken = t.prev;
        state.oldestToken = t.next;
      }
      if (o.fromHeight !== undefined || !page.actions.length) state.backfillDone = true;
      await queue(page);
    }
    const forward = async () => {
      while (state.newestToken && !full()) {
        const page = await fetchPage({ prevPageToken: state.newestToken });
        if (!page.actions.length) break; // caught up with the head
        state.newestToken = tokens(page, 'forward').prev;
        await queue(page);
      }
    };
    await forward();
    while (!state.backfillDone && state.oldestToken && !full()) {
      const page = await fetchPage({ nextPageToken: state.oldestToken });
      if (!page.actions.length) state.backfillDone = true;
      else state.oldestToken = tokens(page, 'backfill').next;
      await queue(page);
    }
    await forward(); // whatever arrived while we were backfilling
    await flush();
  } catch (e) {
    // Keep what was already fetched: commit the buffered pages (with their checkpoint) first.
    await flush();
    throw e;
  } finally {
    progress.stop();
  }
  sum.backfillDone = state.backfillDone;
  return sum;
}
