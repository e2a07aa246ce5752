import type { Command } from 'commander';
import { parseFaults } from '../serve';
import { startLlmServer, STAND_IN_MODEL } from '../traces';
import { nonNegativeInt, oneOf } from './args';
import { serveUntilSignal } from './lifecycle';

export function registerLlm(program: Command): void {
  const llm = program
    .command('llm')
    .description('The local OpenAI-compatible server (an offline stand-in, not a model)');
  llm
    .command('serve')
    .description(
      'serve /v1/chat/completions (JSON and SSE, reasoning, usage with cost) from a deterministic offline analyst, with faults',
    )
    .option('--port <port>', 'port (0 = any free one)', nonNegativeInt, 8091)
    .option('--seed <n>', 'quality-mix seed', nonNegativeInt, 1)
    .option(
      '--quality <q>',
      'mixed, good, weak, wrong, unformatted or truncated',
      oneOf('mixed', 'good', 'weak', 'wrong', 'unformatted', 'truncated'),
      'mixed',
    )
    .option('--latency-ms <ms>', 'server time per request before the first byte', nonNegativeInt, 0)
    .option(
      '--max-concurrent <n>',
      'requests in flight at once; more are answered 429 with Retry-After (0 = no limit)',
      nonNegativeInt,
      0,
    )
    .option('--faults <spec>', 'fault injection, e.g. "429=0.05,5xx=0.05,slow=0.02,seed=7"')
    .action(
      async (o: {
        port: number;
        seed: number;
        quality: 'mixed';
        latencyMs: number;
        maxConcurrent: number;
        faults?: string;
      }) => {
        const server = await startLlmServer(
          { port: o.port, seed: o.seed, quality: o.quality, latencyMs: o.latencyMs, maxConcurrent: o.maxConcurrent },
          parseFaults(o.faults),
        );
        process.stdout.write(
          `local OpenAI-compatible server (OFFLINE STAND-IN "${STAND_IN_MODEL}", not a model) at ${server.url}/v1\n`,
        );
        await serveUntilSignal(server);
      },
    );
}
