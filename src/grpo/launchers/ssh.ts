import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../../core/errors';
import { withRetries } from '../../core/retry';
import { verifyBundle } from '../bundle/build';
import type { JobRecord, JobRegistry } from '../jobs/registry';
import { followLog, isTerminal, smokeEnv, type Launcher, type LogsOptions, type StatusReport } from './types';

/**
 * SSH to any GPU box (a rented pod, bare metal) with the system's OpenSSH client: upload the
 * bundle (only files whose sha256 differs from the manifest's, so an interrupted upload resumes),
 * start run.sh detached (setsid + nohup, once: a marker folder is created atomically), poll its
 * state, stream its log from a byte offset, cancel its process group, fetch its outputs.
 * Every command is retried when the connection itself fails (ssh exits 255). Secrets named by
 * the bundle are sent on the session's stdin and exported into the run's environment: never
 * in a file, a command line or the job record.
 */
export interface SshTarget {
  host: string;
  port: number;
  user: string;
  identityFile: string | null;
  /** Folder on the remote host for jobs (relative to the login's home unless absolute). */
  remoteRoot: string;
  knownHostsFile: string | null;
}

const SAFE = /^[A-Za-z0-9_./~-]+$/;

interface Run {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export class SshLauncher implements Launcher {
  readonly kind = 'ssh' as const;
  constructor(
    private readonly target: SshTarget,
    private readonly registry: JobRegistry,
    private readonly opts: {
      retries?: number;
      retryDelayMs?: number;
      env?: NodeJS.ProcessEnv;
      onRetry?: (attempt: number, reason: string) => void;
    } = {},
  ) {
    if (!SAFE.test(target.remoteRoot))
      throw new WorkbenchError(
        `remote folder ${JSON.stringify(target.remoteRoot)} has characters the launcher will not quote`,
        'use letters, digits, _ . / ~ -',
      );
    if (!/^[A-Za-z0-9_.-]+$/.test(target.user) || !/^[A-Za-z0-9_.:-]+$/.test(target.host))
      throw new WorkbenchError(`invalid ssh user or host: ${target.user}@${target.host}`);
  }

  static targetOf(job: JobRecord): SshTarget {
    const t = job.target;
    return {
      host: String(t.host),
      port: Number(t.port),
      user: String(t.user),
      identityFile: t.identityFile === null ? null : String(t.identityFile),
      remoteRoot: String(t.remoteRoot),
      knownHostsFile: t.knownHostsFile === null ? null : String(t.knownHostsFile),
    };
  }

  private sshArgs(): string[] {
    const t = this.target;
    const o = [
      '-p',
      String(t.port),
      '-o',
      'BatchMode=yes',
      '-o',
      'ConnectTimeout=10',
      '-o',
      'ServerAliveInterval=5',
      '-o',
      'ServerAliveCountMax=3',
      '-o',
      'LogLevel=ERROR',
      '-o',
      'StrictHostKeyChecking=accept-new',
    ];
    if (t.knownHostsFile) o.push('-o', `UserKnownHostsFile=${t.knownHostsFile}`);
    if (t.identityFile) o.push('-i', t.identityFile, '-o', 'IdentitiesOnly=yes');
    return [...o, `${t.user}@${t.host}`];
  }

  private dir(job: JobRecord): string {
    return `${this.target.remoteRoot}/${job.id}`;
  }

