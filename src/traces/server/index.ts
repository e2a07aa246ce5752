import { startServer, type FaultSpec, type RunningServer } from '../../serve';
import { chatHandler } from './chat';
import { healthReply, modelsReply } from './models';
import { errorBody } from './render';
import { LlmServerOptionsSchema, type LlmServerConfig, type LlmServerOptions } from './schema';
import { type LlmCall, LlmServerState } from './state';

/**
 * `workbench llm serve`: a local OpenAI-compatible server, an OFFLINE STAND-IN, NOT A MODEL.
 * `POST /v1/chat/completions` (and `/api/v1/…` for OpenRouter-style base URLs) answers in
 * JSON or SSE exactly as OpenRouter does, from the deterministic offline analyst; `GET
 * /v1/models` lists the one stand-in model. Every response is labelled (model id
 * `workbench/offline-analyst`, `provider`, header `x-workbench-stand-in: offline-analyst`).
 *
 * Faults: the serve framework's FaultSpec gives 429 with Retry-After, 5xx and latency before
 * the handler (those requests never reach `calls`); the handler adds `midstream` (an error
 * chunk with finish_reason "error" after a third of the stream; in JSON a 200 body with
 * `error`) and `truncate` (finish_reason "length", empty answer). Options add an in-flight
 * latency, a concurrency limit (429 above it) and 401/402. Tests may pick a request's quality
 * and reasoning format with the headers `x-workbench-quality` / `x-workbench-reasoning-format`.
 */
export type { LlmCall } from './state';
export { CONTEXT_LENGTH } from './models';

export interface LlmServer extends RunningServer {
  config: LlmServerConfig;
  /** Every chat-completion request the handler answered, in arrival order. */
  calls: LlmCall[];
  /** Requests in flight now, and the most seen at once. */
  inFlight(): { now: number; peak: number };
}

export async function startLlmServer(options: LlmServerOptions = {}, faults?: FaultSpec): Promise<LlmServer> {
  const state = new LlmServerState(LlmServerOptionsSchema.parse(options));
  const server = await startServer({
    port: state.config.port,
    host: state.config.host,
    faults,
    routes: [
      { method: 'POST', path: /^(?:\/api)?\/v1\/chat\/completions$/, handler: chatHandler(state, faults) },
      { method: 'GET', path: /^(?:\/api)?\/v1\/models$/, handler: modelsReply },
      { method: 'GET', path: '/health', handler: healthReply },
    ],
    errorBody: (status, message) => errorBody(status, message),
    faultFree: (path) => path === '/health' || path.endsWith('/models'),
  });
  return {
    ...server,
    config: state.config,
    calls: state.calls,
    inFlight: () => ({ now: state.inFlight, peak: state.peak }),
  };
}

export { analyse, baseForecast, pickQuality } from './analyst';
export type { Analysis, Forecast, Interval, Direction } from './analyst';
export { readPrompt, signals } from './prompt';
export type { PromptFacts, Signals } from './prompt';
export {
  LlmServerOptionsSchema,
  PRICES,
  QUALITIES,
  REASONING_FORMATS,
  STAND_IN_HEADER,
  STAND_IN_MODEL,
  STAND_IN_PROVIDER,
} from './schema';
export type { LlmServerOptions, LlmServerConfig, Quality, ReasoningFormat } from './schema';
