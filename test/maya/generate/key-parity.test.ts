import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core';
import {
  buildFeatures,
  checkKeyParity,
  decodeRow,
  Encoder,
  keyPaths,
  MAYA_UNITS,
  NUM_WIDTH,
  recordKeyShapes,
} from '../../../src/maya/features';
import { decodeAction } from '../../../src/maya/generate/decode-action';
import { MarketBook } from '../../../src/maya/generate/market-book';
import { simulateActions, type MidgardAction } from '../../../src/midgard';

const send = (extra: Record<string, unknown> = {}): MidgardAction => ({
  date: '1000',
  height: '10',
  in: [{ address: 'maya1a', coins: [{ asset: 'MAYA.CACAO', amount: '5' }], txID: 'AB' }],
  out: [{ address: 'maya1b', coins: [{ asset: 'MAYA.CACAO', amount: '5' }], txID: 'AB', height: '10' }],
  pools: [],
  status: 'success',
  type: 'send',
  metadata: { ...extra },
});

describe('key shapes', () => {
  it('records, per kind, the keys every action carries and the value kinds seen (hand-derived)', () => {
    const withMemo = send({ send: { memo: 'hello' } });
    const shapes = recordKeyShapes([send(), withMemo]);
    expect(Object.keys(shapes)).toEqual(['send']);
    const s = shapes.send!;
    expect(s.actions).toBe(2);
    // Both carry the top-level keys and the tx keys; only one carries metadata.send.memo.
    expect(s.always).toContain('out[].height');
    expect(s.always).toContain('in[].coins[].amount');
    expect(s.always).not.toContain('metadata.send.memo');
    expect(s.kinds['metadata.send.memo']).toEqual(['string']);
    expect(s.kinds['in[].coins[].amount']).toEqual(['uint']);
    expect(s.kinds.pools).toEqual(['array']);
    expect(keyPaths(send()).get('date')).toEqual(new Set(['uint']));
  });

  it('flags missing keys, keys the feed never had and values of the wrong kind', () => {
    const shapes = recordKeyShapes([send()]);
    const noHeight = send();
    delete (noHeight.out[0] as { height?: string }).height;
    expect(checkKeyParity(noHeight, shapes)).toMatchObject({ ok: false, missing: ['out[].height'], extra: [] });
    expect(checkKeyParity(send({ send: { memo: 'x' } }), shapes)).toMatchObject({
      ok: false,
      extra: ['metadata.send', 'metadata.send.memo'],
    });
    const textAmount = send();
    (textAmount.in[0]!.coins[0] as { amount: string }).amount = 'lots';
    expect(checkKeyParity(textAmount, shapes).wrongKind).toEqual(['in[].coins[].amount: string, feed uint']);
    expect(checkKeyParity({ ...send(), type: 'swap' }, shapes)).toMatchObject({ ok: false, unknownKind: true });
    expect(checkKeyParity(send(), shapes).ok).toBe(true);
  });

  it('a "0" fits a key the feed filled with decimals, a decimal does not fit integers', () => {
    const feed = send({ withdraw: { asymmetry: '0.5' } });
    const shapes = recordKeyShapes([feed]);
    expect(checkKeyParity(send({ withdraw: { asymmetry: '0' } }), shapes).ok).toBe(true);
    const intFeed = recordKeyShapes([send({ withdraw: { asymmetry: '1' } })]);
    expect(checkKeyParity(send({ withdraw: { asymmetry: '0.5' } }), intFeed).wrongKind).toEqual([
      'metadata.withdraw.asymmetry: decimal, feed uint',
    ]);
  });
});

describe('decoded actions carry every key of the trained-on feed', () => {
  it("any sampled prediction decodes to an action with key parity against the features' recorded shapes", async () => {
    const actions = [...simulateActions({ seed: 21 }, 1500)];
    const set = await buildFeatures(actions, { seqLen: 10, buckets: 256 });
    const shapes = set.artifacts.keyShapes!;
    // The simulator's feed has these kinds; streaming swaps carry their own keys.
    expect(Object.keys(shapes).sort()).toEqual([
      'addLiquidity',
      'refund',
      'send',
      'swap',
      'swap/streaming',
      'withdraw',
    ]);
    expect(shapes.swap!.always).toContain('metadata.swap.inPriceUSD');
    expect(shapes.withdraw!.always).toContain('metadata.withdraw.memo');
    const enc = new Encoder(set.artifacts);
    const rng = createRng(5);
    const sizes = set.artifacts.fields.filter((f) => f.matrix === 'cat').map((f) => f.vocabSize ?? 2);
    const book = new MarketBook(MAYA_UNITS);
    for (const a of actions.slice(0, 1000)) book.observe(a);
    const failures: string[] = [];
    const kinds = new Set<string>();
    for (let k = 0; k < 1500; k++) {
      // Real tokens only (ids ≥ 2): a sampler never draws <UNK> and type/status never <PAD>.
      const cat = Int32Array.from(sizes, (s) => (s > 2 ? 2 + rng.int(s - 2) : rng.int(s)));
      const num = Float32Array.from({ length: NUM_WIDTH }, () => rng.normal() * 3);
      const mask = Uint8Array.from({ length: NUM_WIDTH }, () => (rng.next() < 0.6 ? 1 : 0));
      const t = 1000 + rng.int(400);
      const a = decodeAction(decodeRow(enc, cat, num, mask), {
        window: actions.slice(t - 10, t),
        rng,
        buckets: 256,
        units: MAYA_UNITS,
        book,
      });
      const p = checkKeyParity(a, shapes);
      kinds.add(p.kind);
      if (!p.ok) failures.push(`${p.kind}: missing ${p.missing} extra ${p.extra} wrong ${p.wrongKind}`);
    }
    expect(kinds.size).toBe(6);
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it("swap prices come from the book, or from the swap's own rate when the book lacks one side", () => {
    const book = new MarketBook(MAYA_UNITS);
    // 1 BTC in (1e8 base units) for 20 ETH out (20e8): with BTC at 60,000 USD, ETH must be 3,000.
    book.observe({
      ...send(),
      type: 'swap',
      in: [{ address: 'a', coins: [{ asset: 'BTC.BTC', amount: '1' }], txID: 'X' }],
      out: [],
      metadata: {
        swap: {
          inPriceUSD: '60000',
          liquidityFee: '0',
          networkFees: [{ asset: 'ETH.ETH', amount: '12' }],
          swapSlip: '0',
          swapTarget: '0',
        },
      },
    });
    expect(book.swapPrices('BTC.BTC', '100000000', 'ETH.ETH', '2000000000')).toEqual({ inUSD: 60000, outUSD: 3000 });
    expect(book.networkFee('ETH.ETH')).toBe('12');
    expect(book.networkFee('BTC.BTC')).toBe('0');
  });
});
