import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TraceRecordSchema, startLlmServer, type LlmServer } from '../../../src/traces';
import { parseFaults } from '../../../src/serve';
import { ROOT, workbenchAsync } from '../../helpers/cli';
import { useTmpDir } from '../../helpers/tmp';

const tmp = useTmpDir();
const KEY = 'sk-or-test-5a4b3c2d1e0f';
let server: LlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('workbench traces generate', () => {
  it('killed with SIGKILL mid-run under every fault, a rerun ends with exactly one valid record per (day, task), costs summed, the key in no file', async () => {
    const dir = tmp();
    const days = join(dir, 'days.jsonl');
    const c = await workbenchAsync([
      'chain',
      'collect',
      '--source',
      'sim',
      '--chains',
      'ethereum,near',
      '--from',
      '2025-03-01',
      '--to',
      '2025-03-10',
      '--out',
      days,
      '--cache',
      join(dir, 'chain-cache'),
    ]);
    expect(c.code, c.stderr).toBe(0);
    server = await startLlmServer(
      { apiKey: KEY, echoKey: true, latencyMs: 20 },
      parseFaults('429=0.1,5xx=0.1,midstream=0.05,truncate=0.05,seed=5'),
    );
    const out = join(dir, 'traces.jsonl');
    const args = [
      'traces',
      'generate',
      '--input',
      days,
      '--out',
      out,
      '--base-url',
      `${server.url}/v1`,
      '--tasks',
      'predict7d,risk',
      '--concurrency',
      '3',
      '--cache',
      join(dir, 'llm-cache'),
      '--json',
    ];
    const env = { ...process.env, OPENROUTER_API_KEY: KEY };
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'workbench.js'), ...args], {
      cwd: ROOT,
      env,
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    while (
      child.exitCode === null &&
      !(existsSync(out) && statSync(out).size > 0 && readFileSync(out, 'utf8').split('\n').length > 8)
    )
      await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    await exited;
    const before = readFileSync(out, 'utf8').trim().split('\n').length;
    expect(before).toBeLessThan(36);

    // Reruns until nothing is missing (a request that failed every retry is retried by the next run).
    let last = { code: 1, stdout: '', stderr: '' };
    for (let i = 0; i < 4 && last.code !== 0; i++) last = await workbenchAsync(args, { OPENROUTER_API_KEY: KEY });
    expect(last.code, last.stderr).toBe(0);
    const records = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => TraceRecordSchema.parse(JSON.parse(l)));
    // Every day with data × 2 tasks (a day the source has no row for cannot be prompted).
    const withData = readFileSync(days, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { chain: string; date: string; missing: boolean })
      .filter((d) => !d.missing);
    const want = withData.flatMap((d) => ['predict7d', 'risk'].map((t) => `${d.chain} ${d.date} ${t}`)).sort();
    expect(want.length).toBeGreaterThan(30);
    expect(records.map((r) => `${r.chain} ${r.date} ${r.task}`).sort()).toEqual(want);
    expect(new Set(records.map((r) => r.id)).size).toBe(want.length);
    for (const r of records) {
      expect(r.reasoning.includes('<think>')).toBe(false);
      expect(r.reasoning.length + r.answer.length).toBeGreaterThan(0);
    }
    const cost = records.reduce((s, r) => s + (r.usage.costUsd ?? 0), 0);
    expect(cost).toBeGreaterThan(0);
    const files = [out, ...readdirSync(join(dir, 'llm-cache')).map((f) => join(dir, 'llm-cache', f))];
    for (const f of files) expect(readFileSync(f, 'utf8').includes(KEY), f).toBe(false);
    expect(last.stdout.includes(KEY) || last.stderr.includes(KEY)).toBe(false);
  }, 240_000);
});
