import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EXCLUDED_CONSTANT,
  OLD_FEATURE_MAP,
  OLD_FEATURE_WEIGHTS,
  OLD_FEATURES_WITHOUT_COUNTERPART,
  oldWeight,
  weightedScore,
} from '../../../src/maya/eval';
import { CATEGORY_FIELDS, CODE_FIELDS, NUMERIC_FIELDS } from '../../../src/maya/features';

const SEED = join(__dirname, '../../fixtures/maya-seed');
const readJson = (name: string) => JSON.parse(readFileSync(join(SEED, name), 'utf8')) as Record<string, unknown>;

describe('the prototype weights', () => {
  it('are embedded verbatim from feature_weights.json', () => {
    expect(OLD_FEATURE_WEIGHTS).toEqual(readJson('feature_weights.json'));
  });

  it('map every old feature to one of ours or give a reason, and only to fields that exist', () => {
    const weights = Object.keys(readJson('feature_weights.json')).filter((k) => k !== 'default_weight');
    const evaluated = Object.keys(readJson('evaluation_metrics_s10_thorchain.json')).filter((k) => !k.startsWith('_'));
    const old = new Set([...weights, ...evaluated]);
    const accounted = [...Object.keys(OLD_FEATURE_MAP), ...Object.keys(OLD_FEATURES_WITHOUT_COUNTERPART)];
    expect(new Set(accounted)).toEqual(old);
    expect(accounted.length).toBe(old.size); // no old feature both mapped and unmapped
    const ours = new Set([...CATEGORY_FIELDS, ...CODE_FIELDS, ...NUMERIC_FIELDS].map((f) => f.name));
    for (const f of Object.values(OLD_FEATURE_MAP)) expect(ours.has(f), f).toBe(true);
    expect(new Set(Object.values(OLD_FEATURE_MAP)).size).toBe(Object.keys(OLD_FEATURE_MAP).length);
    expect(OLD_FEATURE_MAP.action_type_id).toBe('type');
    expect(oldWeight('in_coin1_asset_id')).toBe(4);
    expect(oldWeight('meta_withdraw_basis_points_val_scaled')).toBe(1); // no entry → default_weight
  });
});

describe('weightedScore', () => {
  it('is the weighted mean of the scores and leaves out features constant on the block', () => {
    // type 0.5 (w 3), inAsset 0.25 (w 4), pool2 1.0 (w 1, constant), everything else unscored.
    const scores = { type: 0.5, inAsset: 0.25, pool2: 1 };
    const honest = weightedScore(scores, new Set(['pool2']));
    expect(honest.score).toBeCloseTo((3 * 0.5 + 4 * 0.25) / 7, 12);
    expect(honest.weightTotal).toBe(7);
    const pool2 = honest.features.find((f) => f.ours === 'pool2');
    expect(pool2).toMatchObject({
      old: 'pool2_asset_id',
      weight: 1,
      score: 1,
      included: false,
      reason: EXCLUDED_CONSTANT,
    });
    // Counting the constant column inflates the score, as in the prototype.
    const inflated = weightedScore(scores, new Set());
    expect(inflated.score).toBeCloseTo((3 * 0.5 + 4 * 0.25 + 1) / 8, 12);
    expect(inflated.score as number).toBeGreaterThan(honest.score as number);
    expect(weightedScore({}, new Set()).score).toBeNull();
  });
});
