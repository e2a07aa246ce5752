import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobRegistry, loadSpec, writeBundle, type JobRecord } from '../../src/grpo';
import { ROOT, workbenchAsync } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';
import { makeDataset, writeSpec } from './helpers';

const tmp = useTmpDir();
const leftovers = (dir: string) => readdirSync(dir).filter((f) => /\.(staging|old)-\d+$/.test(f));

describe('grpo bundle --out: nothing lost, nothing half-written', () => {
  it('refuses a non-empty folder that is not a bundle, a bundle with files it did not write, and a file; replaces a bundle whole', async () => {
    const dir = tmp();
    const d = await makeDataset(dir);
    const spec = loadSpec(writeSpec(dir, { dataset: { path: d.dataset, traces: null } }));
    // A folder holding someone's work: refused, untouched, no staging folder left beside it.
    const work = join(dir, 'work');
    mkdirSync(work);
    writeFileSync(join(work, 'notes.txt'), 'mine');
    expect(() => writeBundle(spec, work)).toThrow(
      /work is not empty and holds no earlier bundle \(1 entries: notes.txt\)/,
    );
    expect(readdirSync(work)).toEqual(['notes.txt']);
    expect(leftovers(dir)).toEqual([]);
    // `--out .` from the repository (not empty, not a bundle): refused; it used to crash and leave .staging.
    expect(() => writeBundle(spec, '.')).toThrow(/^\. is not empty and holds no earlier bundle/);
    expect(leftovers(ROOT)).toEqual([]);
    expect(leftovers(dirname(ROOT))).toEqual([]);
    // A file.
    writeFileSync(join(dir, 'file'), 'x');
    expect(() => writeBundle(spec, join(dir, 'file'))).toThrow(/is a file, not a folder/);
    // An earlier bundle, given by a relative path, is replaced whole: its old files go, nothing is left beside it.
    const out = join(dir, 'bundle');
    const first = writeBundle(spec, relative(process.cwd(), out));
    const spec2 = loadSpec(writeSpec(dir, { dataset: { path: d.dataset, traces: null }, training: { seed: 7 } }));
    const second = writeBundle(spec2, out);
    expect(second.id).not.toBe(first.id);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).id).toBe(second.id);
    expect(leftovers(dir)).toEqual([]);
    // A smoke run's outputs in it: refused, so the outputs are not deleted.
    mkdirSync(join(out, 'outputs'));
    writeFileSync(join(out, 'outputs', 'metrics.jsonl'), '{"step":1}\n');
    expect(() => writeBundle(spec, out)).toThrow(
      /holds an earlier bundle and 1 file\(s\) it did not write \(outputs\/metrics.jsonl\)/,
    );
    expect(readFileSync(join(out, 'outputs', 'metrics.jsonl'), 'utf8')).toBe('{"step":1}\n');
  }, 120_000);
});

