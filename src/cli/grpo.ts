import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { WorkbenchError } from '../core';
import { writeReport } from '../report';
import {
  evaluateServed,
  evaluationReport,
  formatPreflight,
  JobRegistry,
  launch,
  launcherFor,
  loadSpec,
  metricsReport,
  outputsDir,
  preflight,
  RayLauncher,
  readMetrics,
  refreshStatus,
  SkyPilotLauncher,
  SshLauncher,
  startRayServer,
  writeBundle,
  type JobRecord,
  type Launcher,
} from '../grpo';
import { apiKeyFromEnv, createLlmClient, DEFAULT_API_KEY_ENV } from '../traces';
import { httpUrl, oneOf, positiveInt, positiveNumber, nonNegativeInt } from './args';
import { printJson } from './output';
import { abortOnSignals, serveUntilSignal } from './lifecycle';

/** `workbench grpo …`: one function per subcommand below; the launchers, registry and bundle live in src/grpo. */
const DEFAULT_JOBS = 'data/jobs';
const say = (line: string) => process.stderr.write(`${line}\n`);

interface LaunchFlags {
  spec: string;
  bundle?: string;
  launcher: 'ssh' | 'skypilot' | 'ray';
  host?: string;
  port: number;
  user: string;
  identity?: string;
  knownHosts?: string;
  remoteRoot: string;
  rayAddress?: string;
  smoke?: boolean;
  attempt: number;
  jobsDir: string;
  json?: boolean;
}

function makeLauncher(o: LaunchFlags, registry: JobRegistry): { launcher: Launcher; target: JobRecord['target'] } {
  if (o.launcher === 'ssh') {
    if (!o.host)
      throw new WorkbenchError(
        '--launcher ssh needs --host',
        'give the GPU box: --host H [--port 22] [--user U] [--identity KEY]',
      );
    if (o.identity && !existsSync(o.identity))
      throw new WorkbenchError(
        `--identity ${o.identity}: no such file`,
        'give the path of the private key that logs in to the box',
      );
    // known_hosts may not exist yet (ssh writes it on the first connection), but its folder must.
    if (o.knownHosts && !existsSync(dirname(resolve(o.knownHosts))))
      throw new WorkbenchError(
        `--known-hosts ${o.knownHosts}: no folder ${dirname(resolve(o.knownHosts))}`,
        'give a known_hosts path in an existing folder',
      );
    const target = {
      host: o.host,
      port: o.port,
      user: o.user,
      identityFile: o.identity ? resolve(o.identity) : null,
      remoteRoot: o.remoteRoot,
      knownHostsFile: o.knownHosts ? resolve(o.knownHosts) : null,
    };
    return { launcher: new SshLauncher(target, registry), target };
  }
  if (o.launcher === 'ray') {
    if (!o.rayAddress)
      throw new WorkbenchError(
        '--launcher ray needs --ray-address',
        'the job server of the head node, e.g. http://HEAD:8265 (`workbench ray serve` for the offline stand-in)',
      );
    return { launcher: new RayLauncher(o.rayAddress, registry), target: { address: o.rayAddress } };
  }
  return { launcher: new SkyPilotLauncher(registry, { say }), target: { cli: 'sky' } };
}

function withJob(id: string, jobsDir: string): { registry: JobRegistry; job: JobRecord; launcher: Launcher } {
  const registry = new JobRegistry(jobsDir);
  const job = registry.get(id);
  return { registry, job, launcher: launcherFor(job, registry, { say }) };
}

export function registerGrpo(program: Command): void {
  const grpo = program
    .command('grpo')
    .description(
      'Remote SFT/GRPO of Llama 3.3 70B on rented GPUs: spec, preflight, bundle, launch (SSH, SkyPilot, Ray), track',
    );
  registerPreflight(grpo);
  registerBundle(grpo);
  registerLaunch(grpo);
  registerJobs(grpo);
  registerStatus(grpo);
  registerLogs(grpo);
  registerCancel(grpo);
  registerReport(grpo);
  registerEvaluate(grpo);
  registerRayServe(program);
}

const jobsOpt = (c: Command): Command => c.option('--jobs-dir <dir>', 'job registry', DEFAULT_JOBS);

