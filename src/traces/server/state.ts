import type { Reply } from '../../serve';
import { errorBody } from './render';
import { STAND_IN_HEADER, type LlmServerConfig, type Quality, type ReasoningFormat } from './schema';

export interface LlmCall {
  path: string;
  status: number;
  model: string | null;
  stream: boolean;
  quality: Quality | null;
  format: ReasoningFormat | null;
  finishReason: string | null;
  fault: 'midstream' | 'truncate' | 'concurrency' | 'auth' | 'payment' | 'invalid' | null;
  promptTokens: number;
  reasoningTokens: number;
  answerTokens: number;
  /** The request body as received (the key is in a header, never here). */
  body: Record<string, unknown> | null;
}

/** Headers on every answer: the stand-in never passes for a model. */
export const STAND_IN_HEADERS = { [STAND_IN_HEADER]: 'offline-analyst' } as const;

/** What the stand-in's routes share: its options, the call log and the in-flight count. */
export class LlmServerState {
  readonly calls: LlmCall[] = [];
  inFlight = 0;
  peak = 0;
  private counter = 0;

  constructor(readonly config: LlmServerConfig) {}

  nextId(): number {
    return ++this.counter;
  }

  enter(): void {
    this.inFlight++;
    this.peak = Math.max(this.peak, this.inFlight);
  }

  leave(): void {
    this.inFlight--;
  }

  log(c: Partial<LlmCall> & Pick<LlmCall, 'path' | 'status'>): void {
    this.calls.push({
      model: null,
      stream: false,
      quality: null,
      format: null,
      finishReason: null,
      fault: null,
      promptTokens: 0,
      reasoningTokens: 0,
      answerTokens: 0,
      body: null,
      ...c,
    });
  }

  /** An OpenRouter-shaped error reply, logged. */
  fail(
    path: string,
    status: number,
    message: string,
    fault: LlmCall['fault'],
    extra: Partial<Reply> = {},
    body: Record<string, unknown> | null = null,
  ): Reply {
    this.log({ path, status, fault, body });
    return { status, headers: { ...STAND_IN_HEADERS, ...(extra.headers ?? {}) }, json: errorBody(status, message) };
  }
}
