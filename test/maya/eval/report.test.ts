import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  baselinePredictions,
  blockTruth,
  evaluate,
  parseEvaluationResult,
  writeEvaluation,
  type EvaluationResult,
} from '../../../src/maya/eval';
import { buildFeatures, CAT_WIDTH, CATEGORY_FIELDS, type FeatureSet } from '../../../src/maya/features';
import type { Predictions } from '../../../src/maya/predictions';
import { synthActions } from '../features/synth';
import { useTmpDir } from '../../helpers/tmp';

const tmp = useTmpDir();
const EVIL = '<img src=x onerror=f>'; // short enough to stay whole in the figure labels

/** The truth itself as a prediction: every metric at its best. */
function oracle(set: FeatureSet): Predictions {
  const t = blockTruth(set, 'test');
  return { n: t.n, catIds: t.cat, num: t.num, numPresent: t.mask };
}

async function synthSet(): Promise<FeatureSet> {
  const set = await buildFeatures(synthActions(600, 11), { seqLen: 5, buckets: 32 });
  // Hostile tokens: every label must reach the HTML escaped.
  set.artifacts.vocabs.type[2] = '<script>alert("type")</script>';
  set.artifacts.vocabs.pool[2] = EVIL;
  return set;
}

describe('evaluate and writeEvaluation', () => {
  it('scores a perfect predictor at the top and excludes block-constant features from the weighted score', async () => {
    const set = await synthSet();
    const r = evaluate(set, { oracle: oracle(set), ...baselinePredictions(set, 'test') });
    const b = set.artifacts.split.blocks.test;
    expect(r.targets).toBe(b.end - b.start - 5);
    const o = r.models.oracle;
    expect(o?.categorical.every((c) => c.accuracy === 1 && c.macroF1 === 1)).toBe(true);
    expect(
      o?.numeric.every((c) => c.count === 0 || (c.maeScaled === 0 && c.maeReal === 0 && c.presenceAccuracy === 1)),
    ).toBe(true);
    expect(o?.headline.weightedScore).toBeCloseTo(1, 12);
    // Synthetic actions never use two pools: pool2 is PAD on every test target (checked directly).
    const p2 = CATEGORY_FIELDS.findIndex((f) => f.name === 'pool2');
    const rows = Array.from(set.windows.test, (s) => s + 5);
    expect(rows.every((i) => set.cat[i * CAT_WIDTH + p2] === 0)).toBe(true);
    expect(r.constantFeatures).toContain('pool2');
    expect(r.weightedScoreExcluded).toContain('pool2_asset_id');
    for (const m of Object.values(r.models)) {
      const f = m.weightedScore.features.find((x) => x.ours === 'pool2');
      expect(f?.included).toBe(false);
      // The score is the weighted mean of the included features only.
      const inc = m.weightedScore.features.filter((x) => x.included);
      const expected =
        inc.reduce((s, x) => s + x.weight * (x.score as number), 0) / inc.reduce((s, x) => s + x.weight, 0);
      expect(m.weightedScore.score).toBeCloseTo(expected, 12);
    }
    // Baselines are worse than the truth on the type column, and each gives type probabilities.
    for (const name of ['copy-last', 'majority', 'markov']) {
      expect(r.models[name]?.headline.typeAccuracy as number).toBeLessThan(1);
      expect(r.models[name]?.calibration?.n).toBe(r.targets);
    }
    expect(r.models.oracle?.calibration).toBeNull();
  });

  it("writes metrics.json with the artifacts' boundaries and an HTML report with every text escaped", async () => {
    const set = await synthSet();
    const result = evaluate(set, baselinePredictions(set, 'test'));
    const dir = join(tmp(), 'eval');
    await writeEvaluation(dir, result, { provenance: { startedAt: new Date(0), params: { block: 'test' } } });
    const json = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as unknown;
    const back: EvaluationResult = parseEvaluationResult(json, 'metrics.json');
    expect(back).toEqual(result);
    for (const name of ['train', 'validation', 'test'] as const)
      expect(back.boundaries[name]).toMatchObject(set.artifacts.split.blocks[name]);
    const test = set.artifacts.split.blocks.test;
    // ns → ISO by hand: the last test date in ms.
    expect(back.boundaries.test.lastTime).toBe(new Date(Number((test.lastDate as string).slice(0, -6))).toISOString());
    expect(back.targets).toBe(set.windows.test.length);

    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html.includes('measured on the held-out test block only')).toBe(true);
    expect(html.includes(back.boundaries.test.firstTime as string)).toBe(true);
    expect(html.includes('&lt;script&gt;alert(&quot;type&quot;)&lt;/script&gt;')).toBe(true); // the per-type table
    expect(html.includes('<script>alert')).toBe(false);
    expect(html.includes('<img src=x')).toBe(false);
    // The hostile pool token reaches the confusion-matrix specs only as escaped JSON.
    expect(html.includes('\\u003cimg src=x onerror=f\\u003e')).toBe(true);
    // One reliability diagram + 6 confusion matrices (type, status, pool1, pool2, inAsset, outAsset) × 3 baselines.
    expect(html.match(/<figure class="chart">/g)?.length).toBe(1 + 6 * 3);
  });

  it('refuses predictions that do not fit the block', async () => {
    const set = await synthSet();
    const p = oracle(set);
    expect(() => evaluate(set, { short: { ...p, n: p.n - 1 } })).toThrow(/predictions "short": n = /);
    expect(() => evaluate(set, { probs: { ...p, catProbs: [new Float32Array(3)] } })).toThrow(/catProbs\[0\]/);
  });
});
