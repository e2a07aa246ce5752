import type { Reply } from '../../serve';
import { priceOf, STAND_IN_MODEL } from './schema';
import { STAND_IN_HEADERS } from './state';

/** Prompt plus completion budget, in (rough) tokens. */
export const CONTEXT_LENGTH = 65_536;

/** `GET /v1/models`: the one stand-in model, in OpenRouter's listing shape. */
export function modelsReply(): Reply {
  const price = priceOf('default');
  return {
    headers: STAND_IN_HEADERS,
    json: {
      data: [
        {
          id: STAND_IN_MODEL,
          name: 'Offline analyst (workbench stand-in, not a model)',
          description:
            'Deterministic text written from the numbers in the prompt, for offline tests and demos. Not a language model.',
          created: 0,
          context_length: CONTEXT_LENGTH,
          pricing: { prompt: String(price.prompt / 1e6), completion: String(price.completion / 1e6) },
          supported_parameters: [
            'max_tokens',
            'temperature',
            'top_p',
            'seed',
            'reasoning',
            'include_reasoning',
            'stop',
          ],
        },
      ],
    },
  };
}

export function healthReply(): Reply {
  return {
    headers: STAND_IN_HEADERS,
    json: { ok: true, service: 'local LLM server (offline stand-in, not a model)', model: STAND_IN_MODEL },
  };
}
