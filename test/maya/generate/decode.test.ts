import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core';
import {
  buildFeatures,
  CAT_WIDTH,
  decodeRow,
  Encoder,
  hashBucket,
  NUM_WIDTH,
  MAYA_UNITS,
  normalizeAddress,
} from '../../../src/maya/features';
import { decodeAction } from '../../../src/maya/generate/decode-action';
import { argmax, sampleId } from '../../../src/maya/generate/sample';
import { simulateActions, validateAction, type MidgardAction } from '../../../src/midgard';

async function fixtureSet() {
  const actions = [...simulateActions({ seed: 21 }, 1500)];
  const set = await buildFeatures(actions, { seqLen: 10, buckets: 256 });
  return { actions, set, enc: new Encoder(set.artifacts) };
}

const row = (set: Awaited<ReturnType<typeof fixtureSet>>['set'], t: number) => ({
  cat: set.cat.subarray(t * CAT_WIDTH, (t + 1) * CAT_WIDTH),
  num: set.num.subarray(t * NUM_WIDTH, (t + 1) * NUM_WIDTH),
  mask: set.mask.subarray(t * NUM_WIDTH, (t + 1) * NUM_WIDTH),
});

describe('decodeAction', () => {
  it('rebuilds a real action from its own encoding: type, pools, assets, amounts, reused addresses', async () => {
    const { actions, set, enc } = await fixtureSet();
    let checked = 0;
    let seen = 0;
    let exact = 0;
    for (let t = 20; t < 1400; t += 7) {
      const truth = actions[t] as MidgardAction;
      if (!['swap', 'addLiquidity', 'withdraw', 'send'].includes(truth.type) || truth.status !== 'success') continue;
      const r = row(set, t);
      const decoded = decodeRow(enc, r.cat, r.num, r.mask);
      const a = decodeAction(decoded, {
        window: actions.slice(t - 10, t),
        rng: createRng(t),
        buckets: 256,
        units: MAYA_UNITS,
      });
      expect(a.type).toBe(truth.type);
      expect(a.status).toBe(truth.status);
      if (truth.type === 'swap') {
        expect(a.pools).toEqual(truth.pools);
        expect(a.in[0]?.coins[0]?.asset).toBe(truth.in[0]?.coins[0]?.asset);
        expect(a.out[0]?.coins[0]?.asset).toBe(truth.out[0]?.coins[0]?.asset);
        const want = Number(truth.in[0]?.coins[0]?.amount);
        const got = Number(a.in[0]?.coins[0]?.amount);
        expect(Math.abs(got - want) / want).toBeLessThan(1e-3); // float32 scaling of log1p amounts
        expect(a.metadata.swap?.affiliateFee).toBe(truth.metadata.swap?.affiliateFee);
      }
      // A predicted bucket with the "seen" flag points back into the window: to the same address,
      // unless another window address shares its bucket (256 buckets here).
      const inAddr = truth.in[0]?.address;
      if (inAddr && decoded.flags.inAddressSeen) {
        seen++;
        const got = a.in[0]?.address ?? '';
        expect(hashBucket(normalizeAddress(got) ?? '', 256)).toBe(decoded.buckets.inAddressBucket);
        if (got.toLowerCase() === inAddr.toLowerCase()) exact++;
      }
      expect(BigInt(a.date) > BigInt((actions[t - 1] as MidgardAction).date)).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
    expect(seen).toBeGreaterThan(20);
    expect(exact / seen).toBeGreaterThan(0.85);
  });

  it('turns any sampled prediction into a schema-valid action (zero invalid)', async () => {
    const { actions, set } = await fixtureSet();
    const rng = createRng(5);
    const sizes = set.artifacts.fields.filter((f) => f.matrix === 'cat').map((f) => f.vocabSize ?? 2);
    const enc = new Encoder(set.artifacts);
    for (let k = 0; k < 2000; k++) {
      const cat = Int32Array.from(sizes, (s) => rng.int(s));
      const num = Float32Array.from({ length: NUM_WIDTH }, () => rng.normal() * 3);
      const mask = Uint8Array.from({ length: NUM_WIDTH }, () => (rng.next() < 0.6 ? 1 : 0));
      const t = 20 + rng.int(1400);
      const a = decodeAction(decodeRow(enc, cat, num, mask), {
        window: actions.slice(t - 10, t),
        rng,
        buckets: 256,
        units: MAYA_UNITS,
      });
      expect(validateAction(a).ok).toBe(true);
    }
  });
});

describe('sampleId', () => {
  it('follows temperature and top-k, and never draws forbidden ids', () => {
    const p = [0.05, 0.05, 0.6, 0.3];
    const rng = createRng(1);
    const draw = (o: { temperature: number; topK: number }, forbidden: number[] = []) => {
      const counts = [0, 0, 0, 0];
      for (let i = 0; i < 20000; i++) (counts[sampleId(p, rng, o, forbidden)] as number)++;
      return counts.map((c) => c / 20000);
    };
    const t1 = draw({ temperature: 1, topK: 0 });
    p.forEach((x, i) => expect(Math.abs((t1[i] as number) - x)).toBeLessThan(0.015));
    expect(draw({ temperature: 0, topK: 0 })).toEqual([0, 0, 1, 0]);
    const top2 = draw({ temperature: 1, topK: 2 });
    expect(top2[0]).toBe(0);
    expect(top2[1]).toBe(0);
    expect(Math.abs((top2[2] as number) - 2 / 3)).toBeLessThan(0.015);
    const noPad = draw({ temperature: 1, topK: 0 }, [0, 1]);
    expect(noPad[0]! + noPad[1]!).toBe(0);
    // Sharper at low temperature: p^(1/T) renormalised.
    const cold = draw({ temperature: 0.5, topK: 0 });
    expect(Math.abs((cold[2] as number) - 0.36 / (0.0025 * 2 + 0.36 + 0.09))).toBeLessThan(0.015);
    expect(argmax(p)).toBe(2);
  });
});
