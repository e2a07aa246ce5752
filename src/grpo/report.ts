import { existsSync, readFileSync } from 'node:fs';
import { WorkbenchError } from '../core/errors';
import { Report } from '../report';

/**
 * A training run's metrics (metrics.jsonl, one line per logging step, as train.py's callback
 * or the smoke mode write them) as an HTML report: the composite reward with its spread, each
 * reward component, KL to the reference, completion length, loss and learning rate by step.
 * TRL's key names changed between releases; both spellings are read.
 */
export type MetricsRow = Record<string, unknown> & { step: number };

export function readMetrics(path: string): MetricsRow[] {
  if (!existsSync(path))
    throw new WorkbenchError(
      `no metrics at ${path}`,
      "fetch the run's outputs first (workbench grpo report JOB does), or give --metrics FILE",
    );
  // One row per step: TRL logs a step's training and eval numbers on separate lines, and a
  // resumed run logs again the steps after its last checkpoint (the later line wins).
  const byStep = new Map<number, MetricsRow>();
  for (const [i, line] of readFileSync(path, 'utf8').split('\n').entries()) {
    if (!line.trim()) continue;
    let r: MetricsRow;
    try {
      r = JSON.parse(line) as MetricsRow;
    } catch {
      throw new WorkbenchError(
        `${path}:${i + 1} is not JSON`,
        'give a metrics.jsonl written by the bundle (one JSON object per line)',
      );
    }
    if (typeof r.step === 'number') byStep.set(r.step, { ...byStep.get(r.step), ...r });
  }
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}

const pick = (r: MetricsRow, ...keys: string[]): number | null => {
  for (const k of keys) if (typeof r[k] === 'number' && Number.isFinite(r[k] as number)) return r[k] as number;
  return null;
};

function series(rows: readonly MetricsRow[], name: string, keys: string[]): Record<string, unknown> | null {
  const pts = rows.map((r) => [r.step, pick(r, ...keys)] as const).filter((p) => p[1] !== null);
  return pts.length
    ? { type: 'scatter', mode: 'lines+markers', name, x: pts.map((p) => p[0]), y: pts.map((p) => p[1]) }
    : null;
}

export function metricsReport(rows: readonly MetricsRow[], title: string, subtitle: string): Report {
  const rep = new Report(title, subtitle);
  if (!rows.length) return rep.markdown('The run has logged no metrics yet.');
  const smoke = rows.some((r) => r.smoke === true);
  if (smoke)
    rep.markdown(
      "**Smoke run**: no model was trained. Each step scored the teacher's completions (with their answers cut shorter and shorter, as a group) with the exported reward module, exactly as GRPO would score sampled completions; KL is 0 by construction.",
    );
  const last = rows[rows.length - 1] as MetricsRow;
  rep.kv(
    {
      steps: rows.length,
      'last step': last.step,
      'last reward': pick(last, 'reward', 'rewards/mean'),
      'last KL': pick(last, 'kl', 'objective/kl'),
      'last completion length': pick(last, 'completions/mean_length', 'completion_length'),
    },
    'summary',
  );
  const line = (traces: (Record<string, unknown> | null)[], text: string, y: string) => {
    const data = traces.filter((t): t is Record<string, unknown> => t !== null);
    if (data.length)
      rep.figure({
        data,
        layout: { title: { text }, xaxis: { title: { text: 'step' } }, yaxis: { title: { text: y } } },
      });
  };
  const reward = series(rows, 'reward', ['reward', 'rewards/mean']);
  const std = rows.map((r) => pick(r, 'reward_std', 'rewards/std'));
  if (reward && std.some((s) => s !== null)) reward.error_y = { type: 'data', array: std, visible: true };
  line([reward], 'Composite reward (± its std over the batch)', 'reward');
  const components = [...new Set(rows.flatMap((r) => Object.keys(r)))]
    .filter((k) => /^rewards\/reward_[a-z]+\/mean$/.test(k))
    .sort();
  line(
    components.map((k) => series(rows, k.replace(/^rewards\/reward_|\/mean$/g, ''), [k])),
    'Reward components (logged at weight 0)',
    'score',
  );
  line([series(rows, 'KL', ['kl', 'objective/kl'])], 'KL to the reference policy', 'KL');
  line(
    [
      series(rows, 'mean length', ['completions/mean_length', 'completion_length']),
      series(rows, 'clipped ratio', ['completions/clipped_ratio']),
    ],
    'Completion length (tokens)',
    'tokens',
  );
  line(
    [series(rows, 'loss', ['loss']), series(rows, 'learning rate × 1e5', ['learning_rate'])].map((t) =>
      t && t.name === 'learning rate × 1e5' ? { ...t, y: (t.y as number[]).map((v) => v * 1e5) } : t,
    ),
    'Loss and learning rate',
    'value',
  );
  rep.table(
    rows.slice(-20).map((r) => ({
      step: r.step,
      reward: pick(r, 'reward'),
      reward_std: pick(r, 'reward_std'),
      kl: pick(r, 'kl'),
      length: pick(r, 'completions/mean_length', 'completion_length'),
      loss: pick(r, 'loss'),
    })),
    { caption: 'last logged steps' },
  );
  return rep;
}
