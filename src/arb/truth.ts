import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { WorkbenchError } from '../core';
import type { Planted } from '../midgard';
import type { FeeBook } from './fees';
import { externalOpportunity, type Opportunity } from './opportunity';
import type { TradeEval } from './scan';
import { NATIVE } from './units';

/** The simulator's planted mispricings as JSONL (bigints as decimal strings). */
const Big = z
  .string()
  .regex(/^-?\d+$/)
  .transform((s) => BigInt(s));
const Common = {
  height: z.number().int(),
  pool: z.string(),
  assetDepth: Big,
  cacaoDepth: Big,
  assetUSD: z.number().positive(),
  cacaoUSD: z.number().positive(),
};
export const PlantedSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('gap'), ...Common }),
  z.object({
    kind: z.enum(['arb', 'backrun']),
    ...Common,
    address: z.string(),
    to: z.string(),
    inAsset: z.string(),
    inAmount: Big,
    outAsset: z.string(),
    outAmount: Big,
    refunded: z.boolean(),
  }),
]);

export function plantedLine(p: Planted): string {
  return `${JSON.stringify(p, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}\n`;
}

export function readTruth(file: string): Planted[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new WorkbenchError(
      `cannot read the truth file ${file}: ${(e as Error).message}`,
      'write one with `workbench arb truth` or the notebook 08-arbitrage',
    );
  }
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const r = PlantedSchema.safeParse(JSON.parse(l));
      if (!r.success)
        throw new WorkbenchError(
          `${file} line ${i + 1}: not a planted record (${r.error.issues[0]?.message ?? 'invalid'})`,
          'pass the truth JSONL the simulator wrote',
        );
      return r.data;
    });
}

/** The exact best trade against a planted state (exact depths, the simulator's own external prices). */
export function truthOpportunity(p: Planted, fees: FeeBook): Opportunity | undefined {
  const usd = (_c: string, a: string) => (a === NATIVE.maya ? p.cacaoUSD : a === p.pool ? p.assetUSD : undefined);
  return externalOpportunity(
    { chain: 'maya', asset: p.pool, assetDepth: p.assetDepth, nativeDepth: p.cacaoDepth },
    { usd, fees },
    p.height,
    p.kind === 'gap' ? 'start' : 'intra',
  );
}

/** A trade's realised profit: what the arbitrageur got minus what it paid, USD at the external prices. */
export function realisedUsd(p: Planted): number | undefined {
  if (p.kind === 'gap' || p.refunded) return undefined;
  const price = (a: string) => (a === NATIVE.maya ? p.cacaoUSD * 1e-10 : p.assetUSD * 1e-8);
  return Number(p.outAmount) * price(p.outAsset) - Number(p.inAmount) * price(p.inAsset);
}

export interface DetectionScore {
  truthPositives: number;
  detections: number;
  truePositives: number;
  precision: number;
  recall: number;
}

export interface Evaluation {
  minProfitUsd: number;
  /** Block-start gaps: every planted state whose exact best trade earns ≥ minProfitUsd. */
  all: DetectionScore;
  /** Clear cases only: truth ≥ 1.25× the threshold for recall; a detection is wrong only when the truth is under 0.8×. */
  clear: DetectionScore;
  /** Back-run gaps (inside a block, after a retail swap) the scanner saw right after that swap. */
  backrunRecall: { positives: number; detected: number; recall: number };
  /** Model profit at the arbitrageur's own input vs what it realised, over trades realising ≥ minProfitUsd. */
  profitError: {
    trades: number;
    medianAbsPct: number;
    meanAbsPct: number;
    within5Pct: number;
    pairs: { estimated: number; realised: number }[];
  };
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);

export function evaluate(
  truth: readonly Planted[],
  detected: readonly Opportunity[],
  trades: readonly TradeEval[],
  fees: FeeBook,
  minProfitUsd: number,
): Evaluation {
  const start = new Map<string, number>();
  const intra = new Set<string>();
  for (const o of detected) {
    if (o.kind !== 'external') continue;
    const key = `${o.height}|${o.pools[0]?.split('|')[1] ?? ''}`;
    if (o.phase === 'start') start.set(key, o.profitUsd);
    else intra.add(key);
  }
  const truthProfit = new Map<string, number>();
  const backruns: string[] = [];
  for (const p of truth) {
    const key = `${p.height}|${p.pool}`;
    const best = truthOpportunity(p, fees)?.profitUsd ?? 0;
    if (p.kind === 'gap') truthProfit.set(key, best);
    else if (p.kind === 'backrun' && best >= minProfitUsd) backruns.push(key);
  }
  const score = (tpMin: number, fpMax: number): DetectionScore => {
    let positives = 0;
    let hit = 0;
    for (const [k, v] of truthProfit) {
      if (v < tpMin) continue;
      positives++;
      if (start.has(k)) hit++;
    }
    let dets = 0;
    let good = 0;
    for (const k of start.keys()) {
      const v = truthProfit.get(k);
      if (v === undefined) continue; // a block the truth does not cover (after its end)
      dets++;
      if (v >= fpMax) good++;
    }
    return {
      truthPositives: positives,
      detections: dets,
      truePositives: hit,
      precision: ratio(good, dets),
      recall: ratio(hit, positives),
    };
  };
  const byKey = new Map<string, TradeEval>();
  for (const t of trades) byKey.set(`${t.height}|${t.pool}|${t.inAsset}|${t.inAmount}`, t);
  const pairs: { estimated: number; realised: number }[] = [];
  for (const p of truth) {
    const real = realisedUsd(p);
    if (real === undefined || p.kind === 'gap' || real < minProfitUsd) continue;
    const t = byKey.get(`${p.height}|${p.pool}|${p.inAsset}|${p.inAmount}`);
    if (t?.estimatedUsd !== undefined) pairs.push({ estimated: t.estimatedUsd, realised: real });
  }
  const errs = pairs.map((x) => Math.abs(x.estimated - x.realised) / Math.abs(x.realised)).sort((a, b) => a - b);
  const detectedBackruns = backruns.filter((k) => intra.has(k)).length;
  return {
    minProfitUsd,
    all: score(minProfitUsd, minProfitUsd),
    clear: score(minProfitUsd * 1.25, minProfitUsd * 0.8),
    backrunRecall: {
      positives: backruns.length,
      detected: detectedBackruns,
      recall: ratio(detectedBackruns, backruns.length),
    },
    profitError: {
      trades: errs.length,
      medianAbsPct: 100 * (errs[Math.floor(errs.length / 2)] ?? 0),
      meanAbsPct: (100 * errs.reduce((s, e) => s + e, 0)) / Math.max(1, errs.length),
      within5Pct: ratio(errs.filter((e) => e <= 0.05).length, errs.length),
      pairs,
    },
  };
}
