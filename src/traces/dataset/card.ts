import { HORIZON_DAYS } from '../prompts/version';
import type { DatasetStats } from './stats';

/** The README.md of the output folder: a Hugging Face dataset card (YAML front matter + Markdown). */

const SOURCE_LABELS: Record<string, string> = {
  sim: 'offline simulator (synthetic numbers, not real chain data)',
  flipside: 'Flipside Crypto daily aggregates (real chain data)',
  midgard: 'Midgard history endpoints (real Maya/THORChain data)',
};

function sizeCategory(n: number): string {
  if (n < 1_000) return 'n<1K';
  if (n < 10_000) return '1K<n<10K';
  if (n < 100_000) return '10K<n<100K';
  return '100K<n<1M';
}

function table(head: string[], rows: (string | number)[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function frontMatter(s: DatasetStats, name: string): string {
  const config = (c: string): string[] => [
    `- config_name: ${c}`,
    '  data_files:',
    '  - split: train',
    `    path: ${c}/train.jsonl`,
    '  - split: eval',
    `    path: ${c}/eval.jsonl`,
  ];
  const tags = ['reasoning', 'blockchain', 'on-chain-metrics', ...(s.sources.includes('sim') ? ['synthetic'] : [])];
  return [
    '---',
    `pretty_name: ${JSON.stringify(name)}`,
    'language:',
    '- en',
    'task_categories:',
    '- text-generation',
    'tags:',
    ...tags.map((t) => `- ${t}`),
    'size_categories:',
    `- ${sizeCategory(s.sft.train + s.sft.eval + s.grpo.train + s.grpo.eval)}`,
    'configs:',
    ...config('sft'),
    ...config('grpo'),
    '---',
  ].join('\n');
}

export function datasetCard(s: DatasetStats, opts: { name?: string } = {}): string {
  const name = opts.name ?? 'Chain-metrics reasoning traces';
  const sources = s.sources.map((x) => SOURCE_LABELS[x] ?? x);
  const simulated = s.sources.includes('sim');
  const strata = s.split.strata.map((x) => [
    x.stratum,
    x.trainDays,
    x.trainFrom && x.trainTo ? `${x.trainFrom} … ${x.trainTo}` : '—',
    x.gapDays,
    x.evalDays,
    x.evalFrom && x.evalTo ? `${x.evalFrom} … ${x.evalTo}` : '—',
  ]);
  const drops = Object.entries(s.dropped.byReason).map(([k, v]) => [`\`${k}\``, v]);
  const t = s.tokens.sft;
  return [
    frontMatter(s, name),
    '',
    `# ${name}`,
    '',
    simulated
      ? s.sources.length === 1
        ? `> **Data source: offline simulator.** Every number in these prompts was produced by the workbench's seeded chain simulator, not observed on a real chain. Do not draw market conclusions from it.\n`
        : `> **Partly simulated:** ${s.input.bySource.sim ?? 0} of ${s.input.records} input traces come from the offline simulator, not a real chain (column \`source\` = "sim").\n`
      : '',
    `Reasoning traces on daily cross-chain activity metrics, for supervised fine-tuning (\`sft\`) and GRPO (\`grpo\`). Data source: ${sources.join('; ') || 'none'}. Models: ${Object.keys(s.input.byModel).join(', ') || 'none'}. Prompt versions: ${Object.keys(s.input.byPromptVersion).join(', ') || 'none'}.`,
    '',
    '## Contents',
    '',
    table(
      ['config', 'train', 'eval'],
      [
        ['sft', s.sft.train, s.sft.eval],
        ['grpo', s.grpo.train, s.grpo.eval],
      ],
    ),
    '',
    table(
      ['task', 'sft train', 'sft eval', 'grpo train', 'grpo eval'],
      Object.keys({ ...s.sft.byTask, ...s.grpo.byTask })
        .sort()
        .map((k) => [
          k,
          s.sft.byTask[k]?.train ?? 0,
          s.sft.byTask[k]?.eval ?? 0,
          s.grpo.byTask[k]?.train ?? 0,
          s.grpo.byTask[k]?.eval ?? 0,
        ]),
    ),
    '',
    '## Fields',
    '',
    '- `sft`: `messages` — a user turn (the prompt; no system prompt) and an assistant turn `<think>reasoning</think>` followed by the final answer; `id`, `chain`, `date` (the UTC day of the data), `task`, `prompt_version`, `source`, `model`.',
    `- \`grpo\`: \`prompt\` — the user turn only; \`input_row\` — the metrics row the prompt was rendered from (native units, fractions as fractions); \`horizon_days\` (${HORIZON_DAYS}); \`outcome\` — the realised ${HORIZON_DAYS}-day change of transactions and active senders (\`tx_growth_7d\`, \`user_growth_7d\` as fractions, \`direction_*\` with a ±2% flat band), filled only from rows dated after \`date\` by \`joinOutcomes\`, null with \`outcome_reason\` when not (yet) known; plus \`id\`, \`chain\`, \`date\`, \`task\`, \`prompt_version\`, \`source\`.`,
    '- Prediction answers (`task: predict7d`) end with a fenced JSON block `{direction_tx, tx_growth_7d: {point, low, high}, direction_users, user_growth_7d}` (fractions, 90% intervals).',
    '',
    '## Split',
    '',
    `Time-based, stratified by chain (\`cross-chain\` records form their own stratum): each chain's last ${(s.split.evalFraction * 100).toFixed(0)}% of days are eval, but none before ${s.split.globalEvalStart ?? '—'} (the date from which ${(s.split.evalFraction * 100).toFixed(0)}% of all traces lie). Every train day is at least ${s.split.gapDays} days before the first eval day of its chain and before every eval day of every chain (train cut-off ${s.split.trainCutoff ?? '—'}). All traces of one chain-day fall in the same split. Duplicates were removed before splitting.`,
    '',
    table(['stratum', 'train days', 'train range', 'gap days (left out)', 'eval days', 'eval range'], strata),
    '',
    '## Filtering',
    '',
    'Kept only traces with a prompt, non-empty reasoning and answer, not failed or truncated, and (predictions) a valid answer block; then the quality filter; then exact duplicates (same normalised reasoning + answer) and near-duplicates (word 5-shingle Jaccard ≥ 0.9, MinHash LSH candidates verified exactly), keeping the earliest.',
    '',
    drops.length ? table(['reason', 'dropped'], drops) : 'Nothing was dropped.',
    '',
    `Tokens of the kept traces: ${t.promptTokens} prompt, ${t.completionTokens} completion (${t.reasoningTokens} reasoning); cost $${t.costUsd.toFixed(4)}${t.costUnreported ? ` (${t.costUnreported} traces reported no cost)` : ''}.`,
    '',
    '## Known limits',
    '',
    ...[
      simulated
        ? 'Numbers come from an offline simulator: useful to test the pipeline and formats, not to learn about real markets.'
        : '',
      'Reasoning and answers are model output and may contain wrong calculations; the quality filter is only as good as the reward it uses.',
      `Eval days are the most recent days; a single period may not represent other market regimes. Outcomes need ${HORIZON_DAYS} later days of data and are missing for the last days until they exist.`,
      'Amounts are in each chain’s native unit and are not comparable across chains.',
      ...s.warnings,
    ]
      .filter(Boolean)
      .map((x) => `- ${x}`),
    '',
  ]
    .filter((x, i, a) => !(x === '' && a[i - 1] === ''))
    .join('\n');
}
