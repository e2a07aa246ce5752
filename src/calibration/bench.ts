import { analyse } from '../traces';
import { scoreCompletion, scoreWithPython, type RewardInput } from '../rewards';
import { calibrationContexts } from './cases';

/**
 * `bench --only rewards`: scoring throughput of the TypeScript rewards on typical 2–4k-word
 * traces (the stand-in's long second-guessing reasoning and a full sectioned answer, on real
 * prompts), one core, next to the Python twin on the very same inputs; also checks that the
 * two agree on all of them.
 */
export async function benchRewards(opts: { traces?: number; python?: boolean } = {}): Promise<object> {
  const n = opts.traces ?? 400;
  const contexts = calibrationContexts({ seed: 17, chains: ['ethereum', 'bitcoin', 'near'], from: '2024-07-01', to: '2025-06-30', stride: 1 });
  const inputs: RewardInput[] = [];
  for (let i = 0; inputs.length < n && contexts.length; i++) {
    const c = contexts[i % contexts.length] as (typeof contexts)[number];
    const long = analyse(c.ctx.prompt, 'truncated', i);
    const good = analyse(c.ctx.prompt, 'good', i);
    // Every other trace thinks on for another ~1,000 words: 2–4k words in all.
    const more = i % 2 ? `\n\n${analyse(c.ctx.prompt, 'truncated', i + 7919).reasoning.slice(0, 6000)}` : '';
    inputs.push({ task: c.ctx.task, reasoning: long.reasoning + more, answer: good.answer, rows: [c.ctx.row], history: c.ctx.history, outcome: c.outcome, prompt: c.ctx.prompt });
  }
  const words = inputs.map((x) => `${x.reasoning} ${x.answer}`.split(/\s+/).filter(Boolean).length);
  for (const x of inputs.slice(0, 50)) scoreCompletion(x); // warm up the JIT
  const t0 = process.hrtime.bigint();
  const ts = inputs.map((x) => scoreCompletion(x));
  const tsSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  // Scored again: prompts already lexed, as in a GRPO group that shares one prompt.
  const t1 = process.hrtime.bigint();
  for (const x of inputs) scoreCompletion(x);
  const tsCachedSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
  const out: Record<string, unknown> = {
    traces: n,
    wordsMean: Math.round(words.reduce((a, b) => a + b, 0) / n),
    wordsMin: Math.min(...words),
    wordsMax: Math.max(...words),
    typescript: { tracesPerSecond: Math.round(n / tsSeconds), tracesPerSecondPromptCached: Math.round(n / tsCachedSeconds), microsecondsPerTrace: Math.round((tsSeconds / n) * 1e6) },
  };
  if (opts.python ?? true) {
    const py = await scoreWithPython(inputs);
    const worst = Math.max(...py.scores.map((s, i) => Math.abs(s.composite - (ts[i] as { composite: number }).composite)));
    out.python = { tracesPerSecond: Math.round(n / py.seconds), secondsIncludingStartup: Number(py.seconds.toFixed(2)), maxCompositeDifference: worst };
    out.typescriptOverPython = Number((n / tsSeconds / (n / py.seconds)).toFixed(1));
  }
  return out;
}
