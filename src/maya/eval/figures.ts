import type { PlotlyFigure } from '../../report';
import type { CategoricalMetrics, ModelMetrics } from './result';

/** Confusion matrix as a heatmap: colour = share of the true class's targets (row-normalised), text = counts. */
export function confusionFigure(m: CategoricalMetrics, model: string): PlotlyFigure {
  const { matrix } = m.confusion;
  const labels = shortLabels(m.confusion.labels);
  const z = matrix.map((row) => {
    const total = row.reduce((s, v) => s + v, 0);
    return row.map((v) => (total > 0 ? v / total : 0));
  });
  return {
    data: [
      {
        type: 'heatmap',
        x: labels,
        y: labels,
        z,
        text: matrix,
        texttemplate: '%{text}',
        hovertemplate: 'true %{y}<br>predicted %{x}<br>%{text} targets (%{z:.1%} of the row)<extra></extra>',
        colorscale: [
          [0, '#f7fbff'],
          [1, '#08306b'],
        ],
        zmin: 0,
        zmax: 1,
      },
    ],
    layout: {
      title: { text: `${m.name}: ${model}` },
      xaxis: { title: { text: 'predicted' }, type: 'category', dtick: 1, automargin: true },
      yaxis: { title: { text: 'true' }, type: 'category', dtick: 1, autorange: 'reversed', automargin: true },
      height: 520,
    },
  };
}

/** Reliability diagram of the type column: observed accuracy against mean confidence per bin, one line per predictor. */
export function reliabilityFigure(models: Readonly<Record<string, ModelMetrics>>): PlotlyFigure | null {
  const data: Record<string, unknown>[] = [
    {
      type: 'scatter',
      mode: 'lines',
      x: [0, 1],
      y: [0, 1],
      name: 'perfect calibration',
      line: { dash: 'dot', color: 'grey' },
    },
  ];
  for (const [name, m] of Object.entries(models)) {
    if (!m.calibration) continue;
    const bins = m.calibration.bins.filter((b) => b.count > 0);
    data.push({
      type: 'scatter',
      mode: 'lines+markers',
      name: `${name} (ECE ${m.calibration.ece?.toFixed(3) ?? '—'})`,
      x: bins.map((b) => b.confidence),
      y: bins.map((b) => b.accuracy),
      text: bins.map((b) => `${b.count} targets in [${b.lo.toFixed(2)}, ${b.hi.toFixed(2)}]`),
      hovertemplate: 'confidence %{x:.3f}<br>accuracy %{y:.3f}<br>%{text}',
    });
  }
  if (data.length === 1) return null;
  return {
    data,
    layout: {
      title: { text: 'type: reliability diagram' },
      xaxis: { title: { text: 'mean predicted max-probability' }, range: [-0.02, 1.02] },
      yaxis: { title: { text: 'observed accuracy' }, range: [-0.02, 1.02] },
      height: 460,
    },
  };
}

/**
 * Axis labels short enough to leave room for the matrix: a long token (an asset with its contract
 * address) keeps its first 20 characters; duplicates get a suffix, since plotly merges equal categories.
 */
export function shortLabels(labels: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((l) => {
    const base = l.length > 22 ? `${l.slice(0, 20)}…` : l;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}
