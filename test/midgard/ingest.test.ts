import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { actionIdentity, MidgardStore, validateAction, type MidgardAction } from '../../src/midgard';
import { actionPages } from '../helpers/fixtures';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();

function page(actions: unknown[], checkpoint = '{}') {
  return { source: 'test', chain: 'maya', url: 'http://x', actions, checkpoint };
}

/**
 * The typed columns as the previous ingest (toRow + appender) stored them, written out again here
 * straight from the action JSON: first in/out transaction and coin, `||` for the affiliate address
 * (an empty string falls through), `??` for the rest.
 */
function expectedColumns(a: MidgardAction, chain: string) {
  const s = a.metadata.swap;
  const r = a.metadata.refund;
  const w = a.metadata.withdraw;
  const orNull = (v: unknown) => (v === undefined ? null : String(v));
  return {
    chain,
    height: a.height,
    date_ns: a.date,
    type: a.type,
    status: a.status,
    pools: a.pools.join(','),
    in_address: a.in[0]?.address ?? null,
    in_asset: a.in[0]?.coins[0]?.asset ?? null,
    in_amount: a.in[0]?.coins[0]?.amount ?? null,
    in_tx_id: a.in[0]?.txID ?? null,
    in_count: a.in.length,
    out_address: a.out[0]?.address ?? null,
    out_asset: a.out[0]?.coins[0]?.asset ?? null,
    out_amount: a.out[0]?.coins[0]?.amount ?? null,
    out_tx_id: a.out[0]?.txID ?? null,
    out_count: a.out.length,
    liquidity_fee: orNull(s?.liquidityFee),
    swap_slip_bps: s ? Number(s.swapSlip) : null,
    swap_target: orNull(s?.swapTarget),
    affiliate_address: s?.affiliateAddress || r?.affiliateAddress || null,
    affiliate_fee_bps:
      s?.affiliateFee !== undefined
        ? Number(s.affiliateFee)
        : r?.affiliateFee !== undefined
          ? Number(r.affiliateFee)
          : null,
    is_streaming: s?.isStreamingSwap ?? null,
    streaming_count: s?.streamingSwapMeta ? Number(s.streamingSwapMeta.count) : null,
    streaming_quantity: s?.streamingSwapMeta ? Number(s.streamingSwapMeta.quantity) : null,
    memo: s?.memo ?? r?.memo ?? w?.memo ?? null,
    liquidity_units: orNull(a.metadata.addLiquidity?.liquidityUnits ?? w?.liquidityUnits),
    withdraw_bps: w ? Number(w.basisPoints) : null,
    reason: r?.reason ?? a.metadata.failed?.reason ?? null,
  };
}

const COLUMNS_SQL = `SELECT raw_json, chain, height::VARCHAR AS height, date_ns::VARCHAR AS date_ns, type, status, pools,
  in_address, in_asset, in_amount::VARCHAR AS in_amount, in_tx_id, in_count,
  out_address, out_asset, out_amount::VARCHAR AS out_amount, out_tx_id, out_count,
  liquidity_fee::VARCHAR AS liquidity_fee, swap_slip_bps, swap_target::VARCHAR AS swap_target,
  affiliate_address, affiliate_fee_bps, is_streaming, streaming_count, streaming_quantity, memo,
  liquidity_units::VARCHAR AS liquidity_units, withdraw_bps, reason
FROM actions`;

/** Hand-made actions for the branches the recorded pages do not reach (withdraw, refund, failed, streaming). */
const coin = (amount: string, asset: string) => ({ amount, asset });
const tx = (txID: string, address: string, ...coins: { amount: string; asset: string }[]) => ({ address, coins, txID });
const HANDMADE: MidgardAction[] = [
  {
    date: '1700000000000000001',
    height: '100',
    in: [tx('AA', 'maya1in', coin('10', 'BTC.BTC'))],
    out: [tx('', 'maya1out', coin('20', 'MAYA.CACAO')), tx('BB', 'maya1aff', coin('1', 'MAYA.CACAO'))],
    pools: ['BTC.BTC'],
    status: 'success',
    type: 'swap',
    metadata: {
      swap: {
        affiliateAddress: 'maya1aff',
        affiliateFee: '75',
        isStreamingSwap: true,
        liquidityFee: '170141183460469231731687303715884105727', // HUGEINT's largest value
        memo: '=:MAYA.CACAO:maya1out',
        networkFees: [],
        streamingSwapMeta: { count: '3', quantity: '10', failedSwaps: ['2'] },
        swapSlip: '12',
        swapTarget: '0',
      },
    },
  },
  {
    date: '1700000000000000002',
    height: '101',
    in: [tx('CC', 'maya1in')],
    out: [],
    pools: [],
    status: 'success',
    type: 'withdraw',
    metadata: {
      withdraw: {
        asymmetry: '0',
        basisPoints: '10000',
        impermanentLossProtection: '0',
        liquidityUnits: '-5000',
        networkFees: [],
        memo: '-:BTC.BTC:10000',
      },
    },
  },
  {
    date: '1700000000000000003',
    height: '102',
    in: [tx('DD', 'bc1q', coin('5', 'BTC.BTC'))],
    out: [],
    pools: ['BTC.BTC'],
    status: 'success',
    type: 'refund',
    metadata: {
      refund: { affiliateAddress: 'maya1ref', affiliateFee: '20', memo: 'bad', networkFees: [], reason: 'no pool' },
    },
  },
  {
    date: '1700000000000000004',
    height: '103',
    in: [tx('EE', 'maya1x', coin('7', 'MAYA.CACAO'))],
    out: [],
    pools: [],
    status: 'pending',
    type: 'failed',
    metadata: { failed: { reason: 'out of gas', memo: 'x' } },
  },
];

