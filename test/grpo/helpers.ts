import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulatedChainDays } from '../../src/chain';
import { parseSpecText } from '../../src/grpo';
import { buildDatasetFiles, joinOutcomesInDir, makeTraceRecord, renderPrompt } from '../../src/traces';
import { analyse } from '../../src/traces/server/analyst';
import { ROOT } from '../helpers/cli';

/**
 * A small real dataset: simulated ethereum days, prediction and risk prompts, two stand-in
 * completions per prompt (so reward variance can be checked), built and outcome-joined by the
 * traces stage as `traces build --outcomes` does.
 */
export async function makeDataset(dir: string, days = 24): Promise<{ dataset: string; traces: string; rows: string }> {
  const rows = simulatedChainDays(6, ['ethereum'], '2025-02-01', '2025-04-30');
  const usable = rows.filter((r) => !r.missing).slice(0, days);
  const lines: string[] = [];
  let i = 0;
  for (const row of usable) {
    for (const task of ['predict7d', 'risk'] as const) {
      const p = renderPrompt({ task, row, history: rows });
      for (let sample = 0; sample < 2; sample++) {
        const a = analyse(
          (p.messages[0] as { content: string }).content,
          sample === 0 ? 'good' : i % 2 ? 'weak' : 'wrong',
          i++,
        );
        const g = {
          reasoning: a.reasoning,
          answer: a.answer,
          finishReason: 'stop',
          truncated: false,
          usage: { promptTokens: 1, completionTokens: 1, reasoningTokens: 1, costUsd: 0 },
          generationId: null,
          provider: 'workbench-offline-stand-in',
          latencyMs: 1,
          firstTokenMs: 1,
        };
        lines.push(
          JSON.stringify(
            makeTraceRecord(p, g, {
              model: 'workbench/offline-analyst',
              endpoint: 'http://127.0.0.1:1/v1',
              createdAt: '2025-05-01T00:00:00Z',
              sample,
            }),
          ),
        );
      }
    }
  }
  const traces = join(dir, 'traces.jsonl');
  writeFileSync(traces, `${lines.join('\n')}\n`);
  const daysPath = join(dir, 'days.jsonl');
  writeFileSync(daysPath, rows.map((r) => JSON.stringify(r)).join('\n'));
  const dataset = join(dir, 'dataset');
  await buildDatasetFiles(traces, dataset, { evalFraction: 0.25, gapDays: 7 });
  await joinOutcomesInDir(dataset, daysPath);
  return { dataset, traces, rows: daysPath };
}

/** The example spec with fields overridden (a shallow merge per section), as a JSON file. */
export function writeSpec(
  dir: string,
  over: Record<string, Record<string, unknown> | string>,
  file = 'llama-3.3-70b-qlora.yaml',
): string {
  const raw = parseSpecText(readFileSync(join(ROOT, 'examples', 'grpo', file), 'utf8'), file) as Record<
    string,
    unknown
  >;
  for (const [k, v] of Object.entries(over)) raw[k] = typeof v === 'string' ? v : { ...(raw[k] as object), ...v };
  const path = join(dir, `spec-${Object.keys(over).join('-') || 'base'}.json`);
  writeFileSync(path, JSON.stringify(raw, null, 2));
  return path;
}
