import { analyse } from '../traces';
import { benchPython, scoreCompletion, scoreWithPython, type RewardInput } from '../rewards';
import { calibrationContexts } from './cases';

/**
 * `bench --only rewards`: scoring throughput of the TypeScript rewards and the Python twin on
 * typical 2–4k-word traces (the stand-in's long second-guessing reasoning and a full sectioned
 * answer, on real prompts), one core each. Inputs come as GRPO scores them: groups of
 * `group` completions of one prompt (8 prompts × 16 completions is one step of the default
 * spec), so per-prompt work is done once per group; the figure with a new prompt for every
 * trace is reported too. Also checks that the two twins agree on every input.
 */
export async function benchRewards(opts: { traces?: number; group?: number; python?: boolean } = {}): Promise<object> {
  const n = opts.traces ?? 400;
  const group = opts.group ?? 16;
  const contexts = calibrationContexts({
    seed: 17,
    chains: ['ethereum', 'bitcoin', 'near'],
    from: '2024-07-01',
    to: '2025-06-30',
    stride: 1,
  });
  const make = (promptIndex: number, i: number): RewardInput => {
    const c = contexts[promptIndex % contexts.length] as (typeof contexts)[number];
    const long = analyse(c.ctx.prompt, 'truncated', i);
    const good = analyse(c.ctx.prompt, 'good', i);
    // Every other trace thinks on for another ~1,000 words: 2–4k words in all.
    const more = i % 2 ? `\n\n${analyse(c.ctx.prompt, 'truncated', i + 7919).reasoning.slice(0, 6000)}` : '';
    return {
      task: c.ctx.task,
      reasoning: long.reasoning + more,
      answer: good.answer,
      rows: [c.ctx.row],
      history: c.ctx.history,
      outcome: c.outcome,
      prompt: c.ctx.prompt,
    };
  };
  // Each timed pass sees prompts no earlier pass saw, so the per-prompt cache helps only within a group, as in training.
  const groupedSet = (pass: number): RewardInput[] =>
    Array.from({ length: n }, (_, i) => make((Math.floor(i / group) + pass * 1000) * 37, i));
  const grouped = groupedSet(0);
  const distinct = Array.from({ length: n }, (_, i) => make(i + 500, i));
  const words = grouped.map((x) => `${x.reasoning} ${x.answer}`.split(/\s+/).filter(Boolean).length);
  // Warm up the JIT on other prompts: V8 needs a few thousand calls before the hot paths are optimised.
  for (let k = 0; k < 4; k++) for (const x of groupedSet(k + 1)) scoreCompletion(x);
  // CPU seconds of this process beside wall seconds: on a shared machine (here 2 cores, load ~10) wall time counts other people's work.
  const time = (xs: readonly RewardInput[]): { seconds: number; cpuSeconds: number } => {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    for (const x of xs) scoreCompletion(x);
    const c = process.cpuUsage(c0);
    return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, cpuSeconds: (c.user + c.system) / 1e6 };
  };
  const passes = [grouped, groupedSet(5), groupedSet(6)].map(time).sort((a, b) => a.cpuSeconds - b.cpuSeconds);
  const ts = passes[1] as { seconds: number; cpuSeconds: number }; // the median of three passes
  const tsDistinct = time(distinct);
  const out: Record<string, unknown> = {
    traces: n,
    completionsPerPrompt: group,
    timing:
      'CPU seconds of the scoring process (wall time also given); TypeScript: the median of 3 passes after a JIT warm-up of 4 passes; Python: one pass',
    wordsMean: Math.round(words.reduce((a, b) => a + b, 0) / n),
    wordsMin: Math.min(...words),
    wordsMax: Math.max(...words),
    typescript: {
      tracesPerCpuSecond: Math.round(n / ts.cpuSeconds),
      tracesPerSecond: Math.round(n / ts.seconds),
      cpuMicrosecondsPerTrace: Math.round((ts.cpuSeconds / n) * 1e6),
      tracesPerCpuSecondNewPromptEach: Math.round(n / tsDistinct.cpuSeconds),
    },
  };
  if (opts.python ?? true) {
    const py1 = await benchPython(grouped);
    const pyDistinct = await benchPython(distinct);
    const py = await scoreWithPython(grouped);
    const worst = Math.max(
      ...py.scores.map((s, i) => Math.abs(s.composite - scoreCompletion(grouped[i] as RewardInput).composite)),
    );
    out.python = {
      tracesPerCpuSecond: Math.round(n / py1.cpuSeconds),
      tracesPerSecond: Math.round(n / py1.seconds),
      cpuMicrosecondsPerTrace: Math.round((py1.cpuSeconds / n) * 1e6),
      tracesPerCpuSecondNewPromptEach: Math.round(n / pyDistinct.cpuSeconds),
      tracesPerSecondEndToEnd: Math.round(n / py.seconds),
      endToEndNote: 'one `score` process: start-up, JSON parsing of every input and JSON output included',
      maxCompositeDifference: worst,
    };
    out.typescriptOverPython = Number((py1.cpuSeconds / ts.cpuSeconds).toFixed(1));
    out.loadAverage = (await import('node:os')).loadavg()[0];
  }
  return out;
}
