import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatedChainDays } from '../../src/chain';
import { workbenchAsync, type CliResult } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();

/** One `error:` line with a `fix:`, a non-zero exit and no stack trace of ours. */
function expectClearError(r: CliResult, text: RegExp): void {
  expect(r.code).not.toBe(0);
  const errors = r.stderr.split('\n').filter((l) => l.startsWith('error:'));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(text);
  expect(r.stderr).toMatch(/\nfix: /);
  expect(r.stderr).not.toMatch(/\n\s+at |unexpected error/);
}

// One local HTTP server for the file: /busy holds a port, every request gets 401 (not retried).
let server: Server;
let url = '';
beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end('{"error":{"message":"bad key"}}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function chainDaysFile(dir: string): string {
  const p = join(dir, 'days.jsonl');
  writeFileSync(
    p,
    simulatedChainDays(3, ['ethereum'], '2025-01-10', '2025-01-12')
      .map((d) => `${JSON.stringify(d)}\n`)
      .join(''),
  );
  return p;
}

describe('bad input: one clear error, a non-zero exit, nothing half-written', () => {
  it('traces generate with a missing input names it and writes nothing', async () => {
    const out = join(tmp(), 't.jsonl');
    const r = await workbenchAsync(
      ['traces', 'generate', '--input', join(tmp(), 'MISSING.jsonl'), '--out', out, '--base-url', `${url}/v1`],
      { OPENROUTER_API_KEY: 'sk-test-bad-input' },
    );
    expectClearError(r, /input .*MISSING\.jsonl does not exist/);
    expect(existsSync(out)).toBe(false);
  });

  it('traces generate where every request fails leaves no output file and exits non-zero', async () => {
    const dir = tmp();
    const out = join(dir, 't.jsonl');
    const r = await workbenchAsync(
      [
        'traces',
        'generate',
        '--input',
        chainDaysFile(dir),
        '--out',
        out,
        '--base-url',
        `${url}/v1`,
        '--tasks',
        'predict7d',
        '--cache',
        join(dir, 'cache'),
      ],
      { OPENROUTER_API_KEY: 'sk-test-bad-input' },
    );
    expect(r.code).not.toBe(0);
    expect(r.stdout).toMatch(/0 new records .* [1-9]\d* failed/);
    expect(existsSync(out)).toBe(false);
  });

  it('a base URL carrying credentials is refused up front and the credential is never printed', async () => {
    const secret = ['hunter', '2', 'secret'].join('-');
    for (const args of [
      [
        'traces',
        'generate',
        '--input',
        'x.jsonl',
        '--out',
        join(tmp(), 'o.jsonl'),
        '--base-url',
        `http://user:${secret}@127.0.0.1:9/v1`,
      ],
      [
        'chain',
        'collect',
        '--source',
        'midgard',
        '--chains',
        'maya',
        '--from',
        '2025-01-01',
        '--to',
        '2025-01-02',
        '--out',
        join(tmp(), 'c.jsonl'),
        '--midgard-url',
        `http://${secret}@127.0.0.1:9`,
      ],
    ]) {
      const r = await workbenchAsync(args, { OPENROUTER_API_KEY: 'sk-test-bad-input' });
      expectClearError(r, /carries credentials/);
      expect(`${r.stdout}${r.stderr}`).not.toContain(secret);
    }
  });

  it('traces build refuses invalid lines and offers --allow-invalid, which exists and works', async () => {
    const dir = tmp();
    const input = join(dir, 'traces.jsonl');
    writeFileSync(input, '{"not":"a trace"}\n');
    const refused = await workbenchAsync(['traces', 'build', '--in', input, '--out', join(dir, 'ds')]);
    expectClearError(refused, /1 invalid trace line/);
    expect(refused.stderr).toMatch(/--allow-invalid/);
    const allowed = await workbenchAsync([
      'traces',
      'build',
      '--in',
      input,
      '--out',
      join(dir, 'ds'),
      '--allow-invalid',
      '--json',
    ]);
    expect(allowed.code).toBe(0);
    expect(
      (JSON.parse(allowed.stdout) as { stats: { dropped: { byReason: Record<string, number> } } }).stats.dropped
        .byReason.invalid_line,
    ).toBe(1);
  });

  it('chain collect with a reversed range, an impossible date or a refusing server leaves no output', async () => {
    const dir = tmp();
    const base = ['chain', 'collect', '--source', 'midgard', '--chains', 'maya', '--midgard-url', url];
    const cases: [string[], RegExp][] = [
      [['--from', '2025-02-01', '--to', '2025-01-01'], /before --from/],
      [['--from', '2025-02-31', '--to', '2025-03-01'], /not a date/],
      [['--from', '2025-01-01', '--to', '2025-01-03'], /401/],
    ];
    for (const [i, [args, text]] of cases.entries()) {
      const out = join(dir, `c${i}.jsonl`);
      const r = await workbenchAsync([...base, ...args, '--out', out, '--cache', join(dir, 'cache')]);
      expect(r.code, r.stderr).not.toBe(0);
      expect(r.stderr).toMatch(text);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('every local stand-in server refuses a busy port with one clear error', async () => {
    const port = (server.address() as AddressInfo).port;
    for (const cmd of [
      ['flipside', 'serve'],
      ['llm', 'serve'],
      ['midgard', 'serve'],
    ]) {
      const r = await workbenchAsync([...cmd, '--port', String(port)]);
      expectClearError(r, new RegExp(`port ${port} .* already in use`));
    }
  });
});

describe('bad paths and names in the utility commands', () => {
  it('notebook strip, report index, bench --only, demo --only and traces import each refuse clearly', async () => {
    const dir = tmp();
    const refused = join(dir, 'refused.jsonl');
    writeFileSync(refused, '{bad\n');
    const cases: [string[], RegExp][] = [
      [['notebook', 'strip', join(dir, 'nope')], /nope does not exist/],
      [['report', 'index', '--dir', join(dir, 'nope')], /--dir .*nope does not exist/],
      [['bench', '--only', 'nonsense'], /unknown benchmark\(s\) nonsense/],
      [['demo', '--only', 'no-such-notebook'], /no notebook .* matches --only/],
      [
        ['traces', 'import', '--format', 'cortex1', refused, '--out', join(dir, 'imported.jsonl')],
        /all 1 record\(s\) refused \(line 1: not_json\)/,
      ],
      [
        ['traces', 'import', '--format', 'cortex9', refused, '--out', join(dir, 'imported.jsonl')],
        /unknown --format "cortex9"/,
      ],
      // An output that is a folder is refused before any work (it used to crash, or hang with the sim server open).
      [
        [
          'chain',
          'collect',
          '--source',
          'sim',
          '--chains',
          'ethereum',
          '--from',
          '2025-01-01',
          '--to',
          '2025-01-03',
          '--out',
          dir,
        ],
        /--out .* is a folder/,
      ],
    ];
    for (const [args, text] of cases) expectClearError(await workbenchAsync(args), text);
    expect(existsSync(join(dir, 'imported.jsonl'))).toBe(false);
  });
});

describe('resuming over a damaged output', () => {
  it('keeps an earlier output untouched when a rerun fails before writing', async () => {
    const dir = tmp();
    const out = join(dir, 'c.jsonl');
    writeFileSync(out, '{"kept":true}\n');
    const r = await workbenchAsync([
      'chain',
      'collect',
      '--source',
      'midgard',
      '--chains',
      'maya',
      '--midgard-url',
      url,
      '--from',
      '2025-01-01',
      '--to',
      '2025-01-02',
      '--out',
      out,
      '--cache',
      join(dir, 'cache'),
    ]);
    expect(r.code).not.toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('{"kept":true}\n');
  });
});
