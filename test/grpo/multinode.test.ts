import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/core';
import { loadSpec } from '../../src/grpo';
import { runScript } from '../../src/grpo/bundle/files';
import { ROOT } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';

/**
 * Fault 5: with 2 nodes and a vLLM server, node 0 used to `exec trl vllm-serve` forever, so the
 * SkyPilot job (which ends when every node's run command has exited) kept 16 GPUs billing after
 * training on node 1 had finished. Here both nodes' run.sh run as local processes, with stand-in
 * `trl` (answers /health/ until told otherwise) and `accelerate` (sleeps, exits with a given code)
 * first on PATH; the real workbench_node.py coordinates them.
 */
const tmp = useTmpDir();

const FAKE_TRL = `#!/usr/bin/env python3
import http.server, os, sys, threading, time
assert sys.argv[1] == "vllm-serve", sys.argv
port = int(sys.argv[sys.argv.index("--port") + 1])
open(os.environ["FAKE_DIR"] + "/vllm.pid", "w").write(str(os.getpid()))
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/health/" else 404); self.end_headers()
    def log_message(self, *a): pass
srv = http.server.ThreadingHTTPServer(("127.0.0.1", port), H)
threading.Thread(target=srv.serve_forever, daemon=True).start()
die = float(os.environ.get("FAKE_VLLM_DIE_AFTER", "0"))
while True:
    time.sleep(0.05)
    if die and time.time() - os.path.getmtime(os.environ["FAKE_DIR"] + "/vllm.pid") > die: sys.exit(3)
`;
const FAKE_ACCELERATE = `#!/usr/bin/env python3
import os, sys, time
assert sys.argv[1] == "launch", sys.argv
open(os.environ["FAKE_DIR"] + "/accelerate.args", "w").write(" ".join(sys.argv[1:]))
time.sleep(float(os.environ.get("FAKE_TRAIN_SECONDS", "0.5")))
sys.exit(int(os.environ.get("FAKE_TRAIN_EXIT", "0")))
`;

/** Free ports, distinct: all are held open until each is known (a port closed early can come back). */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<Server>((resolve) => {
          const s = createServer().listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return ports;
}

async function twoNodes(env: Record<string, string>): Promise<{
  node0: { code: number; stderr: string };
  node1: { code: number; stderr: string };
  seconds: number;
  dir: string;
}> {
  const dir = tmp();
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  for (const [name, text] of [
    ['trl', FAKE_TRL],
    ['accelerate', FAKE_ACCELERATE],
  ] as const) {
    writeFileSync(join(bin, name), text);
    chmodSync(join(bin, name), 0o755);
  }
  const bundle = join(dir, 'bundle');
  mkdirSync(bundle);
  writeFileSync(
    join(bundle, 'run.sh'),
    runScript(loadSpec(join(ROOT, 'examples', 'grpo', 'llama-3.3-70b-lora-zero3.yaml'), { checkFit: false })),
  );
  copyFileSync(
    join(ROOT, 'src', 'grpo', 'bundle', 'templates', 'workbench_node.py'),
    join(bundle, 'workbench_node.py'),
  );
  const [vllmPort, donePort] = await freePorts(2);
  const base = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    FAKE_DIR: dir,
    HF_TOKEN: 'hf_test',
    NODE_IPS: '127.0.0.1 127.0.0.1',
    WORKBENCH_VLLM_PORT: String(vllmPort),
    WORKBENCH_DONE_PORT: String(donePort),
    // A server node that never comes up is reported after this, not after the production 30 minutes.
    WORKBENCH_VLLM_WAIT_SECONDS: '20',
    WORKBENCH_NODE_POLL_SECONDS: '0.1',
    WORKBENCH_NODE_MISSES: '3',
    ...env,
  };
  const t0 = Date.now();
  // 60 s is a hang guard only: each case ends in about a second when the coordination works.
  const [node0, node1] = await Promise.all(
    [0, 1].map((rank) =>
      runCommand('bash', ['run.sh'], { cwd: bundle, env: { ...base, NODE_RANK: String(rank) }, timeout: 60_000 }),
    ),
  );
  return {
    node0: node0 as { code: number; stderr: string },
    node1: node1 as { code: number; stderr: string },
    seconds: (Date.now() - t0) / 1000,
    dir,
  };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('a 2-node run with a vLLM server node ends when training ends (fault 5)', () => {
  it('training succeeds: node 1 tells node 0, which stops the server and exits 0', async () => {
    const r = await twoNodes({});
    expect(r.node1.code, r.node1.stderr).toBe(0);
    expect(r.node0.code, r.node0.stderr).toBe(0);
    expect(r.node0.stderr).toMatch(/training reported exit code 0: stopping the vLLM server/);
    expect(alive(Number(readFileSync(join(r.dir, 'vllm.pid'), 'utf8')))).toBe(false);
    // Node 1 trains as machine 0 of 1 with the 8 training GPUs, its own IP as the main process.
    expect(readFileSync(join(r.dir, 'accelerate.args'), 'utf8')).toMatch(
      /--num_machines 1 --num_processes 8 --machine_rank 0 --main_process_ip 127\.0\.0\.1/,
    );
    expect(r.seconds).toBeLessThan(30);
  }, 90_000);

  it('training fails: both nodes exit with its code', async () => {
    const r = await twoNodes({ FAKE_TRAIN_EXIT: '7' });
    expect(r.node1.code).toBe(7);
    expect(r.node0.code).toBe(7);
  }, 90_000);

  it('the server dies: node 0 exits at once and training is stopped instead of waiting forever', async () => {
    const r = await twoNodes({ FAKE_VLLM_DIE_AFTER: '1', FAKE_TRAIN_SECONDS: '600' });
    expect(r.node0.code).toBe(1);
    expect(r.node0.stderr).toMatch(/the vLLM server exited \(3\) before training finished/);
    expect(r.node1.code).toBe(1);
    expect(r.node1.stderr).toMatch(/the vLLM server stopped answering \(3 checks\): stopping training/);
    expect(r.seconds).toBeLessThan(30);
  }, 90_000);
});