function registerPreflight(grpo: Command): void {
  grpo
    .command('preflight')
    .description(
      'memory per GPU with a fits / marginal / does-not-fit verdict, prompt lengths against max_prompt_length, time and cost, dataset checks',
    )
    .requiredOption('--spec <file>', 'launch spec (YAML or JSON)')
    .option('--gen-tokens-per-second <n>', 'rollout throughput per GPU', positiveNumber)
    .option('--mfu <x>', 'training model-FLOPs utilisation', positiveNumber)
    .option('--completion-fill <x>', 'mean completion length / max_completion_length', positiveNumber)
    .option('--price-per-gpu-hour <usd>', 'price per GPU hour', positiveNumber)
    .option('--prompts <n>', "training prompts (default: the dataset's)", positiveInt)
    .option('--json', 'print JSON')
    .action(
      (o: {
        spec: string;
        genTokensPerSecond?: number;
        mfu?: number;
        completionFill?: number;
        pricePerGpuHour?: number;
        prompts?: number;
        json?: boolean;
      }) => {
        for (const [flag, v] of [
          ['--mfu', o.mfu],
          ['--completion-fill', o.completionFill],
        ] as const)
          if (v !== undefined && v > 1)
            throw new WorkbenchError(
              `${flag} ${v} is a fraction and cannot exceed 1`,
              `give ${flag} between 0 and 1, e.g. 0.3`,
            );
        const p = preflight(loadSpec(o.spec, { checkFit: false }), {
          genTokensPerSecond: o.genTokensPerSecond,
          mfu: o.mfu,
          completionFill: o.completionFill,
          usdPerGpuHour: o.pricePerGpuHour,
          prompts: o.prompts,
        });
        if (o.json) printJson(p);
        else process.stdout.write(`${formatPreflight(p)}\n`);
        if (p.refusals.length) process.exitCode = 1;
      },
    );
}

function registerBundle(grpo: Command): void {
  grpo
    .command('bundle')
    .description(
      'everything the GPU box needs: dataset, reward module, train.py (TRL, Unsloth), accelerate/DeepSpeed configs, pinned requirements and install.sh, SkyPilot task, run.sh, manifest',
    )
    .requiredOption('--spec <file>', 'launch spec')
    .requiredOption('--out <dir>', 'bundle folder: new, empty, or an earlier bundle (replaced whole)')
    .action((o: { spec: string; out: string }) => {
      const m = writeBundle(loadSpec(o.spec), o.out);
      process.stdout.write(
        `bundle ${m.id} → ${o.out}: ${m.files.length} files, ${m.dataset.grpoTrain} train / ${m.dataset.grpoEval} eval prompts (${m.dataset.droppedLongPrompts} over max_prompt_length left out); secrets by name: ${m.secrets.join(', ')}\n`,
      );
    });
}

function registerLaunch(grpo: Command): void {
  jobsOpt(
    grpo
      .command('launch')
      .description(
        'submit a bundle through a launcher and record the job (again: resumes the same job, never runs it twice)',
      )
      .requiredOption('--spec <file>', 'launch spec')
      .option('--bundle <dir>', 'bundle folder (default: written to data/bundles/NAME)')
      .requiredOption('--launcher <name>', 'ssh | skypilot | ray', oneOf('ssh', 'skypilot', 'ray'))
      .option('--host <host>', 'ssh: the GPU box')
      .option('--port <n>', 'ssh: port', positiveInt, 22)
      .option('--user <name>', 'ssh: login', process.env.USER ?? 'root')
      .option('--identity <file>', 'ssh: private key file')
      .option('--known-hosts <file>', 'ssh: known_hosts file to use')
      .option('--remote-root <dir>', 'ssh: folder for jobs on the box', 'workbench-jobs')
      .option('--ray-address <url>', 'ray: the job server, http://HEAD:8265', httpUrl)
      .option('--smoke', "run the bundle's smoke mode (no GPU: the reward module over the dataset)")
      .option('--attempt <n>', 'a new attempt of a job that already ran', positiveInt, 1)
      .option('--json', 'print the job record'),
  ).action(async (o: LaunchFlags) => {
    const spec = loadSpec(o.spec);
    const registry = new JobRegistry(o.jobsDir);
    const { launcher, target } = makeLauncher(o, registry);
    launcher.accepts?.(spec, Boolean(o.smoke));
    const bundleDir = resolve(o.bundle ?? join('data', 'bundles', spec.name));
    if (!o.bundle || !existsSync(join(bundleDir, 'manifest.json'))) {
      const m = writeBundle(spec, bundleDir);
      say(`bundle ${m.id} written to ${bundleDir}`);
    }
    const job = await launch(spec, {
      bundleDir,
      launcher,
      registry,
      target,
      smoke: Boolean(o.smoke),
      attempt: o.attempt,
      say,
    });
    if (o.json) printJson(job);
    else process.stdout.write(`${job.id} ${job.state}\n`);
  });
}

