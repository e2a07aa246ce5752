import { PAD, PAD_TOKEN, UNKNOWN, UNKNOWN_TOKEN } from './fields';

/** Token ↔ id. Ids 0 and 1 are PAD and UNKNOWN; a null token (missing field) encodes as PAD. */
export class Vocabulary {
  private readonly index = new Map<string, number>();

  constructor(readonly tokens: readonly string[]) {
    if (tokens[PAD] !== PAD_TOKEN || tokens[UNKNOWN] !== UNKNOWN_TOKEN)
      throw new Error(`a vocabulary must start with ${PAD_TOKEN}, ${UNKNOWN_TOKEN}`);
    tokens.forEach((t, i) => {
      if (i > UNKNOWN) this.index.set(t, i);
    });
    if (this.index.size !== tokens.length - 2) throw new Error('a vocabulary holds each token once');
  }

  get size(): number {
    return this.tokens.length;
  }

  id(token: string | null): number {
    return token === null ? PAD : (this.index.get(token) ?? UNKNOWN);
  }

  token(id: number): string {
    const t = this.tokens[id];
    if (t === undefined) throw new RangeError(`id ${id} is outside a vocabulary of ${this.size}`);
    return t;
  }
}

/**
 * Vocabulary from token counts (the train block's): most frequent first, ties by token, so the
 * ids are deterministic. Tokens seen fewer than minCount times stay UNKNOWN.
 */
export function fitVocabulary(counts: ReadonlyMap<string, number>, minCount = 1): Vocabulary {
  const kept = [...counts].filter(([t, c]) => c >= minCount && t !== PAD_TOKEN && t !== UNKNOWN_TOKEN);
  kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new Vocabulary([PAD_TOKEN, UNKNOWN_TOKEN, ...kept.map(([t]) => t)]);
}
