import type { RewardConfig } from './config';
import { metricNames, normLower } from './names';
import type { Token } from './text/lex';

/**
 * The config's word lists as one table: word → bit set of the lists it is in, built once per
 * config. Components read per-token bits (`wordBits`), so each word is looked up once per
 * completion, not once per list per component.
 */
export const W = {
  keyword: 1,
  cue: 2,
  condition: 4,
  risk: 8,
  subject: 16,
  ignoreVerb: 32,
  ignoreTarget: 64,
  grader: 128,
  score: 256,
  award: 512,
  superlative: 1024,
  metric: 2048,
  selfRef: 4096,
  selfNoun: 8192,
  selfClaim: 16384,
} as const;

const cache = new WeakMap<RewardConfig, Map<string, number>>();

export function lexicon(cfg: RewardConfig): Map<string, number> {
  let m = cache.get(cfg);
  if (!m) {
    const table = new Map<string, number>();
    const add = (words: readonly string[], bit: number): void => {
      for (const w of words) table.set(w, (table.get(w) ?? 0) | bit);
    };
    const { injection: j, insight: s, stuffing } = cfg.params;
    add(stuffing.keywords, W.keyword);
    add(s.cues, W.cue);
    add(s.conditions, W.condition);
    add(s.risks, W.risk);
    add(s.subjects, W.subject);
    add(j.ignoreVerbs, W.ignoreVerb);
    add(j.ignoreTargets, W.ignoreTarget);
    add(j.graderWords, W.grader);
    add(j.scoreWords, W.score);
    add(j.awardVerbs, W.award);
    add(j.superlatives, W.superlative);
    add(j.selfRefs, W.selfRef);
    add(j.selfNouns, W.selfNoun);
    add(j.selfClaims, W.selfClaim);
    add([...metricNames(cfg).keys()], W.metric);
    cache.set(cfg, (m = table));
  }
  return m;
}

/** The list bits of every token (0 for non-words); a word with underscores is looked up as a metric name without them. */
export function wordBits(tokens: readonly Token[], table: Map<string, number>): Uint16Array {
  const bits = new Uint16Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.k !== 'w') continue;
    let b = table.get(t.lo) ?? 0;
    if (t.lo.includes('_') && table.has(normLower(t.lo))) b |= W.metric;
    bits[i] = b;
  }
  return bits;
}
