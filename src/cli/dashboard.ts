import type { Command } from 'commander';
import { openExternal, startDashboard } from '../arb';
import { MidgardClient } from '../midgard';
import { httpUrl, nonNegativeInt, nonNegativeNumber, positiveInt } from './args';
import { abortOnSignals, serveUntilSignal } from './lifecycle';

export function registerDashboard(program: Command): void {
  program
    .command('dashboard')
    .description(
      'live web page following a Midgard feed: newest actions, pool prices vs external, open opportunities, feed health (SSE)',
    )
    .requiredOption(
      '--base-url <url>',
      'Midgard base URL, e.g. from `workbench midgard serve --live-interval-ms 500`',
      httpUrl,
    )
    .option('--port <port>', 'port (0 = any free one)', nonNegativeInt, 8765)
    .option('--host <addr>', 'bind address; anything but 127.0.0.1/::1/localhost needs --token', '127.0.0.1')
    .option('--token <secret>', 'required on every request and stream (also read from WORKBENCH_DASHBOARD_TOKEN)')
    .option('--poll-ms <ms>', 'how often to poll the feed', positiveInt, 1000)
    .option(
      '--external <spec>',
      "external prices: FILE.csv or sim[:SEED] (the simulator's walk); without it no opportunities are priced",
    )
    .option('--min-profit-usd <x>', 'show opportunities earning at least this', nonNegativeNumber, 1)
    .option('--model <dir>', "also show a next-action model's live predictions and running accuracy")
    .action(
      async (o: {
        baseUrl: string;
        port: number;
        host: string;
        token?: string;
        pollMs: number;
        external?: string;
        minProfitUsd: number;
        model?: string;
      }) => {
        const token = o.token ?? process.env.WORKBENCH_DASHBOARD_TOKEN;
        const dash = await startDashboard({
          baseUrl: o.baseUrl,
          port: o.port,
          host: o.host,
          token,
          intervalMs: o.pollMs,
          external: o.external ? openExternal(o.external) : undefined,
          minProfitUsd: o.minProfitUsd,
          model: o.model !== undefined,
        });
        // The token is never printed: the user has it.
        process.stdout.write(
          `dashboard for ${o.baseUrl} at ${dash.url}${token ? ' (append ?token=… once; the page keeps it in a cookie)' : ''}\n`,
        );
        if (o.model) {
          // Loaded only when asked: the model stage brings TensorFlow.js.
          // require, not import(): under tsx a dynamic import() takes the ESM path, which does not resolve .ts files.
          const maya = require('../maya') as typeof import('../maya');
          const model = await maya.loadModel(o.model, {});
          void maya
            .predictLive({
              client: new MidgardClient(o.baseUrl, { rps: 5 }),
              predictor: maya.asNextActionPredictor(model),
              artifacts: model.artifacts,
              pollMs: o.pollMs,
              signal: abortOnSignals(),
              onPrediction: (e) =>
                dash.pushPrediction({
                  height: e.actual.height,
                  actual: e.actual.type,
                  predicted: e.predictedType,
                  correct: e.correctType,
                  scored: e.score.scored,
                  typeAccuracy: e.score.accuracy.type ?? 0,
                }),
            })
            .catch((e: unknown) =>
              process.stderr.write(`model predictions stopped: ${e instanceof Error ? e.message : String(e)}\n`),
            );
        }
        await serveUntilSignal(dash);
      },
    );
}