function registerJobs(grpo: Command): void {
  jobsOpt(
    grpo.command('jobs').description('the recorded jobs and their last known state').option('--json', 'print JSON'),
  ).action((o: { jobsDir: string; json?: boolean }) => {
    const jobs = new JobRegistry(o.jobsDir).list();
    if (o.json) printJson(jobs);
    else
      for (const j of jobs)
        process.stdout.write(
          `${j.id}  ${j.launcher}  ${j.state}${j.exitCode === null ? '' : ` (exit ${j.exitCode})`}  ${j.updatedAt}\n`,
        );
  });
}

function registerStatus(grpo: Command): void {
  jobsOpt(
    grpo
      .command('status')
      .description("ask the launcher for a job's state (and record it)")
      .argument('<job>', 'job id')
      .option('--json', 'print the job record'),
  ).action(async (id: string, o: { jobsDir: string; json?: boolean }) => {
    const { registry, job, launcher } = withJob(id, o.jobsDir);
    const { job: now, detail } = await refreshStatus(job, launcher, registry);
    if (o.json) printJson(now);
    else
      process.stdout.write(
        `${now.id} ${now.state}${now.exitCode === null ? '' : ` (exit ${now.exitCode})`}: ${detail}\n`,
      );
  });
}

function registerLogs(grpo: Command): void {
  jobsOpt(
    grpo
      .command('logs')
      .description("print a job's log; --follow until it ends (a lost connection is resumed, nothing repeated)")
      .argument('<job>', 'job id')
      .option('--follow', 'keep reading until the job ends')
      .option('--poll-ms <ms>', 'poll interval', positiveInt, 1000),
  ).action(async (id: string, o: { jobsDir: string; follow?: boolean; pollMs: number }) => {
    const { registry, job, launcher } = withJob(id, o.jobsDir);
    await launcher.logs(job, {
      offset: 0,
      follow: Boolean(o.follow),
      pollMs: o.pollMs,
      onText: (t) => process.stdout.write(t),
      signal: abortOnSignals(),
    });
    if (o.follow) await refreshStatus(job, launcher, registry);
  });
}

function registerCancel(grpo: Command): void {
  jobsOpt(grpo.command('cancel').description('stop a job').argument('<job>', 'job id')).action(
    async (id: string, o: { jobsDir: string }) => {
      const { registry, job, launcher } = withJob(id, o.jobsDir);
      if (job.state === 'cancelled') {
        process.stdout.write(`${id} was already cancelled\n`);
        return;
      }
      if (job.state === 'succeeded' || job.state === 'failed')
        throw new WorkbenchError(
          `job ${id} already ended (${job.state}): there is nothing to cancel`,
          '`workbench grpo status JOB` shows its state; `workbench grpo jobs` lists the others',
        );
      await launcher.cancel(job);
      registry.transition(job, 'cancelled', 'cancelled from the workbench');
      process.stdout.write(`${id} cancelled\n`);
    },
  );
}

