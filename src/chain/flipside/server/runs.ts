import type { Rng } from '../../../core/rng';
import { DAILY_COLUMNS, parseDailySql, type DailyQuery } from '../../sql';
import { hash32, type ChainDaySimulator, type SimDailyRow } from '../../sim';
import type { QueryRun, QueryState } from '../schema';

/**
 * The query runs of the local Flipside: a run advances one state per getQueryRun (READY →
 * RUNNING → STREAMING_RESULTS → SUCCESS after `pollsToFinish` polls), SQL the workbench did not
 * build fails like a real compilation error, results come from the simulator, and a run may
 * redirect to another: a recent identical run (maxAgeMinutes reuse) or, as a fault, a fresh one.
 */
export interface RunBehaviour {
  pollsToFinish: number;
  redirectRate: number;
  hangRate: number;
  failRate: number;
  /** Share of rows served malformed, decided per (chain, day) so every read agrees. */
  malformedRate: number;
  faultSeed: number;
}

export interface Run {
  id: string;
  sql: string;
  query: DailyQuery | null;
  state: QueryState;
  polls: number;
  hung: boolean;
  /** Set when this run was answered by another run (reuse or dedup). */
  redirectTo: string | null;
  errorName: string | null;
  errorMessage: string | null;
  createdAt: number;
  endedAt: number | null;
  rows: unknown[][] | null;
}

export const RESULT_COLUMNS = [...DAILY_COLUMNS, '__row_index'];
const TERMINAL: readonly QueryState[] = ['QUERY_STATE_SUCCESS', 'QUERY_STATE_FAILED', 'QUERY_STATE_CANCELED'];
export const isTerminal = (s: QueryState) => TERMINAL.includes(s);

export class RunStore {
  readonly runs = new Map<string, Run>();
  private seq = 0;

  constructor(
    private readonly sim: ChainDaySimulator,
    private readonly b: RunBehaviour,
    private readonly rng: Rng,
  ) {}

  /** Runs that hold a query slot: not ended, not answered by another run. */
  active(): number {
    let n = 0;
    for (const r of this.runs.values()) if (!r.redirectTo && !isTerminal(r.state)) n++;
    return n;
  }

  create(sql: string, maxAgeMinutes: number, now: number): Run {
    const query = parseDailySql(sql);
    const cached = maxAgeMinutes > 0 ? this.reusable(sql, now - maxAgeMinutes * 60_000) : undefined;
    if (cached) return this.add({ sql, query, redirectTo: cached.id, state: 'QUERY_STATE_SUCCESS', endedAt: now }, now);
    if (query && this.b.redirectRate > 0 && this.rng.next() < this.b.redirectRate) {
      // Deduplicated against an identical run that is (now) running: follow it.
      const target = this.fresh(sql, query, now);
      return this.add({ sql, query, redirectTo: target.id }, now);
    }
    return this.fresh(sql, query, now);
  }

  private fresh(sql: string, query: DailyQuery | null, now: number): Run {
    const run = this.add({ sql, query }, now);
    run.hung = this.b.hangRate > 0 && this.rng.next() < this.b.hangRate;
    if (!query) {
      run.errorName = 'QueryRunExecutionError';
      run.errorMessage = `SQL compilation error: this local Flipside answers only the workbench's daily-aggregate queries (built by buildDailySql); first line was ${JSON.stringify((sql.split('\n')[0] ?? '').slice(0, 100))}`;
    } else if (this.b.failRate > 0 && this.rng.next() < this.b.failRate) {
      run.errorName = 'QueryRunExecutionError';
      run.errorMessage = 'Warehouse error: statement aborted (injected fault)';
    }
    return run;
  }

  private add(p: Partial<Run> & { sql: string; query: DailyQuery | null }, now: number): Run {
    this.seq++;
    const id = `clsim${this.seq.toString(36).padStart(5, '0')}${hash32(`${this.b.faultSeed}|${this.seq}|${p.sql}`).toString(36)}`;
    const run: Run = {
      id,
      state: 'QUERY_STATE_READY',
      polls: 0,
      hung: false,
      redirectTo: null,
      errorName: null,
      errorMessage: null,
      createdAt: now,
      endedAt: null,
      rows: null,
      ...p,
    };
    this.runs.set(id, run);
    return run;
  }

