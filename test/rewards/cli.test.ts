import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulatedChainDays } from '../../src/chain';
import { analyse } from '../../src/traces/server/analyst';
import { makeTraceRecord, renderPrompt } from '../../src/traces';
import { workbench } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();

function traces(n: number): string[] {
  const rows = simulatedChainDays(3, ['ethereum'], '2025-02-01', '2025-02-20').filter((r) => !r.missing);
  return rows.slice(0, n).map((row, i) => {
    const p = renderPrompt({ task: 'predict7d', row, history: rows.filter((r) => r.date < row.date) });
    const a = analyse((p.messages[0] as { content: string }).content, i % 2 ? 'good' : 'weak', i);
    const g = {
      reasoning: a.reasoning,
      answer: a.answer,
      finishReason: 'stop',
      truncated: false,
      usage: { promptTokens: 1, completionTokens: 1, reasoningTokens: 1, costUsd: 0 },
      generationId: null,
      provider: 'test',
      latencyMs: 1,
      firstTokenMs: 1,
    };
    return JSON.stringify(
      makeTraceRecord(p, g, { model: 'm', endpoint: 'http://127.0.0.1:1/v1', createdAt: '2025-03-01T00:00:00Z' }),
    );
  });
}

describe('workbench rewards', () => {
  it('score: one line per trace with every component; malformed lines are named by number and skipped', () => {
    const dir = tmp();
    const lines = traces(4);
    const input = join(dir, 'traces.jsonl');
    writeFileSync(
      input,
      [lines[0], '{"not": "a trace"', lines[1], '{"task": "risk"}', lines[2], lines[3]].join('\n') + '\n',
    );
    const days = join(dir, 'days.jsonl');
    writeFileSync(
      days,
      simulatedChainDays(3, ['ethereum'], '2025-02-01', '2025-03-10')
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const out = join(dir, 'scores.jsonl');
    const r = workbench(['rewards', 'score', '--in', input, '--out', out, '--outcomes', days]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/4 scored .*2 line\(s\) skipped/);
    expect(r.stderr).toMatch(/line 2: not JSON/);
    expect(r.stderr).toMatch(/line 4: no "reasoning" and "answer" strings/);
    const scores = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as { line: number; composite: number; components: Record<string, { applicable: boolean }> },
      );
    expect(scores.map((s) => s.line)).toEqual([1, 3, 5, 6]);
    expect(Object.keys(scores[0]?.components ?? {})).toEqual([
      'outcome',
      'claims',
      'calculation',
      'citation',
      'interval',
      'structure',
      'insight',
    ]);
    // The outcomes file gives the realised change: prediction accuracy applies.
    expect(scores.every((s) => s.components.outcome?.applicable)).toBe(true);
    // Good answers (odd lines of the generator) outscore weak ones.
    expect(Math.min(scores[1]!.composite, scores[3]!.composite)).toBeGreaterThan(
      Math.max(scores[0]!.composite, scores[2]!.composite),
    );
  });

  it('score: bad weights are refused with the field named', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'w.json'), JSON.stringify({ components: { calculation: 'high' }, penalties: {} }));
    writeFileSync(join(dir, 't.jsonl'), '');
    const r = workbench([
      'rewards',
      'score',
      '--in',
      join(dir, 't.jsonl'),
      '--out',
      join(dir, 's.jsonl'),
      '--weights',
      join(dir, 'w.json'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/components.calculation: Expected number, received string/);
  });

  it('export-python writes a module python3 compiles', () => {
    const dir = tmp();
    const r = workbench(['rewards', 'export-python', '--out', dir]);
    expect(r.code, r.stderr).toBe(0);
    const src = readFileSync(join(dir, 'workbench_rewards.py'), 'utf8');
    expect(src).not.toContain('CONFIG_JSON = None');
    expect(JSON.parse(readFileSync(join(dir, 'reward_config.json'), 'utf8'))).toMatchObject({ version: 'rewards/3' });
  });

  // Bad inputs (issue 13): one error / fix, a non-zero exit, no stack trace, nothing half-written.
  const refused = (r: { code: number; stderr: string }, what: RegExp): void => {
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(what);
    expect(r.stderr).toMatch(/\nfix: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  };

  it('score: a missing or malformed outcomes file is named (with its line), not a stack trace', () => {
    const dir = tmp();
    const input = join(dir, 'traces.jsonl');
    writeFileSync(input, `${traces(1).join('\n')}\n`);
    const out = join(dir, 'scores.jsonl');
    refused(
      workbench(['rewards', 'score', '--in', input, '--out', out, '--outcomes', join(dir, 'missing.jsonl')]),
      /error: no outcomes file at .*missing\.jsonl/,
    );
    const days = join(dir, 'days.jsonl');
    const rows = simulatedChainDays(3, ['ethereum'], '2025-02-01', '2025-02-03').map((r) => JSON.stringify(r));
    writeFileSync(days, [rows[0], '{"chain": "ethereum", "date": ', rows[1]].join('\n'));
    refused(
      workbench(['rewards', 'score', '--in', input, '--out', out, '--outcomes', days]),
      /days\.jsonl line 2 is not JSON/,
    );
    writeFileSync(days, [rows[0], '{"chain": "ethereum"}'].join('\n'));
    refused(
      workbench(['rewards', 'score', '--in', input, '--out', out, '--outcomes', days]),
      /days\.jsonl line 2 is not a ChainDay/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('score: a file with no scorable line exits non-zero and writes nothing', () => {
    const dir = tmp();
    const input = join(dir, 'traces.jsonl');
    writeFileSync(input, '{"not": "a trace"\n{"task": "risk"}\n');
    const out = join(dir, 'scores.jsonl');
    refused(
      workbench(['rewards', 'score', '--in', input, '--out', out]),
      /none of its 2 line\(s\) is a trace \(line 1: not JSON/,
    );
    expect(readdirSync(dir).sort()).toEqual(['traces.jsonl']);
    writeFileSync(input, '');
    refused(workbench(['rewards', 'score', '--in', input, '--out', out]), /has no traces/);
    refused(workbench(['rewards', 'score', '--in', input, '--out', input]), /is the input file/);
    refused(workbench(['rewards', 'score', '--in', join(dir, 'nope.jsonl'), '--out', out]), /no trace file at/);
    refused(
      workbench(['rewards', 'score', '--in', input, '--out', out, '--weights', join(dir, 'nope.json')]),
      /no weights file at/,
    );
  });

  it('export-python refuses an --out that is a file, and leaves the file alone', () => {
    const dir = tmp();
    const file = join(dir, 'taken.txt');
    writeFileSync(file, 'keep me');
    refused(workbench(['rewards', 'export-python', '--out', file]), /is a file, not a folder/);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('calibrate refuses impossible dates, a missing real-traces folder and a file as --out before any work', () => {
    const dir = tmp();
    refused(
      workbench(['rewards', 'calibrate', '--from', '2025-13-45', '--to', '2025-12-01', '--out', join(dir, 'r')]),
      /--from must be a calendar date/,
    );
    refused(
      workbench(['rewards', 'calibrate', '--from', '2025-03-01', '--to', '2025-02-01', '--out', join(dir, 'r')]),
      /--from 2025-03-01 is after --to 2025-02-01/,
    );
    refused(
      workbench(['rewards', 'calibrate', '--real', join(dir, 'nope'), '--out', join(dir, 'r')]),
      /--real .*nope is not a folder/,
    );
    writeFileSync(join(dir, 'f'), 'x');
    refused(workbench(['rewards', 'calibrate', '--out', join(dir, 'f')]), /--out .* is a file/);
  });
});
