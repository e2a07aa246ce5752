import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { WorkbenchError } from '../core/errors';
import { JsonlWriter, readJsonl } from '../core/jsonl';
import { DEFAULT_CONFIG, type RewardConfig } from './config';
import { scoreCompletion, type RewardScore } from './composite';
import type { OutcomeLike, RewardInput, RowLike } from './input';

/**
 * `workbench rewards score --in TRACES.jsonl --out SCORES.jsonl`: one line per trace with the
 * composite and every component. A line that is not JSON or not a trace is reported with its
 * number and skipped; the run goes on, but a file with no scorable line at all is an error,
 * not "0 scored". The scores are written to a temporary file and renamed into place, so a
 * failed run leaves nothing half-written. Outcomes (for prediction traces) come from
 * `outcomes`, keyed by chain and date, when given.
 */
export interface ScoreLine {
  line: number;
  id: string | null;
  task: string;
  chain: string | null;
  date: string | null;
  composite: number;
  quality: number;
  penaltyFactor: number;
  components: Record<string, { score: number; applicable: boolean; weighted: number; explanation: string }>;
  penalties: Record<string, { score: number; factor: number; explanation: string }>;
}

export interface ScoreFileResult {
  scored: number;
  skipped: { line: number; error: string }[];
  meanComposite: number | null;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A trace record (or a bare reward input) as a RewardInput, or the reason it is not one. */
export function traceToInput(
  v: unknown,
  outcomeOf?: (chain: string, date: string) => OutcomeLike | null,
):
  | { ok: true; input: RewardInput; id: string | null; chain: string | null; date: string | null }
  | { ok: false; error: string } {
  if (!isObj(v)) return { ok: false, error: 'not an object' };
  if (typeof v.task !== 'string') return { ok: false, error: 'no "task" string' };
  if (typeof v.reasoning !== 'string' || typeof v.answer !== 'string')
    return { ok: false, error: 'no "reasoning" and "answer" strings' };
  const rowsOf = (x: unknown): RowLike[] => (Array.isArray(x) ? x.filter(isObj) : isObj(x) ? [x] : []);
  const rows = 'input' in v ? rowsOf(v.input) : rowsOf(v.rows);
  if (!rows.length) return { ok: false, error: 'no input row ("input" of a trace record, or "rows")' };
  const chain = typeof v.chain === 'string' ? v.chain : null;
  const date = typeof v.date === 'string' ? v.date : null;
  const prompt = Array.isArray(v.prompt)
    ? v.prompt.map((m) => (isObj(m) && typeof m.content === 'string' ? m.content : '')).join('\n')
    : typeof v.prompt === 'string'
      ? v.prompt
      : undefined;
  const outcome = isObj(v.outcome)
    ? (v.outcome as unknown as OutcomeLike)
    : chain && date && outcomeOf
      ? outcomeOf(chain, date)
      : null;
  const truncated = v.truncated === true || v.finishReason === 'length';
  return {
    ok: true,
    id: typeof v.id === 'string' ? v.id : null,
    chain,
    date,
    input: {
      task: v.task,
      reasoning: v.reasoning,
      answer: v.answer,
      rows,
      history: 'history' in v ? rowsOf(v.history) : [],
      outcome,
      prompt,
      truncated,
    },
  };
}

export function scoreLine(
  line: number,
  meta: { id: string | null; chain: string | null; date: string | null; task: string },
  s: RewardScore,
): ScoreLine {
  const components = Object.fromEntries(
    Object.entries(s.components).map(([k, c]) => [
      k,
      { score: c.score, applicable: c.applicable, weighted: c.weighted, explanation: c.explanation },
    ]),
  );
  const penalties = Object.fromEntries(
    Object.entries(s.penalties).map(([k, c]) => [k, { score: c.score, factor: c.factor, explanation: c.explanation }]),
  );
  return {
    line,
    ...meta,
    composite: s.composite,
    quality: s.quality,
    penaltyFactor: s.penaltyFactor,
    components,
    penalties,
  };
}

export async function scoreFile(
  inPath: string,
  outPath: string,
  opts: { config?: RewardConfig; outcomeOf?: (chain: string, date: string) => OutcomeLike | null } = {},
): Promise<ScoreFileResult> {
  if (!existsSync(inPath) || !statSync(inPath).isFile())
    throw new WorkbenchError(
      `no trace file at ${inPath}`,
      'pass the JSONL that `workbench traces generate` wrote (--in FILE)',
    );
  if (resolve(inPath) === resolve(outPath))
    throw new WorkbenchError(`--out ${outPath} is the input file`, 'write the scores to another file');
  if (existsSync(outPath) && statSync(outPath).isDirectory())
    throw new WorkbenchError(`--out ${outPath} is a folder`, 'pass a file path for the scores (JSONL)');
  const tmp = `${outPath}.tmp-${process.pid}`;
  const w = new JsonlWriter(tmp);
  const skipped: ScoreFileResult['skipped'] = [];
  let n = 0;
  let sum = 0;
  try {
    for await (const l of readJsonl(inPath)) {
      if ('error' in l) {
        skipped.push({ line: l.line, error: `not JSON: ${l.error}` });
        continue;
      }
      const t = traceToInput(l.value, opts.outcomeOf);
      if (!t.ok) {
        skipped.push({ line: l.line, error: t.error });
        continue;
      }
      const s = scoreCompletion(t.input, opts.config ?? DEFAULT_CONFIG);
      await w.write(scoreLine(l.line, { id: t.id, chain: t.chain, date: t.date, task: t.input.task }, s));
      n++;
      sum += s.composite;
    }
  } finally {
    await w.close();
  }
  if (n === 0) {
    rmSync(tmp, { force: true });
    const first = skipped
      .slice(0, 3)
      .map((x) => `line ${x.line}: ${x.error}`)
      .join('; ');
    throw new WorkbenchError(
      skipped.length
        ? `${inPath}: none of its ${skipped.length} line(s) is a trace (${first})`
        : `${inPath} has no traces`,
      'pass trace records as `workbench traces generate` writes them: JSON lines with task, reasoning, answer and input',
    );
  }
  renameSync(tmp, outPath);
  return { scored: n, skipped, meanComposite: n ? sum / n : null };
}
