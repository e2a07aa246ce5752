import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();

function stub(dir: string, name: string, body: string) {
  const p = join(dir, name);
  writeFileSync(p, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
}

describe('scripts/bootstrap.sh', () => {
  it('without root, prints the exact apt-get command for what is missing and fails', () => {
    const bin = join(tmp(), 'bin');
    mkdirSync(bin);
    stub(bin, 'id', 'echo 1000'); // not root
    stub(bin, 'sudo', 'exit 1'); // no password-less sudo
    stub(bin, 'dpkg-query', 'case "$*" in *chromium*|*jupyter-client*) exit 1;; *) echo "install ok installed";; esac');
    const r = spawnSync('bash', ['scripts/bootstrap.sh', '--test'], {
      cwd: ROOT,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('missing Debian packages: jupyter-client chromium');
    expect(r.stderr).toContain(
      'sudo bash -c "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y jupyter-client chromium"',
    );
  });
});
