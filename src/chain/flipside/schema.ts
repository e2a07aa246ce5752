import { z } from 'zod';

/**
 * Flipside's query API (api-v2, "Compass"): JSON-RPC 2.0 over `POST <base>/json-rpc` with an
 * `x-api-key` header. Shapes follow the official SDK (github.com/FlipsideCrypto/sdk, js/src/types/
 * compass and python/src/models/compass): `params` is a one-element array, errors are JSON-RPC
 * error objects with Flipside's codes. Unknown fields are kept (passthrough) and optional ones
 * tolerated, since the server adds fields over time.
 */
export const DEFAULT_FLIPSIDE_URL = 'https://api-v2.flipsidecrypto.xyz';

export const QUERY_STATES = [
  'QUERY_STATE_READY',
  'QUERY_STATE_RUNNING',
  'QUERY_STATE_STREAMING_RESULTS',
  'QUERY_STATE_SUCCESS',
  'QUERY_STATE_FAILED',
  'QUERY_STATE_CANCELED',
] as const;
export type QueryState = (typeof QUERY_STATES)[number];

/** Flipside's JSON-RPC error codes that the workbench acts on (the SDK's `errorCodes`). */
export const RPC_CODES = {
  methodValidation: -32000,
  queryRunNotFound: -32099,
  queryRunNotFinished: -32151,
  queryRunInvalidStateToCancel: -32165,
  requestedPageSizeTooLarge: -32170,
  maxConcurrentQueries: -32171,
  methodNotFound: -32601,
} as const;

export const RpcErrorSchema = z
  .object({ code: z.number().int(), message: z.string(), data: z.unknown().optional() })
  .passthrough();
export type RpcError = z.infer<typeof RpcErrorSchema>;

/** A JSON-RPC response with either `result` or `error` (the other null or absent). */
export function rpcResponseSchema<T extends z.ZodTypeAny>(result: T) {
  return z
    .object({
      jsonrpc: z.literal('2.0'),
      id: z.union([z.number(), z.string(), z.null()]),
      result: result.nullable().optional(),
      error: RpcErrorSchema.nullable().optional(),
    })
    .passthrough();
}
export const RpcEnvelopeSchema = rpcResponseSchema(z.unknown());

const nullableString = z.string().nullable().optional();
const nullableNumber = z.number().nullable().optional();

export const QueryRunSchema = z
  .object({
    id: z.string().min(1),
    sqlStatementId: z.string().optional(),
    state: z.enum(QUERY_STATES),
    path: nullableString,
    fileCount: nullableNumber,
    lastFileNumber: nullableNumber,
    fileNames: nullableString,
    errorName: nullableString,
    errorMessage: nullableString,
    errorData: z.unknown().optional(),
    dataSourceQueryId: nullableString,
    dataSourceSessionId: nullableString,
    startedAt: nullableString,
    queryRunningEndedAt: nullableString,
    queryStreamingEndedAt: nullableString,
    endedAt: nullableString,
    rowCount: nullableNumber,
    totalSize: nullableNumber,
    tags: z.record(z.unknown()).nullable().optional(),
    dataSourceId: z.string().optional(),
    userId: z.string().optional(),
    createdAt: z.string().optional(),
    updatedAt: z.string().optional(),
    archivedAt: nullableString,
  })
  .passthrough();
export type QueryRun = z.infer<typeof QueryRunSchema>;

export const CreateQueryRunResultSchema = z
  .object({
    queryRequest: z.record(z.unknown()).optional(),
    queryRun: QueryRunSchema,
    sqlStatement: z.record(z.unknown()).optional(),
  })
  .passthrough();
export type CreateQueryRunResult = z.infer<typeof CreateQueryRunResultSchema>;

export const GetQueryRunResultSchema = z
  .object({ queryRun: QueryRunSchema, redirectedToQueryRun: QueryRunSchema.nullable().optional() })
  .passthrough();
export type GetQueryRunResult = z.infer<typeof GetQueryRunResultSchema>;

export const PageStatsSchema = z
  .object({
    currentPageNumber: z.number().int().min(1),
    currentPageSize: z.number().int().min(0),
    totalRows: z.number().int().min(0),
    totalPages: z.number().int().min(0),
  })
  .passthrough();
export type PageStats = z.infer<typeof PageStatsSchema>;

/** With `format: "csv"` (what the SDKs request) rows are arrays in `columnNames` order. */
export const GetQueryRunResultsResultSchema = z
  .object({
    columnNames: z.array(z.string()).nullable(),
    columnTypes: z.array(z.string()).nullable().optional(),
    rows: z.array(z.union([z.array(z.unknown()), z.record(z.unknown())])).nullable(),
    page: PageStatsSchema.nullable(),
    sql: nullableString,
    format: z.string().nullable().optional(),
    originalQueryRun: QueryRunSchema.nullable().optional(),
    redirectedToQueryRun: QueryRunSchema.nullable().optional(),
  })
  .passthrough();
export type GetQueryRunResultsResult = z.infer<typeof GetQueryRunResultsResultSchema>;

/** The JS SDK reads `canceledQueryRun`, the Python SDK `queryRun`: accept either. */
export const CancelQueryRunResultSchema = z
  .object({ canceledQueryRun: QueryRunSchema.optional(), queryRun: QueryRunSchema.optional() })
  .passthrough()
  .refine((r) => r.canceledQueryRun !== undefined || r.queryRun !== undefined, 'expected canceledQueryRun');
export type CancelQueryRunResult = z.infer<typeof CancelQueryRunResultSchema>;

/** A 402 body, as the public API sends it: {errorType: "BILLING_ERROR", name, msg}. */
export const HttpErrorBodySchema = z
  .object({
    errorType: z.string().optional(),
    name: z.string().optional(),
    msg: z.string().optional(),
    message: z.string().optional(),
  })
  .passthrough();

// Requests: what the client sends and the local server validates.
export const CreateQueryRunParamsSchema = z
  .object({
    resultTTLHours: z.number().int().min(0),
    maxAgeMinutes: z.number().int().min(0),
    sql: z.string().min(1),
    tags: z.record(z.string()),
    dataSource: z.string().min(1),
    dataProvider: z.string().min(1),
  })
  .strict();
export type CreateQueryRunParams = z.infer<typeof CreateQueryRunParamsSchema>;

export const QueryRunIdParamsSchema = z.object({ queryRunId: z.string().min(1) }).strict();

export const GetQueryRunResultsParamsSchema = z
  .object({
    queryRunId: z.string().min(1),
    format: z.enum(['csv', 'json']),
    page: z.object({ number: z.number().int().min(1), size: z.number().int().min(1) }).strict(),
    filters: z.array(z.unknown()).nullable().optional(),
    sortBy: z.array(z.unknown()).nullable().optional(),
  })
  .strict();
export type GetQueryRunResultsParams = z.infer<typeof GetQueryRunResultsParamsSchema>;

export const RpcRequestSchema = z
  .object({
    jsonrpc: z.literal('2.0'),
    method: z.string().min(1),
    params: z.array(z.unknown()),
    id: z.union([z.number(), z.string()]),
  })
  .strict();
export type RpcRequest = z.infer<typeof RpcRequestSchema>;
