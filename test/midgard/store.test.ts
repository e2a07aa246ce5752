import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import {
  actionIdentity,
  exportActionsJsonl,
  MidgardStore,
  validateAction,
  type MidgardAction,
} from '../../src/midgard';
import { actionPages } from '../helpers/fixtures';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();

function page(actions: unknown[], checkpoint = '{}') {
  return { source: 'test', chain: 'maya', url: 'http://x', actions, checkpoint };
}

/** The recorded Maya actions, deduplicated by hand: identical JSON counts once. */
function mayaActions(): unknown[] {
  return actionPages()
    .filter(([f]) => f.startsWith('maya'))
    .flatMap(([, b]) => b.actions);
}

describe('MidgardStore', () => {
  it('stores each action once, across and within pages, and quarantines malformed ones with the reason', async () => {
    const store = await MidgardStore.open(join(tmp(), 's.duckdb'));
    const actions = mayaActions();
    const distinct = new Set(actions.map((a) => JSON.stringify(a))).size;
    const malformed = { ...(actions[0] as object), height: 'tall' };
    const [r1] = await store.ingestPages([page([...actions, malformed])]);
    expect(r1).toMatchObject({ received: actions.length + 1, inserted: distinct, quarantined: 1 });
    expect(r1?.duplicates).toBe(actions.length - distinct);
    const [r2] = await store.ingestPages([page(actions)]);
    expect(r2).toMatchObject({ inserted: 0, duplicates: actions.length, quarantined: 0 });
    const [r3] = await store.ingestPages([page([malformed])]);
    expect(r3?.quarantined).toBe(0); // already there: quarantined once, not twice
    expect(await store.counts()).toEqual({ actions: distinct, quarantine: 1, pages: 3 });
    const q = [];
    for await (const x of store.quarantined()) q.push(x);
    expect(q).toHaveLength(1);
    expect(q[0]?.reason).toBe('height: expected an unsigned integer string');
    expect(JSON.parse(q[0]?.rawJson ?? 'null')).toEqual(malformed);
    await store.close();
  });

  it('reads actions back in ascending chain order, exactly as received', async () => {
    const dir = tmp();
    const store = await MidgardStore.open(join(dir, 's.duckdb'));
    const actions = mayaActions();
    await store.ingestPages([page(actions.slice(0, 3)), page(actions.slice(3))]);
    const out: MidgardAction[] = [];
    for await (const a of store.actions()) out.push(a);
    const keys = out.map((a) => [BigInt(a.height), BigInt(a.date), actionIdentity(a)] as const);
    const sorted = [...keys].sort((x, y) =>
      x[0] !== y[0] ? (x[0] < y[0] ? -1 : 1) : x[1] !== y[1] ? (x[1] < y[1] ? -1 : 1) : x[2] < y[2] ? -1 : 1,
    );
    expect(keys).toEqual(sorted);
    // Export writes the same objects back as Midgard JSON, one per line.
    const file = join(dir, 'out.jsonl');
    expect(await exportActionsJsonl(store, file)).toBe(out.length);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(lines).toEqual(out);
    for (const l of lines) expect(actions.map((a) => JSON.stringify(a))).toContain(JSON.stringify(l));
    await store.close();
  });

  it('commits the checkpoint with its pages, and keeps amounts exact in the columns', async () => {
    const dir = tmp();
    const path = join(dir, 's.duckdb');
    let store = await MidgardStore.open(path);
    await store.ingestPages([page(mayaActions().slice(0, 1), '{"at":1}'), page([], '{"at":2}')]);
    await store.close();
    store = await MidgardStore.open(path); // survives reopening
    expect(await store.getCheckpoint('test')).toBe('{"at":2}');
    const [row] = await store.query(
      'SELECT out_amount::VARCHAR AS amount, affiliate_fee_bps, date_ns::VARCHAR AS date FROM actions WHERE height = 5275978',
    );
    expect(row).toEqual({ amount: '33297336036086', affiliate_fee_bps: 100, date: '1710210508760883749' });
    await store.close();
  });

  it('exports Parquet that DuckDB reads back', async () => {
    const dir = tmp();
    const store = await MidgardStore.open(join(dir, 's.duckdb'));
    await store.ingestPages([page(mayaActions())]);
    const file = join(dir, 'actions.parquet');
    await store.exportParquet(file);
    const n = (await store.counts()).actions;
    await store.close();
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const rows = (
      await con.runAndReadAll(`SELECT count(*)::INTEGER AS n, count(DISTINCT id)::INTEGER AS ids FROM '${file}'`)
    ).getRowObjectsJson();
    expect(rows[0]).toEqual({ n, ids: n });
    con.closeSync();
  });

  it('re-validates every stored action on the way out', async () => {
    const store = await MidgardStore.open(join(tmp(), 's.duckdb'));
    await store.ingestPages([page(mayaActions().slice(0, 2))]);
    for await (const a of store.actions()) expect(validateAction(a).ok).toBe(true);
    await store.close();
  });
});

describe('actionIdentity', () => {
  it('tells apart two real swaps of one inbound tx in one block (affiliate part and the rest)', () => {
    const [, b] = actionPages().find(([f]) => f === 'maya-actions-b.json') as [string, { actions: unknown[] }];
    const same = b.actions.filter((a) => (a as { height: string }).height === '5275978');
    expect(same).toHaveLength(2);
    const ids = same.map((a) => {
      const v = validateAction(a);
      if (!v.ok) throw new Error(v.reason);
      return actionIdentity(v.action);
    });
    expect(ids[0]).not.toBe(ids[1]);
  });
});
