import { describe, expect, it } from 'vitest';
import {
  BLOCK_NAMES,
  buildFeatures,
  CAT_WIDTH,
  CATEGORY_FIELDS,
  decodeRow,
  FeatureExtractor,
  NUM_WIDTH,
  NUMERIC_FIELDS,
  amountE8,
  MAYA_UNITS,
  UNKNOWN,
  type FeatureSet,
} from '../../../src/maya/features';
import type { MidgardAction } from '../../../src/midgard/schema';
import { synthActions } from './synth';

const N = 600;
const L = 5;
const col = (name: string) => NUMERIC_FIELDS.findIndex((f) => f.name === name);
const catCol = (name: string) => CATEGORY_FIELDS.findIndex((f) => f.name === name);

async function* asAsync(xs: MidgardAction[]): AsyncIterable<MidgardAction> {
  for (const x of xs) yield x;
}

function expectRow(set: FeatureSet, i: number, row: { cat: Int32Array; num: Float32Array; mask: Uint8Array }) {
  expect(Array.from(row.cat)).toEqual(Array.from(set.cat.subarray(i * CAT_WIDTH, (i + 1) * CAT_WIDTH)));
  expect(Array.from(row.num)).toEqual(Array.from(set.num.subarray(i * NUM_WIDTH, (i + 1) * NUM_WIDTH)));
  expect(Array.from(row.mask)).toEqual(Array.from(set.mask.subarray(i * NUM_WIDTH, (i + 1) * NUM_WIDTH)));
}