async function rowsByRaw(store: MidgardStore) {
  const rows = await store.query(COLUMNS_SQL);
  return new Map(rows.map(({ raw_json, ...cols }) => [raw_json as string, cols]));
}

describe('ingest', () => {
  it('derives every typed column from the raw JSON as the previous ingest stored it (recorded pages)', async () => {
    const store = await MidgardStore.open(join(tmp(), 's.duckdb'));
    const pages = actionPages();
    for (const [file, body] of pages) {
      const chain = file.startsWith('maya') ? 'maya' : 'thorchain';
      await store.ingestPages([{ ...page(body.actions), chain }]);
    }
    const stored = await rowsByRaw(store);
    let n = 0;
    for (const [file, body] of pages) {
      for (const a of body.actions as MidgardAction[]) {
        // The raw JSON is the fixture object serialised once, byte for byte as before.
        const row = stored.get(JSON.stringify(a));
        expect(row, `${file} ${a.height}`).toEqual(expectedColumns(a, file.startsWith('maya') ? 'maya' : 'thorchain'));
        n++;
      }
    }
    expect(n).toBe(16); // 1 + 4 + 3 Maya and 2 + 2 + 4 THORChain actions in test/fixtures/midgard
    await store.close();
  });

  it('derives the withdraw, refund, failed and streaming-swap columns (hand-made actions, hand-written values)', async () => {
    const store = await MidgardStore.open(join(tmp(), 's.duckdb'));
    await store.ingestPages([page(HANDMADE)]);
    const stored = await rowsByRaw(store);
    for (const a of HANDMADE) expect(stored.get(JSON.stringify(a))).toEqual(expectedColumns(a, 'maya'));
    const get = (i: number) => stored.get(JSON.stringify(HANDMADE[i]));
    expect(get(0)).toMatchObject({
      liquidity_fee: '170141183460469231731687303715884105727',
      affiliate_address: 'maya1aff',
      affiliate_fee_bps: 75,
      is_streaming: true,
      streaming_count: 3,
      streaming_quantity: 10,
      out_count: 2,
      out_tx_id: '',
    });
    expect(get(1)).toMatchObject({
      in_asset: null,
      in_amount: null,
      pools: '',
      liquidity_units: '-5000',
      withdraw_bps: 10000,
      memo: '-:BTC.BTC:10000',
    });
    expect(get(2)).toMatchObject({
      affiliate_address: 'maya1ref',
      affiliate_fee_bps: 20,
      memo: 'bad',
      reason: 'no pool',
    });
    expect(get(3)).toMatchObject({ reason: 'out of gas', memo: null, liquidity_fee: null, out_address: null });
    await store.close();
  });

  it('stores an action repeated across pages and batches once, and counts the repeats per page', async () => {
    const store = await MidgardStore.open(join(tmp(), 's.duckdb'));
    const [x, y, z] = HANDMADE as [MidgardAction, MidgardAction, MidgardAction];
    const first = await store.ingestPages([page([x, y])]);
    expect(first).toMatchObject([{ inserted: 2, duplicates: 0 }]);
    // A later batch: y again on its first page, x again (a copy, not the same object) on its second.
    const second = await store.ingestPages([page([y, z, z]), page([structuredClone(x)])]);
    expect(second).toMatchObject([
      { received: 3, inserted: 1, duplicates: 2, quarantined: 0 },
      { received: 1, inserted: 0, duplicates: 1, quarantined: 0 },
    ]);
    expect(await store.counts()).toEqual({ actions: 3, quarantine: 0, pages: 3 });
    const ids = await store.query('SELECT count(DISTINCT id)::INTEGER AS n FROM actions');
    expect(ids).toEqual([{ n: 3 }]);
    await store.close();
  });

  it("quarantines a malformed action with zod's wording, wherever the problem is", async () => {
    const store = await MidgardStore.open(join(tmp(), 's.duckdb'));
    const [good] = HANDMADE as [MidgardAction];
    const badAmount = structuredClone(good);
    (badAmount.in[0] as MidgardAction['in'][number]).coins = [coin('1.5', 'BTC.BTC')];
    const badType = structuredClone(good);
    Object.assign(badType.metadata.swap ?? {}, { swapSlip: 12 });
    const [r] = await store.ingestPages([page([badAmount, good, badType])]);
    expect(r).toMatchObject({ received: 3, inserted: 1, quarantined: 2 });
    const reasons = [];
    for await (const q of store.quarantined()) reasons.push(q.reason);
    // zod 3's messages: the schema's own regex message, and its invalid_type message.
    expect(reasons.sort()).toEqual([
      'in.0.coins.0.amount: expected an unsigned integer string',
      'metadata.swap.swapSlip: Expected string, received number',
    ]);
    await store.close();
  });

  it('keeps working on a store created with the primary key the actions table used to have', async () => {
    const path = join(tmp(), 'old.duckdb');
    const db = await DuckDBInstance.create(path);
    const con = await db.connect();
    // The previous schema's actions table, as it was created (PRIMARY KEY (id)).
    await con.run(`CREATE TABLE actions (id VARCHAR, chain VARCHAR, height BIGINT, date_ns BIGINT, type VARCHAR,
      status VARCHAR, pools VARCHAR, in_address VARCHAR, in_asset VARCHAR, in_amount HUGEINT, in_tx_id VARCHAR,
      in_count INTEGER, out_address VARCHAR, out_asset VARCHAR, out_amount HUGEINT, out_tx_id VARCHAR, out_count INTEGER,
      liquidity_fee HUGEINT, swap_slip_bps INTEGER, swap_target HUGEINT, affiliate_address VARCHAR,
      affiliate_fee_bps INTEGER, is_streaming BOOLEAN, streaming_count INTEGER, streaming_quantity INTEGER,
      memo VARCHAR, liquidity_units HUGEINT, withdraw_bps INTEGER, reason VARCHAR, raw_json VARCHAR,
      page_seq BIGINT NOT NULL, PRIMARY KEY (id))`);
    con.closeSync();
    db.closeSync();
    const store = await MidgardStore.open(path);
    expect(await store.ingestPages([page(HANDMADE)])).toMatchObject([{ inserted: 4, duplicates: 0 }]);
    expect(await store.ingestPages([page(HANDMADE)])).toMatchObject([{ inserted: 0, duplicates: 4 }]);
    expect((await store.counts()).actions).toBe(4);
    await store.close();
  });
});

