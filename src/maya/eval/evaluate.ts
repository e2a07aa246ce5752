import { BLOCK_NAMES, PAD, UNKNOWN, type BlockInfo, type BlockName, type FeatureSet } from '../features';
import type { Predictions } from '../predictions';
import { calibration } from './calibration';
import { classScores, confusionMatrix, shareOf } from './categorical';
import { catColumns, numColumns, TYPE_COLUMN, type CatColumn, type NumColumn } from './columns';
import { madFromMedian, numericScores, presenceAccuracy } from './numeric';
import {
  EVALUATION_VERSION,
  type CategoricalMetrics,
  type EvaluationResult,
  type ModelMetrics,
  type NumericMetrics,
} from './result';
import { blockTruth, checkPredictions, constantColumns, type BlockTruth } from './truth';
import { pairedComparisons } from './paired';
import { numericSkill, weightedScore } from './weighted';
import { OLD_FEATURE_MAP } from './weights';

export interface EvaluateOptions {
  /** Block to measure on (default 'test'; anything else is for debugging only). */
  block?: BlockName;
  /** Confusion matrices keep the top K true classes plus "(other)" (default 10). */
  topK?: number;
  /** Reliability-diagram bins (default 10). */
  calibrationBins?: number;
}

/** The same truth for every predictor; what depends only on it is computed once. */
interface Context {
  truth: BlockTruth;
  cats: CatColumn[];
  nums: NumColumn[];
  constant: Set<string>;
  mads: (number | null)[];
  /** True type id → indexes of its targets, most frequent type first. */
  types: [number, Int32Array][];
  topK: number;
  bins: number;
}

/** Metrics of every predictor on one block (the held-out test block by default). */
export function evaluate(
  set: FeatureSet,
  predictionsByName: Readonly<Record<string, Predictions>>,
  opts: EvaluateOptions = {},
): EvaluationResult {
  const a = set.artifacts;
  const block = opts.block ?? 'test';
  const truth = blockTruth(set, block);
  const cats = catColumns(a);
  const nums = numColumns(a);
  const constantList = constantColumns(
    truth,
    cats.map((c) => c.name),
    nums.map((c) => c.name),
  );
  const ctx: Context = {
    truth,
    cats,
    nums,
    constant: new Set(constantList),
    mads: nums.map((c) => madFromMedian(truth.num[c.column] as Float32Array, truth.mask[c.column] as Uint8Array)),
    types: groupTargets(truth.cat[TYPE_COLUMN] as Int32Array),
    topK: opts.topK ?? 10,
    bins: opts.calibrationBins ?? 10,
  };
  const models: Record<string, ModelMetrics> = {};
  for (const [name, p] of Object.entries(predictionsByName)) {
    checkPredictions(name, p, set, truth.n);
    models[name] = modelMetrics(ctx, p);
  }
  // Every model (names "model:…") against every other predictor (the baselines), target by target.
  const baselines = Object.fromEntries(Object.entries(predictionsByName).filter(([n]) => !n.startsWith('model:')));
  const paired = Object.entries(predictionsByName)
    .filter(([n]) => n.startsWith('model:'))
    .flatMap(([n, p]) => pairedComparisons(truth, cats, nums, n, p, baselines));
  const boundaries = Object.fromEntries(
    BLOCK_NAMES.map((b) => [b, boundary(a.split.blocks[b])]),
  ) as EvaluationResult['boundaries'];
  return {
    version: EVALUATION_VERSION,
    block,
    targets: truth.n,
    seqLen: a.seqLen,
    dataSha256: a.data.sha256,
    boundaries,
    constantFeatures: constantList,
    trainConstantFeatures: [...a.constantFeatures],
    weightedScoreExcluded: Object.keys(OLD_FEATURE_MAP).filter((old) =>
      ctx.constant.has(OLD_FEATURE_MAP[old] as string),
    ),
    options: { topK: ctx.topK, calibrationBins: ctx.bins },
    models,
    paired,
  };
}