describe('every grpo subcommand answers bad input with one error and a fix, a non-zero exit, and no stack trace', () => {
  it('missing and malformed files, unknown jobs, a busy port', async () => {
    const dir = tmp();
    const d = await makeDataset(dir);
    const yaml = join(dir, 'bad.yaml');
    writeFileSync(yaml, 'name: [unclosed\n');
    const jobs = join(dir, 'jobs');
    const now = new Date().toISOString();
    const done: JobRecord = {
      schema: 'workbench.grpo-job/1',
      id: 'x-ray',
      name: 'x',
      launcher: 'ray',
      smoke: true,
      bundle: { dir: join(dir, 'b'), id: 'abc', outputDir: 'outputs' },
      target: { address: 'http://127.0.0.1:9' },
      remote: {},
      state: 'succeeded',
      exitCode: 0,
      createdAt: now,
      updatedAt: now,
      history: [],
    };
    new JobRegistry(jobs).save(done);
    const broken = join(dir, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'half-written.json'), '{"schema": "workbench.grpo-');
    const metrics = join(dir, 'metrics.jsonl');
    writeFileSync(metrics, '{"step": 1, "reward": 0.5}\n{"step": 2, "rew\n');
    const busy: Server = await new Promise((r) => {
      const s = createServer().listen(0, '127.0.0.1', () => r(s));
    });
    const busyPort = (busy.address() as { port: number }).port;
    const cases: [string[], RegExp][] = [
      [
        ['grpo', 'bundle', '--spec', join(dir, 'missing.yaml'), '--out', join(dir, 'o')],
        /^error: no launch spec at .*missing\.yaml\nfix: pass --spec FILE/,
      ],
      [['grpo', 'preflight', '--spec', yaml], /^error: .*bad\.yaml is not valid YAML: .*\nfix: fix the syntax/s],
      [
        ['grpo', 'status', 'no-such-job', '--jobs-dir', jobs],
        /^error: no job no-such-job in .*\nfix: `workbench grpo jobs` lists the jobs/,
      ],
      [
        ['grpo', 'logs', '../../etc/passwd', '--jobs-dir', jobs],
        /^error: "\.\.\/\.\.\/etc\/passwd" is not a job id\nfix:/,
      ],
      [
        ['grpo', 'jobs', '--jobs-dir', broken],
        /^error: .*half-written\.json is not JSON\nfix: the job record is damaged/,
      ],
      [
        ['grpo', 'cancel', 'x-ray', '--jobs-dir', jobs],
        /^error: job x-ray already ended \(succeeded\): there is nothing to cancel\nfix:/,
      ],
      [
        ['grpo', 'report', 'x-ray', '--jobs-dir', jobs, '--metrics', metrics, '--out', join(dir, 'r')],
        /^error: .*metrics\.jsonl:2 is not JSON\nfix:/,
      ],
      [
        [
          'grpo',
          'evaluate',
          '--dataset',
          join(dir, 'nothing'),
          '--base-url',
          'http://127.0.0.1:9/v1',
          '--model',
          'm',
          '--out',
          join(dir, 'e'),
        ],
        /^error: no held-out eval prompts in .*eval\.jsonl\nfix:/,
      ],
      [
        [
          'grpo',
          'launch',
          '--spec',
          join(ROOT, 'examples', 'grpo', 'llama-3.3-70b-qlora.yaml'),
          '--launcher',
          'ssh',
          '--jobs-dir',
          jobs,
        ],
        /^error: --launcher ssh needs --host\nfix:/,
      ],
      [
        ['grpo', 'preflight', '--spec', join(ROOT, 'examples', 'grpo', 'llama-3.3-70b-qlora.yaml'), '--mfu', '30'],
        /^error: --mfu 30 is a fraction and cannot exceed 1\nfix:/,
      ],
      [
        [
          'grpo',
          'preflight',
          '--spec',
          writeSpec(dir, { dataset: { path: d.dataset, traces: join(dir, 'no-traces.jsonl') } }),
        ],
        /^error: dataset.traces .*no-traces\.jsonl does not exist: the reward variance within groups cannot be checked\nfix:/,
      ],
      [
        ['ray', 'serve', '--port', String(busyPort)],
        /^error: port \d+ is already in use\nfix: stop what listens there or give another --port/,
      ],
    ];
    try {
      const results = await Promise.all(cases.map(([args]) => workbenchAsync(args)));
      results.forEach((r, i) => {
        const [args, want] = cases[i] as [string[], RegExp];
        expect(r.code, args.join(' ')).toBe(1);
        expect(r.stderr, args.join(' ')).toMatch(want);
        expect(r.stderr, args.join(' ')).not.toMatch(/unexpected error|\n\s+at /);
      });
    } finally {
      busy.close();
    }
    // Nothing half-written by the failures above.
    for (const f of ['o', 'r', 'e']) expect(existsSync(join(dir, f)), f).toBe(false);
  }, 120_000);
});