function registerReport(grpo: Command): void {
  jobsOpt(
    grpo
      .command('report')
      .description("fetch a job's metrics (reward components, KL, completion length per step) into an HTML report")
      .argument('<job>', 'job id')
      .option('--out <dir>', 'report folder (default reports/grpo/JOB)')
      .option('--metrics <file>', 'a metrics.jsonl to report instead of fetching'),
  ).action(async (id: string, o: { jobsDir: string; out?: string; metrics?: string }) => {
    const startedAt = new Date();
    const { registry, job, launcher } = withJob(id, o.jobsDir);
    let metrics = o.metrics;
    if (!metrics) {
      const dest = outputsDir(registry, job);
      await launcher.fetch(job, dest);
      metrics = join(dest, 'metrics.jsonl');
    }
    const rows = readMetrics(metrics);
    if (!rows.length)
      throw new WorkbenchError(
        `no metrics rows in ${metrics}`,
        'the run has logged nothing yet: try again after its first logging step',
      );
    const rep = metricsReport(
      rows,
      `GRPO run ${job.name}`,
      `job ${job.id} via ${job.launcher}${job.smoke ? ' (smoke)' : ''}, state ${job.state}`,
    );
    const out = o.out ?? join('reports', 'grpo', job.id);
    await writeReport(
      out,
      { title: rep.title, subtitle: rep.subtitle, blocks: rep.blocks },
      {
        kind: 'cli',
        provenance: {
          inputs: [metrics, join(job.bundle.dir, 'manifest.json')],
          params: { job: job.id, launcher: job.launcher, bundle: job.bundle.id },
          tfjsBackend: null,
          startedAt,
        },
      },
    );
    process.stdout.write(`${out}/index.html\n`);
  });
}

function registerEvaluate(grpo: Command): void {
  grpo
    .command('evaluate')
    .description(
      'a served model (vLLM or any OpenAI-compatible endpoint) on the held-out eval prompts, scored by the rewards, beside the teacher',
    )
    .requiredOption('--dataset <dir>', 'dataset folder (grpo/eval.jsonl with outcomes joined)')
    .requiredOption('--base-url <url>', 'OpenAI-compatible endpoint, e.g. http://GPU-BOX:8000/v1', httpUrl)
    .requiredOption('--model <id>', 'served model id')
    .option('--teacher <file>', "the teacher's trace records, to compare on the same prompts")
    .option('--api-key-env <name>', 'environment variable with the key (vLLM: any value)', DEFAULT_API_KEY_ENV)
    .option('--limit <n>', 'at most this many prompts', positiveInt)
    .option('--concurrency <n>', 'requests in flight', positiveInt, 4)
    .option('--max-tokens <n>', 'completion budget', nonNegativeInt, 8192)
    .option('--out <dir>', 'report folder', 'reports/grpo-evaluation')
    .action(
      async (o: {
        dataset: string;
        baseUrl: string;
        model: string;
        teacher?: string;
        apiKeyEnv: string;
        limit?: number;
        concurrency: number;
        maxTokens: number;
        out: string;
      }) => {
        const startedAt = new Date();
        const client = createLlmClient({
          baseUrl: o.baseUrl,
          apiKey: process.env[o.apiKeyEnv] ? apiKeyFromEnv(o.apiKeyEnv) : 'none',
        });
        const rows = await evaluateServed({
          dataset: o.dataset,
          client,
          model: o.model,
          teacherTraces: o.teacher ?? null,
          limit: o.limit,
          concurrency: o.concurrency,
          maxTokens: o.maxTokens,
        });
        const failed = rows.filter((r) => r.error).length;
        if (failed === rows.length)
          throw new WorkbenchError(
            `every one of the ${rows.length} requests to ${o.baseUrl} failed (${rows[0]?.error ?? ''})`,
            'check --base-url and --model (`curl BASE/models` lists the served ids)',
          );
        const rep = evaluationReport(rows, o.model, o.baseUrl);
        await writeReport(
          o.out,
          { title: rep.title, subtitle: rep.subtitle, blocks: rep.blocks },
          {
            kind: 'cli',
            provenance: {
              inputs: [join(o.dataset, 'grpo', 'eval.jsonl'), ...(o.teacher ? [o.teacher] : [])],
              params: { model: o.model, endpoint: o.baseUrl, limit: o.limit ?? null },
              tfjsBackend: null,
              startedAt,
            },
          },
        );
        process.stdout.write(`${rows.length} eval prompts, ${failed} failed → ${o.out}/index.html\n`);
      },
    );
}

function registerRayServe(program: Command): void {
  program
    .command('ray')
    .description('The local Ray Jobs stand-in (offline, no Ray)')
    .command('serve')
    .description('serve the Ray Jobs REST API locally; jobs run as local processes')
    .option('--port <n>', 'port', nonNegativeInt, 8265)
    .action(async (o: { port: number }) => {
      const server = await startRayServer({ port: o.port });
      process.stdout.write(
        `local Ray Jobs API (OFFLINE STAND-IN, no Ray; jobs run as local processes) at ${server.url}\n`,
      );
      await serveUntilSignal(server);
    });
}