function modelMetrics(ctx: Context, p: Predictions): ModelMetrics {
  const { truth } = ctx;
  const categorical = ctx.cats.map((col): CategoricalMetrics => {
    const t = truth.cat[col.column] as Int32Array;
    const pred = p.catIds[col.column] as Int32Array;
    return {
      name: col.name,
      kind: col.kind,
      ...classScores(t, pred),
      padShare: shareOf(t, PAD),
      unknownShare: shareOf(t, UNKNOWN),
      confusion: confusionMatrix(t, pred, ctx.topK, col.label),
    };
  });
  const numeric = ctx.nums.map((col, j): NumericMetrics => {
    const s = numericScores(
      truth.num[col.column] as Float32Array,
      p.num[col.column] as Float32Array,
      truth.mask[col.column] as Uint8Array,
      col.scaler,
      col.transform,
    );
    const present = p.numPresent?.[col.column];
    return {
      name: col.name,
      transform: col.transform,
      realUnit: col.realUnit,
      ...s,
      skill: numericSkill(s.maeScaled, ctx.mads[j] ?? null),
      presenceAccuracy: present ? presenceAccuracy(truth.mask[col.column] as Uint8Array, present) : null,
    };
  });
  const typeCol = ctx.cats[TYPE_COLUMN] as CatColumn;
  const perType = ctx.types.map(([id, idx]) => ({
    type: typeCol.label(id),
    id,
    targets: idx.length,
    categorical: ctx.cats.map((col) => {
      const s = classScores(truth.cat[col.column] as Int32Array, p.catIds[col.column] as Int32Array, idx);
      return { name: col.name, accuracy: s.accuracy, macroF1: s.macroF1 };
    }),
    numeric: ctx.nums.map((col) => {
      const s = numericScores(
        truth.num[col.column] as Float32Array,
        p.num[col.column] as Float32Array,
        truth.mask[col.column] as Uint8Array,
        col.scaler,
        col.transform,
        idx,
      );
      return {
        name: col.name,
        count: s.count,
        maeScaled: s.maeScaled,
        maeTransformed: s.maeTransformed,
        maeReal: s.maeReal,
      };
    }),
  }));
  const typeProbs = p.catProbs?.[TYPE_COLUMN];
  const cal = typeProbs
    ? calibration(typeProbs, typeCol.vocabSize, truth.cat[TYPE_COLUMN] as Int32Array, ctx.bins)
    : null;
  const scores: Record<string, number | null> = {};
  for (const c of categorical) scores[c.name] = c.accuracy;
  for (const c of numeric) scores[c.name] = c.skill;
  const weighted = weightedScore(scores, ctx.constant);
  const catOf = (name: string) => categorical.find((c) => c.name === name);
  const numOf = (name: string) => numeric.find((c) => c.name === name);
  const headline = {
    typeAccuracy: catOf('type')?.accuracy ?? null,
    typeMacroF1: catOf('type')?.macroF1 ?? null,
    typeEce: cal?.ece ?? null,
    pool1Accuracy: catOf('pool1')?.accuracy ?? null,
    inAssetAccuracy: catOf('inAsset')?.accuracy ?? null,
    outAssetAccuracy: catOf('outAsset')?.accuracy ?? null,
    inAmountMaeReal: numOf('inAmount')?.maeReal ?? null,
    inAmountMaeLog: numOf('inAmount')?.maeTransformed ?? null,
    outAmountMaeReal: numOf('outAmount')?.maeReal ?? null,
    outAmountMaeLog: numOf('outAmount')?.maeTransformed ?? null,
    weightedScore: weighted.score,
  };
  return { headline, categorical, numeric, perType, calibration: cal, weightedScore: weighted };
}

function groupTargets(types: Int32Array): [number, Int32Array][] {
  const lists = new Map<number, number[]>();
  types.forEach((t, k) => {
    const l = lists.get(t) ?? [];
    l.push(k);
    lists.set(t, l);
  });
  return [...lists].sort((x, y) => y[1].length - x[1].length || x[0] - y[0]).map(([t, l]) => [t, Int32Array.from(l)]);
}

/** ns since the epoch (decimal string) → ISO time, to the millisecond. */
export function nsToIso(ns: string | null): string | null {
  return ns === null ? null : new Date(Number(BigInt(ns) / 1_000_000n)).toISOString();
}

function boundary(b: BlockInfo): EvaluationResult['boundaries']['train'] {
  return { ...b, firstTime: nsToIso(b.firstDate), lastTime: nsToIso(b.lastDate) };
}
