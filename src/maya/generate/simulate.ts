import { z } from 'zod';
import { createRng, WorkbenchError, type Rng } from '../../core';
import type { MidgardAction } from '../../midgard';
import {
  CATEGORY_FIELDS,
  decodeRow,
  Encoder,
  FeatureExtractor,
  NUM_WIDTH,
  PAD,
  UNKNOWN,
  type EncodedRow,
  type FeatureArtifacts,
} from '../features';
import { decodeAction } from './decode-action';
import { MarketBook } from './market-book';
import { argmax, sampleId, type SamplingOptions } from './sample';
import { Window, type NextActionPredictor, type NextDistribution } from './predictor';

export const SimulateOptionsSchema = z.object({
  steps: z.number().int().positive(),
  temperature: z.number().min(0).max(10).default(1),
  topK: z.number().int().min(0).default(0),
  seed: z.number().int().default(1),
});
export type SimulateOptions = z.input<typeof SimulateOptionsSchema>;

const TYPE = CATEGORY_FIELDS.findIndex((f) => f.name === 'type');
/** Columns where a real token is required (PAD/UNKNOWN would make no action). */
const REQUIRED = new Set(['type', 'status']);

/**
 * Samples one encoded row from a predicted distribution. With per-type conditionals the type is
 * drawn first and every other column from its conditional, so the columns agree with each other
 * (a withdrawal's assets, a swap's amounts); otherwise each column from its marginal. Numerics
 * are drawn given the sampled ids where the predictor can (drawNum), else its point values.
 */
export function sampleRow(d: NextDistribution, rng: Rng, o: SamplingOptions): EncodedRow {
  const draw = (p: Float32Array, c: number) => {
    const name = CATEGORY_FIELDS[c]?.name;
    return sampleId(p, rng, o, name && REQUIRED.has(name) ? [PAD, UNKNOWN] : [UNKNOWN]);
  };
  const type = draw(d.cat[TYPE] as Float32Array, TYPE);
  const given = d.byType?.[type] ?? d;
  const cat = Int32Array.from(d.cat, (p, c) => (c === TYPE ? type : draw(given.cat[c] ?? p, c)));
  const greedy = o.temperature <= 1e-6;
  const mask = Uint8Array.from({ length: NUM_WIDTH }, (_, j) =>
    greedy ? ((given.present[j] as number) >= 0.5 ? 1 : 0) : rng.next() < (given.present[j] as number) ? 1 : 0,
  );
  const num = !greedy && d.drawNum ? d.drawNum(cat, rng) : Float32Array.from(given.num);
  return { cat, num, mask };
}

/**
 * Autoregressive generation: each predicted action is decoded into a full Midgard action and fed
 * back through the same feature extractor that built the training data, so the model sees its
 * own output exactly as it would see real data. `prior` (real actions before the seed) fills the
 * market book the decoder takes prices and network fees from; the seed and every generated
 * action update it.
 */
export async function simulateFeed(
  predictor: NextActionPredictor,
  artifacts: FeatureArtifacts,
  seedActions: readonly MidgardAction[],
  options: SimulateOptions,
  prior: readonly MidgardAction[] = [],
): Promise<MidgardAction[]> {
  const o = SimulateOptionsSchema.parse(options);
  const L = artifacts.seqLen;
  if (seedActions.length < L + 1)
    throw new WorkbenchError(`simulation needs at least ${L + 1} seed actions (seqLen + 1), got ${seedActions.length}`);
  const rng = createRng(o.seed);
  const extractor = new FeatureExtractor(artifacts);
  const encoder = new Encoder(artifacts);
  const rows = new Window<EncodedRow>(L);
  const recent = new Window<MidgardAction>(L);
  const book = new MarketBook(artifacts.units);
  for (const a of prior) book.observe(a);
  for (const a of seedActions) {
    book.observe(a);
    rows.push(extractor.step(a));
    recent.push(a);
  }
  const out: MidgardAction[] = [];
  for (let s = 0; s < o.steps; s++) {
    const d = await predictor.predictNext(rows.values);
    const r = sampleRow(d, rng, { temperature: o.temperature, topK: o.topK });
    const action = decodeAction(decodeRow(encoder, r.cat, r.num, r.mask), {
      window: recent.values,
      rng,
      buckets: artifacts.buckets,
      units: artifacts.units,
      book,
    });
    out.push(action);
    book.observe(action);
    rows.push(extractor.step(action));
    recent.push(action);
  }
  return out;
}

/** The most likely id of each categorical column. */
export function argmaxIds(d: NextDistribution): Int32Array {
  return Int32Array.from(d.cat, (p) => argmax(p));
}
