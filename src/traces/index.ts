/** Stage 4: reasoning traces (LLM client, local stand-in server, prompts, generator) and the SFT/GRPO dataset builder. */
export * from './llm';
export { analyse, startLlmServer, STAND_IN_MODEL, type LlmServer, type LlmServerOptions } from './server';
export { SENTIMENT_TASK_MARKER } from './server/sentiment-answer';
export * from './prompts';
export * from './record';
export * from './generate';
export * from './dataset';
