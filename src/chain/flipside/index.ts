export { FlipsideClient, FlipsideQueryError, apiKeyFromEnv, FLIPSIDE_KEY_ENV } from './client';
export type { FlipsideClientOptions, FlipsideProgress, QueryResult, RunQueryOptions } from './client';
export { FlipsideRpcError } from './rpc';
export type { RpcRetry } from './rpc';
export { DEFAULT_FLIPSIDE_URL, QUERY_STATES, RPC_CODES } from './schema';
export type { QueryRun, QueryState } from './schema';
export { startFlipsideServer, FlipsideServerOptionsSchema, RESULT_COLUMNS } from './server';
export type { FlipsideServer, FlipsideServerOptions, RpcCall } from './server';
