import { Report, writeReport, type Provenance, type ProvenanceInput, type ReportMeta } from '../../report';
import { confusionFigure, reliabilityFigure } from './figures';
import type { EvaluationResult } from './result';
import { BLOCK_NAMES } from '../features';
import { OLD_FEATURES_WITHOUT_COUNTERPART } from './weights';
import { EVALUATION_NOTES } from './notes';
import { ITEM_PREDICTIONS_FILE } from './item-predictions';

export const METRICS_FILE = 'metrics.json';
/** Confusion matrices shown in the report (the vocabulary columns; all of them are in metrics.json). */
const CONFUSION_COLUMNS = ['type', 'status', 'pool1', 'pool2', 'inAsset', 'outAsset'];

/** The evaluation as report blocks (for writeEvaluation, or for a notebook's `show`). */
export function evaluationReport(r: EvaluationResult): Report {
  const b = r.boundaries[r.block];
  const names = Object.keys(r.models);
  const rep = new Report(
    'Maya next-action model: evaluation',
    `${r.block} block · ${r.targets} targets · ${names.join(', ')}`,
  );
  rep.markdown(
    `**Every number in this report is measured on the held-out ${r.block} block only**: ${r.targets} targets ` +
      `(actions ${b.start}–${b.end - 1}, heights ${b.firstHeight ?? '—'}–${b.lastHeight ?? '—'}, ` +
      `${b.firstTime ?? '—'} to ${b.lastTime ?? '—'}). Vocabularies, scalers and the baselines were fitted on the train block, ` +
      `which ends before it (see the boundaries below). Window length L = ${r.seqLen}; the target of a window is the action after it.`,
  );
  rep.heading('Headline');
  rep.table(
    names.map((name) => {
      const h = (r.models[name] as EvaluationResult['models'][string]).headline;
      return {
        predictor: name,
        'type accuracy': h.typeAccuracy,
        'type macro-F1': h.typeMacroF1,
        'type ECE': h.typeEce,
        'pool1 accuracy': h.pool1Accuracy,
        'inAsset accuracy': h.inAssetAccuracy,
        'outAsset accuracy': h.outAssetAccuracy,
        'inAmount MAE (1e8 units)': h.inAmountMaeReal,
        'inAmount MAE (log1p)': h.inAmountMaeLog,
        'outAmount MAE (1e8 units)': h.outAmountMaeReal,
        'outAmount MAE (log1p)': h.outAmountMaeLog,
        'weighted score': h.weightedScore,
      };
    }),
    { caption: `${r.block} block; amounts compared only where the true action has them` },
  );
  if (r.paired.length) {
    rep.heading('Model against each baseline: margins and paired tests', 2);
    rep.markdown(
      'Same held-out targets, compared target by target. Categoricals: exact McNemar test on the targets only one of the two got right ' +
        '(two-sided). Amounts: absolute error in log1p space where the true action has the amount; Diebold–Mariano test (h = 1, ' +
        'Harvey–Leybourne–Newbold correction) with a 95% paired bootstrap interval of the margin. Categoricals also by log loss (nats, ' +
        "probabilities floored at 1e-7; a baseline's distribution is its train frequencies, Markov's given its predicted type, " +
        "copy-last's a point mass), Diebold–Mariano as for amounts. A positive margin favours the model; " +
        'the p-value is the chance of a difference at least this large if the two predicted equally well.',
    );
    rep.table(
      r.paired.map((c) => ({
        model: c.model,
        baseline: c.baseline,
        column: c.column,
        metric: { accuracy: 'accuracy', maeLog: 'MAE (log1p)', logLoss: 'log loss (nats)' }[c.metric],
        'model value': c.modelValue,
        'baseline value': c.baselineValue,
        margin: c.margin,
        'margin 95% CI':
          c.marginLo === null || c.marginHi === null ? '' : `${c.marginLo.toFixed(4)} … ${c.marginHi.toFixed(4)}`,
        test: c.test,
        'p-value': c.pValue,
      })),
      { caption: 'model vs baseline per headline column', maxRows: 200 },
    );
  }
  rep.heading('Split boundaries', 2);
  rep.table(
    BLOCK_NAMES.map((name) => {
      const x = r.boundaries[name];
      return {
        block: name,
        actions: x.actions,
        'first action': x.start,
        'last action': x.end - 1,
        windows: x.windows,
        'first height': x.firstHeight,
        'last height': x.lastHeight,
        from: x.firstTime,
        to: x.lastTime,
      };
    }),
  );

  rep.heading("Weighted score (the prototype's formula)");
  rep.markdown(EVALUATION_NOTES.weighted);
  const excluded = r.weightedScoreExcluded.length ? r.weightedScoreExcluded.join(', ') : 'none';
  rep.kv({
    'constant on this block (all fields)': r.constantFeatures.join(', ') || 'none',
    'old features excluded as constant': excluded,
    'constant on the train block': r.trainConstantFeatures.join(', ') || 'none',
  });
  const first = r.models[names[0] as string];
  if (first) {
    rep.table(
      first.weightedScore.features.map((f, i) => {
        const row: Record<string, unknown> = {
          'old feature': f.old,
          ours: f.ours,
          weight: f.weight,
          included: f.included,
          'excluded because': f.reason,
        };
        for (const n of names) row[`${n} score`] = r.models[n]?.weightedScore.features[i]?.score ?? null;
        return row;
      }),
      { caption: 'per-feature scores: accuracy (categorical), skill = max(0, 1 − MAE/MAD) (numeric)', maxRows: 1000 },
    );
  }
  rep.table(
    Object.entries(OLD_FEATURES_WITHOUT_COUNTERPART).map(([old, why]) => ({
      'old feature': old,
      'no counterpart because': why,
    })),
    { caption: 'old features left out of the comparison', maxRows: 1000 },
  );

  rep.heading('Categorical columns');
  rep.markdown(EVALUATION_NOTES.categorical);
  rep.table(
    r.models[names[0] as string]?.categorical.flatMap((c, i) =>
      names.map((n) => {
        const m = r.models[n]?.categorical[i];
        return {
          feature: c.name,
          kind: c.kind,
          predictor: n,
          accuracy: m?.accuracy,
          'macro-F1': m?.macroF1,
          'balanced accuracy': m?.balancedAccuracy,
          'classes in truth': m?.classesInTruth,
          'PAD share': m?.padShare,
          'UNK share': m?.unknownShare,
        };
      }),
    ) ?? [],
    { maxRows: 1000 },
  );
  rep.heading('Numeric columns');
  rep.markdown(EVALUATION_NOTES.numeric);
  rep.table(
    r.models[names[0] as string]?.numeric.flatMap((c, i) =>
      names.map((n) => {
        const m = r.models[n]?.numeric[i];
        return {
          feature: c.name,
          predictor: n,
          'present targets': m?.count,
          'MAE scaled': m?.maeScaled,
          'RMSE scaled': m?.rmseScaled,
          'MAE transformed': m?.maeTransformed,
          'RMSE transformed': m?.rmseTransformed,
          'MAE real': m?.maeReal,
          'RMSE real': m?.rmseReal,
          'real unit': c.realUnit,
          skill: m?.skill,
          'presence accuracy': m?.presenceAccuracy,
        };
      }),
    ) ?? [],
    { maxRows: 1000 },
  );

  rep.heading('Per action type');
  rep.markdown(
    'Metrics restricted to the targets whose **true** type is the one named (accuracy of `type` there is its recall).',
  );
  const shown = ['type', 'status', 'pool1', 'inAsset', 'outAsset'];
  rep.table(
    (first?.perType ?? []).flatMap((t, i) =>
      names.map((n) => {
        const pt = r.models[n]?.perType[i];
        const row: Record<string, unknown> = { 'true type': t.type, targets: t.targets, predictor: n };
        for (const c of shown) row[`${c} accuracy`] = pt?.categorical.find((x) => x.name === c)?.accuracy ?? null;
        for (const c of ['inAmount', 'outAmount'])
          row[`${c} MAE (log1p)`] = pt?.numeric.find((x) => x.name === c)?.maeTransformed ?? null;
        return row;
      }),
    ),
    { maxRows: 1000 },
  );

  rep.heading('Calibration of the type column');
  rep.markdown(EVALUATION_NOTES.calibration);
  const rel = reliabilityFigure(r.models);
  if (rel) rep.figure(rel, `reliability diagram, ${r.block} block`);
  rep.table(
    names.map((n) => ({
      predictor: n,
      ECE: r.models[n]?.calibration?.ece ?? null,
      'log loss': r.models[n]?.calibration?.logLoss ?? null,
      'has type probabilities': r.models[n]?.calibration != null,
    })),
  );

  rep.heading('Confusion matrices');
  rep.markdown(
    `Rows: true class, columns: predicted class, the ${r.options.topK} most frequent true classes of the block plus "(other)"; colour = share of the row. Every categorical column's matrix is in metrics.json.`,
  );
  for (const col of CONFUSION_COLUMNS) {
    rep.heading(col, 2);
    for (const n of names) {
      const m = r.models[n]?.categorical.find((c) => c.name === col);
      if (m) rep.figure(confusionFigure(m, n), `${col}, ${n}, ${r.block} block`);
    }
  }
  rep.heading('Definitions');
  rep.markdown(EVALUATION_NOTES.definitions);
  return rep;
}

export interface WriteEvaluationOptions {
  provenance: ProvenanceInput | Provenance;
  kind?: ReportMeta['kind'];
  /** Per-target predictions of the model (itemPredictionsJsonl), written as predictions.jsonl beside metrics.json. */
  itemPredictions?: string;
}

/** Writes dir/metrics.json (and predictions.jsonl when given) and the HTML report (dir/index.html, provenance.json, report.json). */
export async function writeEvaluation(
  dir: string,
  result: EvaluationResult,
  opts: WriteEvaluationOptions,
): Promise<{ dir: string; provenance: Provenance }> {
  const rep = evaluationReport(result);
  return writeReport(
    dir,
    { title: rep.title, subtitle: rep.subtitle, blocks: rep.blocks },
    {
      kind: opts.kind ?? 'cli',
      provenance: opts.provenance,
      extraFiles: {
        [METRICS_FILE]: `${JSON.stringify(result, null, 2)}\n`,
        ...(opts.itemPredictions === undefined ? {} : { [ITEM_PREDICTIONS_FILE]: opts.itemPredictions }),
      },
    },
  );
}
