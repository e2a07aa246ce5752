#!/usr/bin/env node
// A stand-in `sky` for the SkyPilot launcher's tests: it checks every argument the way the
// real CLI takes them, records each call (argv and cwd) in $SKY_STANDIN_DIR/calls.jsonl, and
// runs a launched task's `run` command as a local process in a copy of its workdir, so status,
// logs and cancel behave like a managed job. It is not SkyPilot.

const fs = require('fs');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const state = process.env.SKY_STANDIN_DIR;
if (!state) fail('SKY_STANDIN_DIR is not set');
fs.mkdirSync(state, { recursive: true });
const args = process.argv.slice(2);
fs.appendFileSync(path.join(state, 'calls.jsonl'), JSON.stringify({ args, cwd: process.cwd() }) + '\n');

function fail(msg) {
  process.stderr.write(`sky (stand-in): ${msg}\n`);
  process.exit(2);
}
const jobsFile = path.join(state, 'jobs.json');
const load = () => (fs.existsSync(jobsFile) ? JSON.parse(fs.readFileSync(jobsFile, 'utf8')) : []);
const save = (jobs) => fs.writeFileSync(jobsFile, JSON.stringify(jobs, null, 2));
function statusOf(j) {
  const dir = path.join(state, `job-${j.id}`);
  if (fs.existsSync(path.join(dir, 'cancelled'))) return 'CANCELLED';
  if (fs.existsSync(path.join(dir, 'exit')))
    return fs.readFileSync(path.join(dir, 'exit'), 'utf8').trim() === '0' ? 'SUCCEEDED' : 'FAILED';
  return 'RUNNING';
}