describe('buildFeatures', () => {
  const actions = synthActions(N, 7, { lateTokenFrom: 560 });

  it('gives the same rows in batch (training) and step-by-step (inference)', async () => {
    const set = await buildFeatures(asAsync(actions), { seqLen: L, buckets: 64 });
    expect(set.count).toBe(N);
    const ex = new FeatureExtractor(set.artifacts);
    actions.forEach((a, i) => expectRow(set, i, ex.step(a)));
    // Live prediction starts from recent history only: after L actions of warm-up, rows match.
    const warm = new FeatureExtractor(set.artifacts);
    const k = 300;
    for (let i = k - L; i < k; i++) warm.step(actions[i] as MidgardAction);
    for (let i = k; i < k + 50; i++) expectRow(set, i, warm.step(actions[i] as MidgardAction));
  });

  it('splits chronologically with a gap of at least L and keeps every window inside its block', async () => {
    const set = await buildFeatures(actions, { seqLen: L });
    const b = set.artifacts.split.blocks;
    // 0.7 / 0.15 / 0.15 of 600 with gap L = 5 (computed by hand).
    expect([b.train.start, b.train.end, b.validation.start, b.validation.end, b.test.start, b.test.end]).toEqual([
      0, 420, 425, 510, 515, 600,
    ]);
    expect(set.artifacts.split.gap).toBeGreaterThanOrEqual(L);
    expect(b.validation.start - b.train.end).toBeGreaterThanOrEqual(L);
    expect(b.test.start - b.validation.end).toBeGreaterThanOrEqual(L);
    expect(b.train.lastHeight).toBe((actions[419] as MidgardAction).height);
    expect(b.validation.firstHeight).toBe((actions[425] as MidgardAction).height);
    expect(b.test.lastDate).toBe((actions[599] as MidgardAction).date);
    expect(BigInt(b.train.lastDate as string) <= BigInt(b.validation.firstDate as string)).toBe(true);
    expect(BigInt(b.validation.lastDate as string) <= BigInt(b.test.firstDate as string)).toBe(true);
    for (const name of BLOCK_NAMES) {
      const w = set.windows[name];
      expect(w.length).toBe(b[name].end - b[name].start - L);
      expect(b[name].windows).toBe(w.length);
      for (const s of w) {
        expect(s).toBeGreaterThanOrEqual(b[name].start);
        expect(s + L).toBeLessThan(b[name].end); // target index inside the block
      }
    }
    await expect(buildFeatures(actions, { seqLen: L, split: { gap: L - 1 } })).rejects.toThrow(
      /gap 4 is shorter than seqLen 5/,
    );
    await expect(buildFeatures(actions.slice(0, 40), { seqLen: L })).rejects.toThrow(/too few/);
    await expect(buildFeatures([...actions].reverse(), { seqLen: L })).rejects.toThrow(/out of order/);
    // Bad options fail before the (possibly long) stream is read.
    const untouched: Iterable<MidgardAction> = {
      [Symbol.iterator]: () => {
        throw new Error('stream was read');
      },
    };
    await expect(
      buildFeatures(untouched, { seqLen: L, split: { train: 0.5, validation: 0.1, test: 0.1 } }),
    ).rejects.toThrow(/must be 1/);
  });

  it('fits vocabularies and scalers on the train block only', async () => {
    const set = await buildFeatures(actions, { seqLen: L });
    const a = set.artifacts;
    expect(a.vocabs.pool).not.toContain('DOGE.DOGE');
    expect(a.vocabs.pool).toContain('BTC.BTC');
    const pool1 = catCol('pool1');
    let late = 0;
    actions.forEach((x, i) => {
      if (x.pools[0] !== 'DOGE.DOGE') return;
      late++;
      expect(set.cat[i * CAT_WIDTH + pool1]).toBe(UNKNOWN);
    });
    expect(late).toBeGreaterThan(0);
    // Mean and population std of swapSlip over train swaps, straight from the actions.
    const slips = actions
      .slice(0, a.split.blocks.train.end)
      .flatMap((x) => (x.metadata.swap ? [Number(x.metadata.swap.swapSlip)] : []));
    const mean = slips.reduce((s, v) => s + v, 0) / slips.length;
    const std = Math.sqrt(slips.reduce((s, v) => s + (v - mean) ** 2, 0) / slips.length);
    expect(a.scalers.swapSlipBps?.count).toBe(slips.length);
    expect(a.scalers.swapSlipBps?.mean).toBeCloseTo(mean, 9);
    expect(a.scalers.swapSlipBps?.std).toBeCloseTo(std, 9);
    // Changing only the test block's actions changes neither vocabularies nor scalers.
    const altered = actions.map((x, i) =>
      i >= a.split.blocks.test.start && x.metadata.swap
        ? { ...x, status: 'refund', metadata: { swap: { ...x.metadata.swap, swapSlip: '9999' } } }
        : x,
    );
    const other = await buildFeatures(altered, { seqLen: L });
    expect(other.artifacts.vocabs).toEqual(a.vocabs);
    expect(other.artifacts.scalers).toEqual(a.scalers);
    expect(other.artifacts.data.sha256).not.toBe(a.data.sha256);
  });

  it('reports constant features instead of standardising them to NaN, and masks missing values', async () => {
    const set = await buildFeatures(actions, { seqLen: L });
    const a = set.artifacts;
    // Every synthetic withdraw has asymmetry "0"; nothing carries a second pool.
    expect(a.constantFeatures).toEqual(expect.arrayContaining(['withdrawAsymmetry', 'pool2']));
    expect(a.constantFeatures).not.toContain('swapSlipBps');
    expect(a.scalers.withdrawAsymmetry).toMatchObject({ constant: true, std: 1, mean: 0 });
    for (const v of set.num) expect(Number.isFinite(v)).toBe(true);
    const slip = col('swapSlipBps');
    const aff = col('affiliateFeeBps');
    actions.forEach((x, i) => {
      expect(set.mask[i * NUM_WIDTH + slip]).toBe(x.metadata.swap ? 1 : 0);
      if (!x.metadata.swap) expect(set.num[i * NUM_WIDTH + slip]).toBe(0);
      // An affiliate fee of 0 bps is a value, not a missing one.
      if (x.metadata.swap?.affiliateFee === '0') expect(set.mask[i * NUM_WIDTH + aff]).toBe(1);
    });
  });

  it('decodes rows back to tokens and natural units', async () => {
    const set = await buildFeatures(actions, { seqLen: L });
    const i = actions.findIndex(
      (x, j) => j > 0 && x.type === 'swap' && x.out.length > 0 && x.metadata.swap?.affiliateFee === '50',
    );
    const x = actions[i] as MidgardAction;
    const d = decodeRow(
      set.artifacts,
      set.cat.subarray(i * CAT_WIDTH),
      set.num.subarray(i * NUM_WIDTH),
      set.mask.subarray(i * NUM_WIDTH),
    );
    expect(d.categories.type).toBe('swap');
    expect(d.categories.pool1).toBe(x.pools[0]);
    expect(d.categories.pool2).toBeNull();
    expect(d.numerics.affiliateFeeBps).toBeCloseTo(50, 3);
    const coin = x.in[0]?.coins[0] as { asset: string; amount: string };
    expect((d.numerics.inAmount as number) / amountE8(coin.amount, coin.asset, MAYA_UNITS)).toBeCloseTo(1, 5);
    expect(d.numerics.withdrawBps).toBeNull();
  });
});
