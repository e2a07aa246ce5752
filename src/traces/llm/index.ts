export {
  createLlmClient,
  apiKeyFromEnv,
  LlmClientOptionsSchema,
  OPENROUTER_BASE_URL,
  DEFAULT_API_KEY_ENV,
} from './client';
export type { LlmClient, LlmClientOptions } from './client';
export { chatComplete, buildBody } from './complete';
export type { ChatCompleteOptions, LengthRetry } from './complete';
export { LlmError, isLlmError, isRetryableStatus, retryAfterMsOf, toLlmError } from './errors';
export type { LlmErrorKind } from './errors';
export { splitThink, detailsText } from './think';
export type { ThinkSplit } from './think';
export {
  ChatRequestSchema,
  CompletionSchema,
  CompletionUsageSchema,
  MessageSchema,
  ProviderRoutingSchema,
  ReasoningOptionSchema,
  R1_SAMPLING,
} from './schema';
export type {
  ChatRequest,
  ChatRequestInput,
  Completion,
  CompletionUsage,
  Message,
  ProviderRouting,
  ReasoningOption,
} from './schema';
