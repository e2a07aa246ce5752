import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/rng';
import { CATEGORY_FIELDS, NUMERIC_FIELDS } from '../../../src/maya/features';
import {
  AMOUNT_PRIOR_FILE,
  fitAmountPrior,
  loadAmountPrior,
  priorDraw,
  priorMedian,
  priorTables,
  saveAmountPrior,
  type AmountPriorFile,
} from '../../../src/maya/model/amount-prior';
import { loadModel, trainModel } from '../../../src/maya/model';
import { smallSet } from './fixture';

const root = mkdtempSync(join(tmpdir(), 'maya-amount-prior-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A file with one column over 10 bins of [0, 10): each bin is one unit wide. */
function file(counts: [number, number, number, number][], kappa = 0): AmountPriorFile {
  return {
    format: 'maya-amount-prior/1',
    bins: 10,
    lo: 0,
    hi: 10,
    kappa,
    columns: [
      { amount: 'inAmount', asset: 'inAsset', counts },
      { amount: 'outAmount', asset: 'outAsset', counts: [] },
    ],
  };
}
const vocab = (types: number, assets: number) =>
  CATEGORY_FIELDS.map((f) => (f.name === 'type' ? types : f.vocab === 'asset' ? assets : 3));

describe('amount prior', () => {
  it('counts the amounts of the train block by type and asset', async () => {
    const set = await smallSet();
    const { catWidth: C, numWidth: J, split } = set.artifacts;
    const p = fitAmountPrior(
      set,
      set.artifacts.fields.filter((f) => f.matrix === 'cat').map((f) => f.vocabSize ?? 2),
    );
    const j = NUMERIC_FIELDS.findIndex((f) => f.name === 'inAmount');
    const a = CATEGORY_FIELDS.findIndex((f) => f.name === 'inAsset');
    // Independent tally: how many train rows carry an inAmount, per (type, asset).
    const want = new Map<string, number>();
    for (let r = split.blocks.train.start; r < split.blocks.train.end; r++)
      if (set.mask[r * J + j]) {
        const key = `${set.cat[r * C]},${set.cat[r * C + a]}`;
        want.set(key, (want.get(key) ?? 0) + 1);
      }
    const got = new Map<string, number>();
    for (const [t, as, , n] of p.file.columns[0]?.counts ?? []) got.set(`${t},${as}`, (got.get(`${t},${as}`) ?? 0) + n);
    expect(got).toEqual(want);
    expect([...want.values()].reduce((s, n) => s + n, 0)).toBeGreaterThan(50);
  });

  it('decodes the median of the weighted mixture, mass spread evenly inside each bin', () => {
    // Type 0: asset 2 always in bin 1 ([1, 2)), asset 3 always in bin 7 ([7, 8)).
    const p = priorTables(
      file([
        [0, 2, 1, 4],
        [0, 3, 7, 4],
      ]),
      vocab(2, 4),
    );
    // All weight on asset 2: the median of a uniform [1, 2) is 1.5.
    expect(priorMedian(p, 0, (t, a) => (t === 0 && a === 2 ? 1 : 0))).toBeCloseTo(1.5, 12);
    // 0.8 on asset 3, 0.2 on asset 2: half the mass is reached 0.3 / 0.8 of the way into bin 7.
    expect(priorMedian(p, 0, (t, a) => (t === 0 ? (a === 3 ? 0.8 : a === 2 ? 0.2 : 0) : 0))).toBeCloseTo(
      7 + 0.3 / 0.8,
      12,
    );
    // No weight at all: the middle of the range.
    expect(priorMedian(p, 0, () => 0)).toBe(5);
  });

  it('pulls a (type, asset) without counts to its asset, and an unseen asset to the column', () => {
    // Asset 2 seen under type 0 only (bin 1 ×3, bin 3 ×1); asset 3 under type 1 (bin 9 ×4).
    const p = priorTables(
      file(
        [
          [0, 2, 1, 3],
          [0, 2, 3, 1],
          [1, 3, 9, 4],
        ],
        20,
      ),
      vocab(2, 4),
    );
    const row = (t: number, a: number) =>
      Array.from(p.tables[0]?.subarray((t * 4 + a) * 10, (t * 4 + a + 1) * 10) ?? []);
    // Type 1 never had asset 2: its row is p(bin | asset 2) = (counts + 20 · column share) / (4 + 20).
    const column = [0, 3 / 8, 0, 1 / 8, 0, 0, 0, 0, 0, 4 / 8];
    const asset2 = [0, 3, 0, 1, 0, 0, 0, 0, 0, 0].map((n, b) => (n + 20 * (column[b] as number)) / 24);
    row(1, 2).forEach((v, b) => expect(v).toBeCloseTo(asset2[b] as number, 12));
    // Type 0 with asset 2: its own counts shrunk to that.
    row(0, 2).forEach((v, b) => expect(v).toBeCloseTo(([0, 3, 0, 1, 0, 0, 0, 0, 0, 0][b]! + 20 * asset2[b]!) / 24, 12));
    // Asset 0 was never seen: the column's histogram.
    row(0, 0).forEach((v, b) => expect(v).toBeCloseTo(column[b] as number, 12));
    for (const t of [0, 1])
      for (const a of [0, 1, 2, 3]) expect(row(t, a).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });

  it('draws an amount from its (type, asset) histogram, uniform inside the bin', () => {
    // Type 0, asset 2: bin 1 ×3 and bin 6 ×1 (no smoothing).
    const p = priorTables(
      file([
        [0, 2, 1, 3],
        [0, 2, 6, 1],
      ]),
      vocab(2, 4),
    );
    const rng = createRng(9);
    const draws = Array.from({ length: 4000 }, () => priorDraw(p, 0, 0, 2, () => rng.next()));
    expect(draws.every((x) => (x >= 1 && x < 2) || (x >= 6 && x < 7))).toBe(true);
    const share = draws.filter((x) => x < 2).length / draws.length;
    expect(share).toBeGreaterThan(0.72); // 0.75 expected; 4,000 draws give a standard error of 0.007
    expect(share).toBeLessThan(0.78);
    const inBin = draws.filter((x) => x < 2).map((x) => x - 1);
    expect(inBin.reduce((s, x) => s + x, 0) / inBin.length).toBeCloseTo(0.5, 1);
  });

  it('is recorded by training, and a folder from before it loads without one', async () => {
    const set = await smallSet();
    const dir = join(root, 'trained');
    const r = await trainModel(set, { out: dir, preset: 'tiny', seed: 2, overrides: { train: { epochs: 1 } } });
    expect(r.manifest.amountPrior?.file).toBe(AMOUNT_PRIOR_FILE);
    const loaded = await loadModel(dir);
    expect(loaded.amountPrior?.tables).toHaveLength(2);
    loaded.dispose();
    // A manifest written before the prior existed has neither the config flag nor the record.
    const path = join(dir, 'manifest.json');
    const m = JSON.parse(readFileSync(path, 'utf8'));
    delete m.amountPrior;
    writeFileSync(path, JSON.stringify(m));
    await expect(loadModel(dir)).rejects.toThrow(/amountPrior is on but no prior file is recorded/);
    delete m.config.arch.amountPrior;
    writeFileSync(path, JSON.stringify(m));
    const old = await loadModel(dir);
    expect(old.config.arch.amountPrior).toBe(false);
    expect(old.amountPrior).toBeUndefined();
    old.dispose();
  });

  it('saves with a checksum and refuses a changed file', () => {
    const dir = join(root, 'model');
    mkdirSync(dir);
    const p = priorTables(file([[0, 2, 1, 4]]), vocab(2, 4));
    const rec = saveAmountPrior(dir, p);
    const back = loadAmountPrior(dir, rec.sha256, vocab(2, 4));
    expect(back.file).toEqual(p.file);
    expect(Array.from(back.tables[0] ?? [])).toEqual(Array.from(p.tables[0] ?? []));
    writeFileSync(join(dir, AMOUNT_PRIOR_FILE), JSON.stringify(file([[0, 2, 2, 4]])));
    expect(() => loadAmountPrior(dir, rec.sha256, vocab(2, 4))).toThrow(/sha256 differs/);
  });
});