if (args[0] !== 'jobs') fail(`only "sky jobs …" is supported, got ${JSON.stringify(args)}`);
const sub = args[1];
if (sub === 'launch') {
  const rest = args.slice(2);
  let name = null;
  const envs = {};
  const secrets = [];
  let yaml = null;
  let yes = false;
  let detach = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '-n' || a === '--name') name = rest[++i];
    else if (a === '--yes' || a === '-y') yes = true;
    else if (a === '--detach-run' || a === '-d') detach = true;
    else if (a === '--env') {
      const kv = rest[++i] || '';
      if (!/^[A-Z_][A-Z0-9_]*=/.test(kv)) fail(`--env needs KEY=VALUE, got ${kv}`);
      envs[kv.split('=')[0]] = kv.slice(kv.indexOf('=') + 1);
    } else if (a === '--secret') {
      const n = rest[++i] || '';
      if (n.includes('=')) fail('--secret given a value on the command line: pass the name only');
      if (!(n in process.env)) fail(`--secret ${n}: not set in the environment`);
      secrets.push(n);
    } else if (a.startsWith('-')) fail(`unknown option ${a}`);
    else if (yaml === null) yaml = a;
    else fail(`unexpected argument ${a}`);
  }
  if (!name || !/^[a-z0-9][a-z0-9-]*$/.test(name)) fail(`-n NAME missing or invalid: ${name}`);
  if (!yes || !detach) fail('the launcher must pass --yes and --detach-run (no prompts, no attached logs)');
  if (!yaml || !fs.existsSync(yaml)) fail(`task YAML ${yaml} not found in ${process.cwd()}`);
  let task;
  try {
    task = require('yaml').parse(fs.readFileSync(yaml, 'utf8'));
  } catch (e) {
    fail(`task YAML does not parse: ${e.message}`);
  }
  for (const key of ['name', 'num_nodes', 'resources', 'workdir', 'setup', 'run'])
    if (task[key] === undefined) fail(`task YAML has no ${key}`);
  // SkyPilot validates the task against its JSON schema: unknown keys are errors (facts read from its source).
  const facts = JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'conformance', 'skypilot.json'), 'utf8'),
  );
  for (const k of Object.keys(task))
    if (!facts.taskKeys.includes(k))
      fail(`Invalid task YAML: Additional properties are not allowed ('${k}' was unexpected)`);
  for (const k of Object.keys(task.resources))
    if (!facts.resourcesKeys.includes(k))
      fail(`Invalid resources YAML: Additional properties are not allowed ('${k}' was unexpected)`);
  if (!Number.isInteger(task.num_nodes) || task.num_nodes < 1)
    fail(`num_nodes must be a positive integer, got ${task.num_nodes}`);
  if (!/^[A-Za-z0-9-]+:\d+$/.test(String(task.resources.accelerators)))
    fail(`resources.accelerators must be NAME:COUNT, got ${task.resources.accelerators}`);
  for (const [k, v] of Object.entries(task.secrets || {}))
    if (v !== null) fail(`secret ${k} has a value in the task file`);
  const jobs = load();
  const id = jobs.length + 1;
  const dir = path.join(state, `job-${id}`);
  fs.mkdirSync(dir, { recursive: true });
  // Like SkyPilot: the run command runs on every node (each its own copy of the workdir, its rank,
  // every node's IP one per line); the job ends when all have exited, failed if any failed.
  const nodes = task.num_nodes;
  for (let r = 0; r < nodes; r++) spawnSync('cp', ['-r', '.', path.join(dir, r === 0 ? 'workdir' : `workdir-${r}`)]);
  const env = {
    ...process.env,
    ...envs,
    SKYPILOT_NODE_IPS: Array(nodes).fill('127.0.0.1').join('\n'),
    STANDIN_RUN: String(task.run).trim(),
    STANDIN_NODES: String(nodes),
  };
  const script =
    'code=0; pids=(); for r in $(seq 0 $((STANDIN_NODES - 1))); do d=workdir; [ "$r" = 0 ] || d=workdir-$r; (cd "$d" && SKYPILOT_NODE_RANK=$r bash -c "$STANDIN_RUN") >> log 2>&1 & pids+=($!); done; for p in "${pids[@]}"; do wait "$p" || code=$?; done; echo $code > exit';
  const child = spawn('bash', ['-c', script], { cwd: dir, env, detached: true, stdio: 'ignore' });
  fs.writeFileSync(path.join(dir, 'pid'), String(child.pid));
  child.unref();
  jobs.push({ id, name, secrets, envs: Object.keys(envs) });
  save(jobs);
  process.stdout.write(`Launching managed job '${name}'…\n⚙︎ Job submitted, ID: ${id}\n`);
} else if (sub === 'queue') {
  const jobs = load();
  const lines = [
    'Fetching managed job statuses...',
    'Managed jobs',
    'ID  TASK  NAME  REQUESTED  SUBMITTED  TOT. DURATION  JOB DURATION  #RECOVERIES  STATUS',
  ];
  for (const j of jobs) lines.push(`${j.id}   -     ${j.name}  1x[H100:1]  1 min ago  1m  1m  0  ${statusOf(j)}`);
  process.stdout.write(lines.join('\n') + '\n');
} else if (sub === 'logs') {
  const rest = args.slice(2).filter((a) => a !== '--no-follow');
  if (!args.includes('--no-follow')) fail('the launcher reads logs with --no-follow');
  const id = Number(rest[0]);
  const j = load().find((x) => x.id === id);
  if (!j) fail(`no managed job ${rest[0]}`);
  const log = path.join(state, `job-${id}`, 'log');
  process.stdout.write(fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '');
} else if (sub === 'cancel') {
  if (!args.includes('--yes') && !args.includes('-y')) fail('cancel needs --yes');
  const id = Number(args.slice(2).find((a) => !a.startsWith('-')));
  const dir = path.join(state, `job-${id}`);
  if (!fs.existsSync(dir)) fail(`no managed job ${id}`);
  fs.writeFileSync(path.join(dir, 'cancelled'), '');
  try {
    process.kill(-Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8')), 'SIGTERM');
  } catch {
    /* already gone */
  }
  process.stdout.write(`Cancelling managed job ${id}\n`);
} else fail(`unknown command jobs ${sub}`);