  private reusable(sql: string, since: number): Run | undefined {
    let best: Run | undefined;
    for (const r of this.runs.values()) {
      if (r.sql === sql && !r.redirectTo && r.state === 'QUERY_STATE_SUCCESS' && (r.endedAt ?? 0) >= since) best = r;
    }
    return best;
  }

  /** The run whose state and results answer for `run`. */
  target(run: Run): Run {
    return run.redirectTo ? (this.runs.get(run.redirectTo) ?? run) : run;
  }

  /** One getQueryRun: advances the run (its target when redirected) by one state. */
  poll(run: Run, now: number): void {
    const t = this.target(run);
    if (isTerminal(t.state) || t.hung) {
      if (t.hung && t.state === 'QUERY_STATE_READY') t.state = 'QUERY_STATE_RUNNING';
      return;
    }
    t.polls++;
    if (t.errorMessage) {
      t.state = 'QUERY_STATE_FAILED';
      t.endedAt = now;
    } else if (t.polls > this.b.pollsToFinish) {
      t.state = 'QUERY_STATE_SUCCESS';
      t.endedAt = now;
    } else t.state = t.polls === this.b.pollsToFinish ? 'QUERY_STATE_STREAMING_RESULTS' : 'QUERY_STATE_RUNNING';
  }

  /** State shown for a run: its own when canceled, else its target's. */
  shownState(run: Run): QueryState {
    return run.state === 'QUERY_STATE_CANCELED' ? run.state : this.target(run).state;
  }

  cancel(run: Run, now: number): boolean {
    if (isTerminal(this.shownState(run))) return false;
    run.state = 'QUERY_STATE_CANCELED';
    run.endedAt = now;
    return true;
  }

  /** Result rows (arrays in RESULT_COLUMNS order) of a successful run, computed once. */
  rows(run: Run): unknown[][] {
    if (!run.rows) {
      const q = run.query;
      const rows = q ? this.sim.rows(q.chain, q.from, q.toExclusive) : [];
      run.rows = rows.map((r, i) => [...DAILY_COLUMNS.map((c) => this.cell(q?.chain ?? '', r, c)), i]);
    }
    return run.rows;
  }

  /** Flipside returns DATE columns as midnight timestamps; a malformed row breaks one value. */
  private cell(chain: string, r: SimDailyRow, c: (typeof DAILY_COLUMNS)[number]): unknown {
    const v = c === 'day' ? `${r.day}T00:00:00.000Z` : r[c];
    if (this.b.malformedRate <= 0) return v;
    const h = hash32(`${this.b.faultSeed}|malformed|${chain}|${r.day}`);
    if (h / 2 ** 32 >= this.b.malformedRate) return v;
    const broken: Partial<Record<(typeof DAILY_COLUMNS)[number], unknown>> = [
      { transactions: null },
      { success_rate: 1.5 },
      { day: 'not-a-date' },
      { fees_native: 'NaN' },
    ][h % 4] as Partial<Record<(typeof DAILY_COLUMNS)[number], unknown>>;
    return c in broken ? broken[c] : v;
  }

  /** The QueryRun object Flipside would send for this run. */
  view(run: Run): QueryRun {
    const state = this.shownState(run);
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    const done = state === 'QUERY_STATE_SUCCESS';
    const t = this.target(run);
    return {
      id: run.id,
      sqlStatementId: `sql${hash32(run.sql).toString(36)}`,
      state,
      path: `local/${run.id}`,
      fileCount: done ? 1 : null,
      lastFileNumber: done ? 1 : null,
      fileNames: done ? `${t.id}-consolidated-results.parquet` : null,
      errorName: t.state === 'QUERY_STATE_FAILED' ? t.errorName : null,
      errorMessage: t.state === 'QUERY_STATE_FAILED' ? t.errorMessage : null,
      errorData: null,
      dataSourceQueryId: null,
      dataSourceSessionId: null,
      startedAt: iso(run.createdAt),
      queryRunningEndedAt: iso(run.endedAt),
      queryStreamingEndedAt: iso(run.endedAt),
      endedAt: iso(run.endedAt),
      rowCount: done ? this.rows(t).length : null,
      totalSize: null,
      tags: {},
      dataSourceId: 'local-simulator',
      userId: 'local-user',
      createdAt: iso(run.createdAt) ?? '',
      updatedAt: iso(run.endedAt ?? run.createdAt) ?? '',
      archivedAt: null,
    };
  }
}