  /** One ssh command; `pipeFrom` feeds its stdin from another process (tar). */
  private once(
    command: string,
    input?: string,
    pipeFrom?: { cmd: string; args: string[] },
    pipeTo?: { cmd: string; args: string[] },
  ): Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = spawn('ssh', [...this.sshArgs(), command], { stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      let err = '';
      // The local end of a pipe may finish before ssh does: its close is awaited from the start.
      let sinkClosed: Promise<void> = Promise.resolve();
      if (pipeTo) {
        const sink = spawn(pipeTo.cmd, pipeTo.args, { stdio: ['pipe', 'ignore', 'pipe'] });
        sinkClosed = new Promise((res) => sink.on('close', () => res()));
        sink.stdin?.on('error', () => undefined);
        child.stdout.pipe(sink.stdin as NodeJS.WritableStream);
        sink.stderr?.on('data', (b: Buffer) => (err += b.toString()));
      } else child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => (err += b.toString()));
      child.on('error', reject);
      // ssh that loses its connection exits (255) before reading its stdin: EPIPE there is not an
      // error of its own, the exit code says what happened (and the command is retried).
      child.stdin.on('error', () => undefined);
      if (pipeFrom) {
        const src = spawn(pipeFrom.cmd, pipeFrom.args, { stdio: ['ignore', 'pipe', 'pipe'] });
        src.stdout.pipe(child.stdin);
        src.stderr.on('data', (b: Buffer) => (err += b.toString()));
        src.on('error', reject);
      } else child.stdin.end(input ?? '');
      child.on(
        'close',
        (code) => void sinkClosed.then(() => resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr: err })),
      );
    });
  }

  /** A command, retried with jittered backoff while the connection fails (exit 255). */
  private async exec(
    command: string,
    input?: string,
    pipes: { from?: { cmd: string; args: string[] }; to?: { cmd: string; args: string[] } } = {},
  ): Promise<Run> {
    const retries = this.opts.retries ?? 6;
    const lastLine = (r: Run) => r.stderr.trim().split('\n').pop() ?? '';
    let attempts = 0;
    try {
      return await withRetries(
        async () => {
          attempts++;
          const r = await this.once(command, input, pipes.from, pipes.to);
          if (r.code === 255) throw new SshConnectionFailed(lastLine(r));
          return r;
        },
        {
          retries,
          baseDelayMs: this.opts.retryDelayMs ?? 500,
          maxDelayMs: 10_000,
          decide: (e) => (e instanceof SshConnectionFailed ? { retry: true, reason: e.message } : { retry: false }),
          onRetry: (info) => this.opts.onRetry?.(info.attempt, info.reason),
        },
      );
    } catch (e) {
      if (!(e instanceof SshConnectionFailed)) throw e;
      throw new WorkbenchError(
        `ssh ${this.target.user}@${this.target.host}:${this.target.port} failed ${attempts} times: ${e.message}`,
        'check the host, port, user and key (--identity), and that the box is up',
      );
    }
  }

  private async remoteHashes(job: JobRecord, paths: readonly string[]): Promise<Map<string, string>> {
    const r = await this.exec(`cd ${this.dir(job)} 2>/dev/null && sha256sum -- ${paths.join(' ')} 2>/dev/null; true`);
    const m = new Map<string, string>();
    for (const line of r.stdout.toString().split('\n')) {
      const x = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.trim());
      if (x) m.set(x[2] as string, x[1] as string);
    }
    return m;
  }

  async submit(job: JobRecord, say: (line: string) => void): Promise<JobRecord> {
    const manifest = verifyBundle(job.bundle.dir);
    const paths = manifest.files.map((f) => f.path).concat('manifest.json');
    let current = job;
    const have = await this.remoteHashes(job, paths);
    const todo = manifest.files.filter((f) => have.get(f.path) !== f.sha256).map((f) => f.path);
    if (todo.length || !have.has('manifest.json')) {
      say(
        `uploading ${todo.length} of ${manifest.files.length} files to ${this.target.user}@${this.target.host}:${this.dir(job)}`,
      );
      const r = await this.exec(`mkdir -p ${this.dir(job)} && tar -C ${this.dir(job)} -xf -`, undefined, {
        from: { cmd: 'tar', args: ['-C', job.bundle.dir, '-cf', '-', ...todo, 'manifest.json'] },
      });
      if (r.code !== 0) throw new WorkbenchError(`upload to ${this.dir(job)} failed: ${r.stderr.trim()}`);
    } else say('bundle already on the host (every sha256 matches)');
    const after = await this.remoteHashes(job, paths);
    const bad = manifest.files.filter((f) => after.get(f.path) !== f.sha256);
    if (bad.length)
      throw new WorkbenchError(
        `${bad.length} file(s) differ on the host after upload: ${bad
          .slice(0, 3)
          .map((f) => f.path)
          .join(', ')}`,
        'run the launch again (it resumes)',
      );
    current = this.registry.transition(current, 'submitted', `bundle ${manifest.id} on ${this.target.host}`, {
      remote: { dir: this.dir(job) },
    });
    // Secrets on stdin, one NAME=value per line; the smoke run needs none.
    const env = this.opts.env ?? process.env;
    const secrets = job.smoke
      ? ''
      : manifest.secrets
          .filter((n) => env[n])
          .map((n) => `${n}=${env[n]}\n`)
          .join('');
    const smoke = job.smoke
      ? Object.entries(smokeEnv(env))
          .map(([k, v]) => `export ${k}=${v}; `)
          .join('')
      : '';
    const start = [
      `cd ${this.dir(job)}`,
      'if mkdir .workbench-started 2>/dev/null; then',
      `  while IFS= read -r kv; do [ -n "$kv" ] && export "$kv"; done; ${smoke}`,
      "  nohup setsid bash -c 'bash run.sh > train.log 2>&1; echo $? > .workbench-exit' > /dev/null 2>&1 < /dev/null & echo $! > .workbench-pid; echo started",
      'else echo already-started; fi',
    ].join('\n');
    const r = await this.exec(start, secrets);
    if (r.code !== 0) throw new WorkbenchError(`starting run.sh on ${this.target.host} failed: ${r.stderr.trim()}`);
    const started = r.stdout.toString().trim();
    say(
      started === 'started'
        ? `started run.sh${job.smoke ? ' (smoke mode)' : ''} on ${this.target.host}`
        : 'run.sh was already started: not starting it again',
    );
    return this.registry.transition(
      current,
      'running',
      started === 'started' ? 'run.sh started detached' : 'found running',
    );
  }

  async status(job: JobRecord): Promise<StatusReport> {
    const d = this.dir(job);
    const r = await this.exec(
      `cd ${d} 2>/dev/null || { echo missing; exit 0; }; c=no; [ -f .workbench-cancelled ] && c=yes; if [ -f .workbench-exit ]; then echo "exit $(cat .workbench-exit) $c"; elif [ -f .workbench-pid ] && kill -0 "$(cat .workbench-pid)" 2>/dev/null; then echo "running $c"; elif [ -d .workbench-started ]; then echo "lost $c"; else echo "not-started $c"; fi`,
    );
    const [word, a, b] = r.stdout.toString().trim().split(/\s+/);
    if (word === 'exit') {
      const code = Number(a);
      if (b === 'yes') return { state: 'cancelled', exitCode: code, detail: `cancelled (exit ${code})` };
      return { state: code === 0 ? 'succeeded' : 'failed', exitCode: code, detail: `run.sh exited ${code}` };
    }
    if (word === 'running') return { state: 'running', exitCode: null, detail: 'run.sh is running' };
    if (word === 'lost')
      return {
        state: a === 'yes' ? 'cancelled' : 'lost',
        exitCode: null,
        detail: 'started, but neither running nor finished (the host rebooted?)',
      };
    return {
      state: 'submitted',
      exitCode: null,
      detail: word === 'missing' ? `no ${d} on the host yet` : 'uploaded, not started',
    };
  }

  logs(job: JobRecord, o: LogsOptions): Promise<number> {
    const read = async (offset: number) =>
      (await this.exec(`tail -c +${offset + 1} ${this.dir(job)}/train.log 2>/dev/null; true`)).stdout;
    return followLog(read, async () => isTerminal((await this.status(job)).state), o);
  }

  async cancel(job: JobRecord): Promise<void> {
    const r = await this.exec(
      `cd ${this.dir(job)} && touch .workbench-cancelled && { [ -f .workbench-exit ] || kill -TERM -- "-$(cat .workbench-pid)"; }`,
    );
    if (r.code !== 0)
      throw new WorkbenchError(`cancel on ${this.target.host} failed: ${r.stderr.trim() || `exit ${r.code}`}`);
  }

  async fetch(job: JobRecord, dest: string): Promise<string[]> {
    mkdirSync(dest, { recursive: true });
    const out = job.bundle.outputDir;
    const r = await this.exec(`cd ${this.dir(job)} && [ -d ${out} ] && tar -C ${out} -cf - . || true`, undefined, {
      to: { cmd: 'tar', args: ['-C', dest, '-xf', '-'] },
    });
    if (r.code !== 0) throw new WorkbenchError(`fetching ${out} from ${this.target.host} failed: ${r.stderr.trim()}`);
    return existsSync(join(dest, 'metrics.jsonl')) ? ['metrics.jsonl'] : [];
  }
}

/** ssh exited 255: the connection failed (the remote command never ran), so it is safe to retry. */
class SshConnectionFailed extends Error {}
