/**
 * Reward fingerprint (a tool for speed work, not a test): scores every case of the default
 * calibration run (tiers, every held-out gaming set, the cortex1 traces, the "what GRPO would
 * learn" edits), the shared vectors, the bench's own traces and seeded random text, and writes
 * every composite, component and explanation as JSON. A change that only makes the rewards
 * faster must leave the file byte-identical:
 *   node --import tsx bench/fingerprint.ts /tmp/before.json   (then after, and cmp the two)
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { LATER_HELDOUT_SETS, calibrationContexts, calibrationSummary, runCalibration } from '../src/calibration';
import { repoPath } from '../src/core/paths';
import { scoreCompletion, trlReward, type RewardInput } from '../src/rewards';
import { lex } from '../src/rewards/text/lex';
import { analyse } from '../src/traces';

const out = process.argv[2] ?? '/tmp/reward-fingerprint.json';
const run = runCalibration({
  seed: 11,
  chains: ['ethereum', 'bitcoin', 'near'],
  from: '2025-01-01',
  to: '2025-06-30',
  stride: 2,
  realDir: repoPath('data', 'fixtures', 'cortex'),
  laterHeldout: LATER_HELDOUT_SETS,
});
const rec: Record<string, unknown> = {};
for (const x of [...run.scored, ...run.heldout, ...run.laterHeldout.flatMap((h) => h.cases)]) rec[`case:${x.c.group}:${x.c.id}`] = x.s;
for (const x of run.real) rec[`real:${x.trace.id}`] = x.s;
rec.summary = { ...calibrationSummary(run), options: { ...run.options, realDir: 'data/fixtures/cortex' } };

const vectors = (
  JSON.parse(readFileSync(repoPath('test', 'rewards', 'vectors.json'), 'utf8')) as {
    vectors: { name: string; input: RewardInput }[];
  }
).vectors;
for (const v of vectors) rec[`vector:${v.name}`] = scoreCompletion(v.input);

// The bench's traces (2–4k words, real prompts), scored directly and through the TRL shape.
const contexts = calibrationContexts({ seed: 17, chains: ['ethereum', 'bitcoin', 'near'], from: '2024-07-01', to: '2025-06-30', stride: 1 });
const bench: RewardInput[] = [];
for (let i = 0; i < 160; i++) {
  const c = contexts[(i * 37) % contexts.length] as (typeof contexts)[number];
  const more = i % 2 ? `\n\n${analyse(c.ctx.prompt, 'truncated', i + 7919).reasoning.slice(0, 6000)}` : '';
  bench.push({
    task: c.ctx.task,
    reasoning: analyse(c.ctx.prompt, 'truncated', i).reasoning + more,
    answer: analyse(c.ctx.prompt, i % 3 ? 'good' : 'truncated', i).answer,
    rows: [c.ctx.row],
    history: c.ctx.history,
    outcome: i % 4 ? c.outcome : null,
    prompt: c.ctx.prompt,
  });
}
bench.forEach((x, i) => (rec[`bench:${i}`] = scoreCompletion(x)));
// Reasonings longer than any buffer the fast path keeps (up to ~200k characters), ASCII and not.
for (let k = 1; k <= 6; k++) {
  const x = bench[k] as RewardInput;
  const reasoning = Array.from({ length: k * 3 }, (_, j) => (bench[j] as RewardInput).reasoning).join(k % 2 ? '\n' : '\n≈ — \n');
  rec[`long:${k}`] = scoreCompletion({ ...x, reasoning: reasoning.slice(0, reasoning.length - k) });
}
rec.trl = trlReward(
  bench.map((x) => x.prompt),
  bench.map((x, i) => (i % 5 ? `<think>${x.reasoning}</think>${x.answer}` : `<think>${x.reasoning}`)),
  {
    task: bench.map((x) => x.task),
    input_row: bench.map((x) => x.rows[0]),
    history_rows: bench.map((x) => x.history),
    outcome: bench.map((x) => x.outcome),
  },
);

// Seeded random text from edge pieces: the lexer's tokens and every score.
let s = 20261205;
const rnd = (): number => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
const pieces = ['1', '0', '9', ',', '.', '%', 'k', 'M', 'B', 'e', 'E', '-', '+', '2025-01-01', '1,234', '.5', 'x', 'X', '_a', 'Ab',
  '\n', ' ', '\t', '\u00a0', '\u2212', '\u00d7', '\u2248', '\u223c', '~', '=', '±', '(', ')', '[', ']', '`', '```', '**', '#', ':',
  '\u200b', '😀', 'é', 'transactions', 'txGrowth7dFrac', 'active_senders', 'should', 'if', 'risk', 'ignore', 'instructions',
  'grader', 'score', 'between', 'and', 'to', '90% CI', 'fees', '```json\n{"direction_tx":"up","tx_growth_7d":{"point":0.01,"low":-0.02,"high":0.04}}\n```\n',
  '## Forecast\n', '## Risks\n', 'Analysis:\n', '1. Calculations\n'];
const row = vectors[0]?.input.rows[0] ?? {};
for (let k = 0; k < 400; k++) {
  const text = (n: number): string => Array.from({ length: n }, () => pieces[Math.floor(rnd() * pieces.length)]).join('');
  const answer = text(20 + Math.floor(rnd() * 300));
  const reasoning = text(Math.floor(rnd() * 200));
  rec[`lex:${k}`] = lex(answer);
  rec[`rand:${k}`] = scoreCompletion({
    task: ['predict7d', 'analytical', 'risk', 'opportunity'][k % 4] as string,
    reasoning,
    answer,
    rows: [row],
    history: k % 2 ? [row] : [],
    outcome: k % 3 ? { tx_growth_7d: 0.03, user_growth_7d: -0.01 } : null,
    prompt: k % 2 ? text(100) : undefined,
  });
}
const json = JSON.stringify(rec);
writeFileSync(out, json);
console.log(`${Object.keys(rec).length} entries, sha256 ${createHash('sha256').update(json).digest('hex')} -> ${out}`);