describe('actionIdentity', () => {
  const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

  it('hashes type, height, date and the sorted in/out transactions (hand-written text of two recorded actions)', () => {
    const [, c] = actionPages().find(([f]) => f === 'maya-actions-c.json') as [string, { actions: MidgardAction[] }];
    const swap = c.actions.find((a) => a.height === '5239911') as MidgardAction;
    const add = c.actions.find((a) => a.height === '5358124') as MidgardAction;
    const id = (a: MidgardAction) => {
      const v = validateAction(a);
      if (!v.ok) throw new Error(v.reason);
      return actionIdentity(v.action);
    };
    expect(id(swap)).toBe(
      sha(
        'swap|5239911|1709981753596677593' +
          '|in:C238C07B31F0798B3C8DD3B3528F40BB466227F6460DCF9D260A8E836CF7C3FD/maya14mh37ua4vkyur0l5ra297a4la6tmf95mtjy3zy/18492500000000MAYA.CACAO' +
          '|out:EF562F3E1205BF7F53BE65E7FFCFF39614BEC08BEFC2B36FFD5E5326E32D17FF/thor14mh37ua4vkyur0l5ra297a4la6tmf95mt96a55/24045699771THOR.RUNE',
      ),
    );
    // Two inbound transactions: "4073…" sorts before "6E46…", the reverse of their order in the feed.
    expect(id(add)).toBe(
      sha(
        'addLiquidity|5358124|1710741724088635788' +
          '|in:40732BD8DBFFE02E2E639364CF70FD91985919EA6DF1CCA76D24CC6328D532E2/0xaa278b62225f6dbc4436de8fa3dd195e1542d159/25000000000ETH.USDT-0XDAC17F958D2EE523A2206206994597C13D831EC7' +
          ',6E4678CC82495F7F80A53781A088573E72B2CACFA8ECE9EC48BEBEC604D0D9C5/maya14mh37ua4vkyur0l5ra297a4la6tmf95mtjy3zy/2328591462343MAYA.CACAO' +
          '|out:',
      ),
    );
  });

  it('joins several coins of one transaction with +', () => {
    const a = {
      ...(HANDMADE[3] as MidgardAction),
      in: [tx('EE', 'maya1x', coin('7', 'MAYA.CACAO'), coin('8', 'BTC.BTC'))],
    };
    const v = validateAction(a);
    if (!v.ok) throw new Error(v.reason);
    expect(actionIdentity(v.action)).toBe(sha('failed|103|1700000000000000004|in:EE/maya1x/7MAYA.CACAO+8BTC.BTC|out:'));
  });
});
