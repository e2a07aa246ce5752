import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { errorMessage, gitState, loadDuckDb, repoPath, sha256File, WorkbenchError, withRetries } from '../core';
import {
  ALIAS_PATTERN,
  MODEL_NAME_PATTERN,
  REGISTRY_SQL,
  RunInputSchema,
  type ModelVersion,
  type RunDetail,
  type RunInput,
  type RunSummary,
} from './schema';

/** Where runs are recorded unless WORKBENCH_REGISTRY names another file. */
export function defaultRegistryPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.WORKBENCH_REGISTRY?.trim() ? resolve(env.WORKBENCH_REGISTRY) : repoPath('data', 'registry.duckdb');
}

type Row = Record<string, unknown>;

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function summary(r: Row): RunSummary {
  return {
    id: String(r.id),
    experiment: String(r.experiment),
    name: str(r.name),
    status: String(r.status),
    startedAt: String(r.started_at),
    finishedAt: String(r.finished_at),
    gitCommit: str(r.git_commit),
    gitDirty: r.git_dirty === null || r.git_dirty === undefined ? null : Boolean(r.git_dirty),
    dataSha256: str(r.data_sha256),
  };
}

/**
 * The research record in one DuckDB file. DuckDB allows one writing process, so every command
 * opens it, writes in one transaction and closes it at once; `open` waits a little for a
 * lock another workbench process holds.
 */
