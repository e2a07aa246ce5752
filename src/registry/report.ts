import { round } from '../core';
import { Report } from '../report';
import type { Comparison } from './compare';
import { DRIFT_THRESHOLDS, type DriftResult } from './drift';
import type { ModelVersion, RunDetail, RunSummary } from './schema';

const r4 = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? null : round(x, 4));
const p3 = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(3)) : null);

/** The registry page: every run (newest first) with its headline metrics, and every model version with its aliases. */
export function registryReport(runs: readonly RunDetail[], versions: readonly ModelVersion[], source: string): Report {
  const rep = new Report(
    'Research record: runs and registered models',
    `${runs.length} run(s), ${new Set(versions.map((v) => v.name)).size} model(s) in ${source}`,
  );
  rep.markdown(
    'Runs are recorded by `maya train`, the reward calibration, `sentiment evaluate` and `market evaluate`; model versions never change once registered, aliases (`champion`, `challenger`) move with `workbench registry promote`.',
  );
  rep.table(
    versions.map((v) => ({
      model: v.name,
      version: v.version,
      aliases: v.aliases.join(', '),
      run: v.runId.slice(0, 12),
      registered: v.createdAt,
      description: v.description,
    })),
    { caption: 'registered models' },
  );
  rep.table(
    runs.map((r) => ({
      run: r.id.slice(0, 12),
      experiment: r.experiment,
      name: r.name,
      status: r.status,
      finished: r.finishedAt,
      commit: r.gitCommit ? `${r.gitCommit.slice(0, 10)}${r.gitDirty ? ' (dirty)' : ''}` : null,
      data: r.dataSha256 ? r.dataSha256.slice(0, 12) : null,
      metrics: Object.entries(r.metrics)
        .slice(0, 6)
        .map(([k, v]) => `${k}=${r4(v.at(-1)?.value)}`)
        .join(' '),
      artifacts: r.artifacts.length,
    })),
    { caption: 'runs, newest first (metrics: the last step of each)' },
  );
  return rep;
}

export function runRows(runs: readonly RunSummary[]): Record<string, unknown>[] {
  return runs.map((r) => ({
    run: r.id.slice(0, 12),
    experiment: r.experiment,
    name: r.name,
    status: r.status,
    finished: r.finishedAt,
    commit: r.gitCommit?.slice(0, 10) ?? null,
  }));
}

export function driftReportDoc(d: DriftResult, names: { reference: string; current: string }): Report {
  const t = DRIFT_THRESHOLDS;
  const rep = new Report(
    'Data drift',
    `reference ${names.reference} vs current ${names.current}: ${d.drifted} of ${d.columns.length} column(s) drifted${d.datasetDrift ? ' — DATASET DRIFT' : ''}`,
  );
  rep.markdown(
    `Evidently's default rules: with ≤ ${t.smallReferenceRows} reference rows a numeric column drifts when the two-sample KS p-value < ${t.ksPValue} and a categorical one when the chi-square p-value < ${t.chiSquarePValue}; ` +
      `with more rows, when the Wasserstein distance divided by the reference standard deviation is ≥ ${t.wassersteinNormed} (numeric) or the Jensen–Shannon distance is ≥ ${t.jensenShannon} (categorical). ` +
      `PSI is shown beside them (conventional reading: < 0.1 stable, 0.1–0.25 moderate, > 0.25 significant). The dataset drifts when ≥ ${t.datasetShare * 100}% of its columns drift.`,
  );
  rep.table(
    d.columns.map((c) => ({
      column: c.column,
      kind: c.kind,
      'n ref': c.nReference,
      'n cur': c.nCurrent,
      'missing cur': c.missingCurrent,
      method: c.method,
      score: r4(c.score),
      threshold: c.threshold,
      drift: c.drift ? 'DRIFT' : 'no',
      PSI: r4(c.psi),
      'Jensen–Shannon': r4(c.jensenShannon),
      'KS D': r4(c.ks?.statistic),
      'KS p': c.ks ? p3(c.ks.pValue) : null,
      'chi²': r4(c.chiSquare?.statistic),
      'chi² p': c.chiSquare ? p3(c.chiSquare.pValue) : null,
      'Wasserstein (normed)': r4(c.wassersteinNormed),
    })),
    { caption: 'per column' },
  );
  rep.figure({
    data: [
      {
        type: 'bar',
        x: d.columns.map((c) => c.column),
        y: d.columns.map((c) => c.psi),
        marker: { color: d.columns.map((c) => (c.drift ? '#c0392b' : '#7f8c8d')) },
      },
    ],
    layout: {
      title: { text: "PSI per column (red: drift by the column's method)" },
      yaxis: { title: { text: 'PSI' } },
    },
  });
  return rep;
}

export function comparisonReportDoc(c: Comparison, a: RunDetail, b: RunDetail): Report {
  const rep = new Report(
    'Paired model comparison',
    `A ${a.id.slice(0, 12)} (${a.experiment}${a.name ? ` / ${a.name}` : ''}) vs B ${b.id.slice(0, 12)} (${b.experiment}${b.name ? ` / ${b.name}` : ''})`,
  );
  rep.markdown(`**${c.verdict}.** ${c.summary}`);
  const rows: Record<string, unknown>[] = [];
  if (c.losses) {
    const dm = c.losses.dieboldMariano;
    const bs = c.losses.bootstrap;
    rows.push({
      test: 'Diebold–Mariano (HLN, h = 1)',
      statistic: r4(dm.statistic),
      'p-value': p3(dm.pValue),
      'mean A − B': r4(dm.meanDiff),
      note: 'loss differential, Student t with n − 1 df',
    });
    rows.push({
      test: 'paired bootstrap of mean loss difference',
      statistic: null,
      'p-value': p3(bs.pValue),
      'mean A − B': r4(bs.meanDiff),
      note: `95% interval [${r4(bs.lo)}, ${r4(bs.hi)}], ${bs.samples} resamples`,
    });
  }
  if (c.classification) {
    const m = c.classification.mcnemar;
    rows.push({
      test: 'exact McNemar',
      statistic: `b ${m.b}, c ${m.c}`,
      'p-value': p3(m.pValue),
      'mean A − B': r4(c.classification.accuracyA - c.classification.accuracyB),
      note: 'b: only A right, c: only B right (accuracy difference shown)',
    });
  }
  rep.table(rows, {
    caption: `${c.n} paired test items; unmatched: ${c.unmatched.a} only in A, ${c.unmatched.b} only in B`,
  });
  return rep;
}
