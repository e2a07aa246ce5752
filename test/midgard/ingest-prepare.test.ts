import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MidgardStore, preparePage, type MidgardAction } from '../../src/midgard';
import { dedupeBatch } from '../../src/midgard/ingest-prepare';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();

/** A minimal valid action (hand-made): a send, which needs no typed metadata block. */
function send(height: string, txID: string, status = 'success'): MidgardAction {
  return {
    date: `${height}000000000`,
    height,
    in: [{ address: 'maya1from', coins: [{ amount: '1', asset: 'MAYA.CACAO' }], txID }],
    out: [],
    pools: [],
    status,
    type: 'send',
    metadata: {},
  };
}

function page(actions: unknown[]) {
  return { source: 'test', chain: 'maya', url: 'http://x', actions, checkpoint: '{}' };
}

describe('preparePage / dedupeBatch', () => {
  it('keeps the first copy of an action repeated on a later page of the same batch, and cuts the rest out of the joined JSON', () => {
    const a = send('10', 'A');
    // Same identity (type, height, date, transactions), another status: still the same action.
    const aAgain = send('10', 'A', 'pending');
    const b = send('11', 'B');
    const c = send('9', 'C');
    const [p1, p2] = dedupeBatch([preparePage(page([a])), preparePage(page([c, aAgain, b]))]);
    expect(p1?.repeats).toBe(0);
    expect(p2?.repeats).toBe(1);
    expect(p2?.ids).toHaveLength(2);
    expect(p2?.raws).toBe(`${JSON.stringify(c)}\n${JSON.stringify(b)}`);
    expect(p2?.ends).toEqual([JSON.stringify(c).length, JSON.stringify(c).length + 1 + JSON.stringify(b).length]);
    expect([p2?.minHeight, p2?.maxHeight]).toEqual([9n, 11n]);
  });

  it('records the height range exactly: leading zeros, and heights past 2^53 that a number would round', () => {
    const p = preparePage(page([send('0099', 'A'), send('1234567890123456789', 'B'), send('100', 'C')]));
    // 1234567890123456789 is odd; as a double it would be 1234567890123456768.
    expect([p.minHeight, p.maxHeight]).toEqual([99n, 1234567890123456789n]);
    const q = preparePage(page([send('9007199254740993', 'A'), send('9007199254740992', 'B')]));
    expect([q.minHeight, q.maxHeight]).toEqual([9007199254740992n, 9007199254740993n]);
  });

  it('stores the first copy once and counts the repeat on its page', async () => {
    const store = await MidgardStore.open(join(tmp(), 's.duckdb'));
    const a = send('10', 'A');
    const results = await store.ingestPages([
      page([a, send('12', 'D')]),
      page([send('10', 'A', 'pending'), send('11', 'B')]),
    ]);
    expect(results).toMatchObject([
      { received: 2, inserted: 2, duplicates: 0 },
      { received: 2, inserted: 1, duplicates: 1 },
    ]);
    const rows = await store.query('SELECT status FROM actions WHERE height = 10');
    expect(rows).toEqual([{ status: 'success' }]);
    await store.close();
  });

  it('stores nothing for a page whose actions are all malformed, and still logs the page and its checkpoint', async () => {
    const store = await MidgardStore.open(join(tmp(), 's.duckdb'));
    const [r] = await store.ingestPages([{ ...page([{ height: 'x' }]), checkpoint: '{"at":1}' }]);
    expect(r).toMatchObject({ received: 1, inserted: 0, duplicates: 0, quarantined: 1 });
    expect(await store.counts()).toEqual({ actions: 0, quarantine: 1, pages: 1 });
    expect(await store.getCheckpoint('test')).toBe('{"at":1}');
    await store.close();
  });

  it('derives the columns from the modelled fields only: unknown fields, even a "Height", change nothing', async () => {
    const store = await MidgardStore.open(join(tmp(), 's.duckdb'));
    const a = { ...send('10', 'A'), Height: '999', extra: { height: '5', nested: [1, { x: null }] } };
    await store.ingestPages([page([a])]);
    const rows = await store.query('SELECT height::VARCHAR AS h, in_tx_id, raw_json FROM actions');
    expect(rows).toEqual([{ h: '10', in_tx_id: 'A', raw_json: JSON.stringify(a) }]);
    await store.close();
  });

  it('rolls a failing batch back whole, staging included, and the next batch stores only its own actions', async () => {
    const store = await MidgardStore.open(join(tmp(), 's.duckdb'));
    // Valid by the schema (an unsigned integer string) but past BIGINT: the height column's cast fails.
    const tooHigh = send('99999999999999999999', 'X');
    await expect(
      store.ingestPages([{ ...page([send('10', 'A'), tooHigh]), checkpoint: '{"at":1}' }]),
    ).rejects.toThrow();
    expect(await store.counts()).toEqual({ actions: 0, quarantine: 0, pages: 0 });
    expect(await store.getCheckpoint('test')).toBeUndefined();
    expect(await store.ingestPages([page([send('11', 'B')])])).toMatchObject([{ inserted: 1 }]);
    expect(await store.query('SELECT in_tx_id FROM actions')).toEqual([{ in_tx_id: 'B' }]);
    await store.close();
  });
});