export class Registry {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly con: DuckDBConnection,
  ) {}

  static async open(path: string = defaultRegistryPath(), opts: { waitMs?: number } = {}): Promise<Registry> {
    const abs = path === ':memory:' ? path : resolve(path);
    if (abs !== ':memory:') mkdirSync(dirname(abs), { recursive: true });
    const deadline = Date.now() + (opts.waitMs ?? 5000);
    // DuckDB allows one writer: wait a little for another workbench process to finish recording.
    try {
      return await withRetries(
        async () => {
          const instance = await loadDuckDb().DuckDBInstance.create(abs);
          const con = await instance.connect();
          await con.run(REGISTRY_SQL);
          return new Registry(abs, instance, con);
        },
        {
          retries: 1000,
          baseDelayMs: 25,
          maxDelayMs: 500,
          decide: (e) =>
            /lock/i.test(errorMessage(e)) && Date.now() < deadline
              ? { retry: true, reason: 'locked' }
              : { retry: false },
        },
      );
    } catch (e) {
      throw new WorkbenchError(
        `cannot open the registry ${path}: ${errorMessage(e)}`,
        'is another workbench process writing to it? set WORKBENCH_REGISTRY to use another file',
      );
    }
  }

  close(): void {
    this.con.closeSync();
    this.instance.closeSync();
  }

  private async rows(sql: string, values?: DuckDBValue[]): Promise<Row[]> {
    return (await this.con.runAndReadAll(sql, values)).getRowObjectsJson() as Row[];
  }

  /** Records a finished (or failed) run: params, metrics by step, tags, artifacts hashed now, the git commit. */
  async recordRun(input: RunInput): Promise<RunDetail> {
    const parsed = RunInputSchema.safeParse(input);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new WorkbenchError(
        `run record: ${i?.path.join('.') ?? ''}: ${i?.message ?? 'invalid'}`,
        'pass {experiment, params, metrics, tags, artifacts}',
      );
    }
    const r = parsed.data;
    const artifacts = [];
    for (const a of r.artifacts) {
      if (!existsSync(a.path) || !statSync(a.path).isFile())
        throw new WorkbenchError(
          `run artifact ${a.path} is not a file`,
          'record files that exist (a model folder: record its manifest and weights files)',
        );
      artifacts.push({
        name: a.name ?? basename(a.path),
        path: resolve(a.path),
        sha256: await sha256File(a.path),
        size: statSync(a.path).size,
      });
    }
    const id = randomUUID().replace(/-/g, '');
    const now = new Date().toISOString();
    const git = gitState();
    await this.con.run('BEGIN TRANSACTION');
    try {
      await this.con.run('INSERT INTO experiments VALUES ($1, $2::TIMESTAMP) ON CONFLICT DO NOTHING', [
        r.experiment,
        now,
      ]);
      await this.con.run('INSERT INTO runs VALUES ($1, $2, $3, $4, $5::TIMESTAMP, $6::TIMESTAMP, $7, $8, $9)', [
        id,
        r.experiment,
        r.name ?? null,
        r.status,
        (r.startedAt ?? new Date()).toISOString(),
        now,
        git.commit,
        git.dirty,
        r.dataSha256 ?? null,
      ]);
      for (const [k, v] of Object.entries(r.params))
        await this.con.run('INSERT INTO params VALUES ($1, $2, $3)', [id, k, v === null ? null : String(v)]);
      for (const [k, v] of Object.entries(r.metrics)) {
        const series = typeof v === 'number' ? [{ step: 0, value: v }] : v;
        for (const p of series)
          if (Number.isFinite(p.value))
            await this.con.run('INSERT OR REPLACE INTO metrics VALUES ($1, $2, $3, $4)', [id, k, p.step, p.value]);
      }
      for (const [k, v] of Object.entries(r.tags))
        await this.con.run('INSERT INTO tags VALUES ($1, $2, $3)', [id, k, v]);
      for (const a of artifacts)
        await this.con.run('INSERT OR REPLACE INTO artifacts VALUES ($1, $2, $3, $4, $5)', [
          id,
          a.name,
          a.path,
          a.sha256,
          a.size,
        ]);
      await this.con.run('COMMIT');
    } catch (e) {
      await this.con.run('ROLLBACK');
      throw e;
    }
    return (await this.run(id)) as RunDetail;
  }

  async runs(opts: { experiment?: string; limit?: number } = {}): Promise<RunSummary[]> {
    const where = opts.experiment ? 'WHERE experiment = $1' : '';
    const rows = await this.rows(
      `SELECT * FROM runs ${where} ORDER BY finished_at DESC, id LIMIT ${Math.max(1, Math.floor(opts.limit ?? 1000))}`,
      opts.experiment ? [opts.experiment] : [],
    );
    return rows.map(summary);
  }

  /** A run by id or by a unique id prefix (at least 6 characters); null when none matches. */
  async run(idOrPrefix: string): Promise<RunDetail | null> {
    if (!/^[0-9a-f]{6,32}$/.test(idOrPrefix))
      throw new WorkbenchError(
        `"${idOrPrefix}" is not a run id`,
        'pass a run id (or its first 6+ characters) from `workbench registry runs`',
      );
    const found = await this.rows("SELECT * FROM runs WHERE id LIKE $1 || '%'", [idOrPrefix]);
    if (found.length > 1)
      throw new WorkbenchError(
        `run id prefix ${idOrPrefix} matches ${found.length} runs`,
        'pass more characters of the id',
      );
    const base = found[0];
    if (!base) return null;
    const id = String(base.id);
    const params = Object.fromEntries(
      (await this.rows('SELECT key, value FROM params WHERE run_id = $1 ORDER BY key', [id])).map((p) => [
        String(p.key),
        String(p.value),
      ]),
    );
    const metrics: RunDetail['metrics'] = {};
    for (const m of await this.rows('SELECT key, step, value FROM metrics WHERE run_id = $1 ORDER BY key, step', [
      id,
    ])) {
      const series = metrics[String(m.key)] ?? [];
      series.push({ step: Number(m.step), value: Number(m.value) });
      metrics[String(m.key)] = series;
    }
    const tags = Object.fromEntries(
      (await this.rows('SELECT key, value FROM tags WHERE run_id = $1 ORDER BY key', [id])).map((t) => [
        String(t.key),
        String(t.value),
      ]),
    );
    const artifacts = (await this.rows('SELECT * FROM artifacts WHERE run_id = $1 ORDER BY name', [id])).map((a) => ({
      name: String(a.name),
      path: String(a.path),
      sha256: String(a.sha256),
      sizeBytes: Number(a.size_bytes),
    }));
    return { ...summary(base), params, metrics, tags, artifacts };
  }

  /** Registers the run as the next version of a model (created on first use). Versions never change. */
  async registerModel(name: string, runId: string, description?: string): Promise<ModelVersion> {
    if (!MODEL_NAME_PATTERN.test(name))
      throw new WorkbenchError(`"${name}" is not a model name`, 'use letters, digits, . _ / -');
    const run = await this.run(runId);
    if (!run) throw new WorkbenchError(`no run ${runId} in ${this.path}`, 'list runs with `workbench registry runs`');
    const now = new Date().toISOString();
    await this.con.run('BEGIN TRANSACTION');
    try {
      await this.con.run('INSERT INTO models VALUES ($1, $2::TIMESTAMP) ON CONFLICT DO NOTHING', [name, now]);
      const next = Number(
        (await this.rows('SELECT coalesce(max(version), 0) + 1 AS v FROM model_versions WHERE name = $1', [name]))[0]
          ?.v ?? 1,
      );
      await this.con.run('INSERT INTO model_versions VALUES ($1, $2, $3, $4, $5::TIMESTAMP)', [
        name,
        next,
        run.id,
        description ?? null,
        now,
      ]);
      await this.con.run('COMMIT');
    } catch (e) {
      await this.con.run('ROLLBACK');
      throw e;
    }
    return (await this.versions(name)).at(-1) as ModelVersion;
  }

  /** Every version of one model (or of all), oldest first, with the aliases pointing at it. */
  async versions(name?: string): Promise<ModelVersion[]> {
    const rows = await this.rows(
      `SELECT v.name, v.version, v.run_id, v.description, v.created_at, list(a.alias ORDER BY a.alias) FILTER (WHERE a.alias IS NOT NULL) AS aliases
       FROM model_versions v LEFT JOIN aliases a ON a.name = v.name AND a.version = v.version
       ${name ? 'WHERE v.name = $1' : ''} GROUP BY ALL ORDER BY v.name, v.version`,
      name ? [name] : [],
    );
    return rows.map((r) => ({
      name: String(r.name),
      version: Number(r.version),
      runId: String(r.run_id),
      createdAt: String(r.created_at),
      description: str(r.description),
      aliases: (r.aliases as string[] | null) ?? [],
    }));
  }

  /** Points an alias (champion, challenger, ...) at a version; the move is kept in alias_history. */
  async setAlias(name: string, version: number, alias: string): Promise<{ previous: number | null; version: number }> {
    if (!ALIAS_PATTERN.test(alias))
      throw new WorkbenchError(`"${alias}" is not an alias`, 'use lower-case letters, digits, _ or -, e.g. champion');
    const exists = await this.rows('SELECT 1 FROM model_versions WHERE name = $1 AND version = $2', [name, version]);
    if (!exists.length)
      throw new WorkbenchError(
        `model ${name} has no version ${version}`,
        'list versions with `workbench registry models`',
      );
    const prev = await this.rows('SELECT version FROM aliases WHERE name = $1 AND alias = $2', [name, alias]);
    const previous = prev[0] ? Number(prev[0].version) : null;
    const now = new Date().toISOString();
    await this.con.run('BEGIN TRANSACTION');
    await this.con.run('INSERT OR REPLACE INTO aliases VALUES ($1, $2, $3, $4::TIMESTAMP)', [
      name,
      alias,
      version,
      now,
    ]);
    await this.con.run('INSERT INTO alias_history VALUES ($1, $2, $3, $4, $5::TIMESTAMP)', [
      name,
      alias,
      version,
      previous,
      now,
    ]);
    await this.con.run('COMMIT');
    return { previous, version };
  }

  /** The version an alias points at, or null. */
  async resolveAlias(name: string, alias: string): Promise<number | null> {
    const r = await this.rows('SELECT version FROM aliases WHERE name = $1 AND alias = $2', [name, alias]);
    return r[0] ? Number(r[0].version) : null;
  }

  async aliasHistory(
    name: string,
  ): Promise<{ alias: string; version: number; previous: number | null; movedAt: string }[]> {
    const rows = await this.rows(
      'SELECT alias, version, previous, moved_at FROM alias_history WHERE name = $1 ORDER BY moved_at, alias',
      [name],
    );
    return rows.map((r) => ({
      alias: String(r.alias),
      version: Number(r.version),
      previous: r.previous === null ? null : Number(r.previous),
      movedAt: String(r.moved_at),
    }));
  }
}
