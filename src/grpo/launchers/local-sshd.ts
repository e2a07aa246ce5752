import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * A real OpenSSH server on localhost, for dry runs of the SSH launcher (notebook 07) and its
 * tests: a throwaway host key and client key, a free non-default port, key login only, for the
 * current user, nothing else. Needs Debian's openssh-server (bootstrap installs it for `npm test`).
 */
export interface Sshd {
  port: number;
  user: string;
  identity: string;
  knownHosts: string;
  stop(): void;
  start(): Promise<void>;
}

export const SSHD = '/usr/sbin/sshd';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitForPort(port: number, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const r = spawnSync('bash', ['-c', `exec 3<>/dev/tcp/127.0.0.1/${port}`]);
    if (r.status === 0) return;
    if (Date.now() > until) throw new Error(`sshd did not listen on ${port}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

/** Whether a local sshd can be started here (the binary exists). */
export const canStartSshd = (): boolean => existsSync(SSHD);

export async function startSshd(dir: string): Promise<Sshd> {
  if (!existsSync(SSHD))
    throw new Error(`${SSHD} is missing: install Debian's openssh-server (scripts/bootstrap.sh --test does)`);
  mkdirSync(dir, { recursive: true });
  for (const k of ['host_key', 'client_key'])
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, k)]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')), { mode: 0o600 });
  const port = await freePort();
  const user = userInfo().username;
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'PermitRootLogin prohibit-password',
      'StrictModes no',
      'UsePAM no',
      'LogLevel ERROR',
    ].join('\n') + '\n',
  );
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true });
  let child: ReturnType<typeof spawn> | null = null;
  const sshd: Sshd = {
    port,
    user,
    identity: join(dir, 'client_key'),
    knownHosts: join(dir, 'known_hosts'),
    start: async () => {
      child = spawn(SSHD, ['-D', '-f', join(dir, 'sshd_config'), '-E', join(dir, 'sshd.log')], { stdio: 'ignore' });
      await waitForPort(port);
    },
    stop: () => {
      child?.kill('SIGTERM');
      child = null;
    },
  };
  await sshd.start();
  return sshd;
}
