import { afterEach, describe, expect, it } from 'vitest';
import { buildFeatures, type EncodedRow, type FeatureArtifacts } from '../../../src/maya/features';
import { predictLive, simulateFeed, type NextActionPredictor, type NextDistribution } from '../../../src/maya/generate';
import {
  MidgardClient,
  simulateActions,
  startMidgardServer,
  validateAction,
  type MidgardAction,
  type MidgardServer,
} from '../../../src/midgard';

let server: MidgardServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const vocabSizes = (a: FeatureArtifacts) => a.fields.filter((f) => f.matrix === 'cat').map((f) => f.vocabSize ?? 2);

/** Predicts that the next action repeats the last one (one-hot on its ids). */
function copyLast(a: FeatureArtifacts): NextActionPredictor {
  const sizes = vocabSizes(a);
  return {
    name: 'copy-last',
    seqLen: a.seqLen,
    predictNext(window: readonly EncodedRow[]): NextDistribution {
      const last = window[window.length - 1] as EncodedRow;
      return {
        cat: sizes.map((s, c) => {
          const p = new Float32Array(s);
          p[last.cat[c] as number] = 1;
          return p;
        }),
        num: Float32Array.from(last.num),
        present: Float32Array.from(last.mask),
      };
    },
  };
}

/** Uniform over every id: the hardest input for the decoder. */
function uniform(a: FeatureArtifacts): NextActionPredictor {
  const sizes = vocabSizes(a);
  return {
    name: 'uniform',
    seqLen: a.seqLen,
    predictNext: () => ({
      cat: sizes.map((s) => new Float32Array(s).fill(1 / s)),
      num: new Float32Array(a.numWidth),
      present: new Float32Array(a.numWidth).fill(0.5),
    }),
  };
}

describe('simulateFeed', () => {
  it('generates valid, ascending actions, fed back through the extractor, reproducibly by seed', async () => {
    const actions = [...simulateActions({ seed: 2 }, 800)];
    const set = await buildFeatures(actions, { seqLen: 8, buckets: 128 });
    const seedActions = actions.slice(-20);
    const run = (seed: number) =>
      simulateFeed(uniform(set.artifacts), set.artifacts, seedActions, { steps: 300, seed });
    const a = await run(1);
    expect(a).toHaveLength(300);
    let prev = seedActions[seedActions.length - 1] as MidgardAction;
    for (const x of a) {
      expect(validateAction(x).ok).toBe(true);
      expect(BigInt(x.date) > BigInt(prev.date)).toBe(true);
      expect(Number(x.height)).toBeGreaterThanOrEqual(Number(prev.height));
      prev = x;
    }
    expect(new Set(a.map((x) => x.type)).size).toBeGreaterThan(2);
    expect(JSON.stringify(await run(1))).toBe(JSON.stringify(a));
    expect(JSON.stringify(await run(2))).not.toBe(JSON.stringify(a));
    await expect(
      simulateFeed(uniform(set.artifacts), set.artifacts, actions.slice(0, 5), { steps: 1 }),
    ).rejects.toThrow('at least 9 seed actions');
  });
});

describe('predictLive', () => {
  it('scores each arriving action against the standing prediction, missing none of a burst', async () => {
    server = await startMidgardServer({ seed: 13, actions: 400 });
    const actions = server.history.json.map((j) => JSON.parse(j) as MidgardAction);
    const set = await buildFeatures(actions, { seqLen: 8, buckets: 128 });
    const client = new MidgardClient(server.url, { rps: 1000 });
    // The feed grows only after the window was seeded, so the seed point is known exactly.
    let before = -1;
    let grower: NodeJS.Timeout | undefined;
    const spy = {
      actions: async (q: Parameters<MidgardClient['actions']>[0], signal?: AbortSignal) => {
        const r = await client.actions(q, signal);
        if (!grower) {
          before = server?.history.length ?? -1;
          grower = setInterval(() => server?.grow(40), 50); // bursts of 40, some pages hold more than one burst
        }
        return r;
      },
    } as MidgardClient;
    const types: string[] = [];
    const score = await predictLive({
      client: spy,
      predictor: copyLast(set.artifacts),
      artifacts: set.artifacts,
      maxPredictions: 120,
      pollMs: 20,
      onPrediction: (e) => types.push(e.actual.type),
    });
    clearInterval(grower);
    expect(score.scored).toBe(120);
    const all = server.history.json.map((j) => JSON.parse(j) as MidgardAction);
    // The scored actions are exactly the 120 after the seed page, in chain order: none missed.
    expect(types).toEqual(all.slice(before, before + 120).map((a) => a.type));
    // Copy-last is right about the type exactly when an action repeats the previous type.
    let same = 0;
    for (let i = before; i < before + 120; i++) if (all[i]?.type === all[i - 1]?.type) same++;
    expect(score.accuracy.type).toBeCloseTo(same / 120, 10);
  });

  it('reads a burst of more than a page between two polls whole, polling from the last height', async () => {
    server = await startMidgardServer({ seed: 14, actions: 300 });
    const actions = server.history.json.map((j) => JSON.parse(j) as MidgardAction);
    const set = await buildFeatures(actions, { seqLen: 8, buckets: 128 });
    const client = new MidgardClient(server.url, { rps: 1000 });
    const queries: string[] = [];
    const before = server.history.length;
    const spy = {
      actions: (q: Parameters<MidgardClient['actions']>[0], signal?: AbortSignal) => {
        // More than two pages land after the window was seeded, before the first poll.
        if (q.fromHeight !== undefined && !queries.includes('fromHeight')) server?.grow(130);
        queries.push(
          Object.keys(q)
            .filter((k) => k !== 'limit')
            .join(','),
        );
        return client.actions(q, signal);
      },
    } as MidgardClient;
    const heights: string[] = [];
    const score = await predictLive({
      client: spy,
      predictor: copyLast(set.artifacts),
      artifacts: set.artifacts,
      maxPredictions: 130,
      pollMs: 10,
      onPrediction: (e) => heights.push(`${e.actual.height}:${e.actual.date}`),
    });
    expect(score.scored).toBe(130);
    const all = server.history.json.map((j) => JSON.parse(j) as MidgardAction);
    expect(heights).toEqual(all.slice(before, before + 130).map((a) => `${a.height}:${a.date}`));
    expect(queries).toContain('fromHeight');
    expect(queries).toContain('prevPageToken');
  });
});
