import type { RewardConfig } from './config';

/** The config's word lists as sets, built once per config object (the lists are read per word). */
export interface Lexicon {
  keywords: Set<string>;
  ignoreVerbs: Set<string>;
  ignoreTargets: Set<string>;
  graderWords: Set<string>;
  scoreWords: Set<string>;
  awardVerbs: Set<string>;
  superlatives: Set<string>;
  cues: Set<string>;
  conditions: Set<string>;
  risks: Set<string>;
  subjects: Set<string>;
}

const cache = new WeakMap<RewardConfig, Lexicon>();

export function lexicon(cfg: RewardConfig): Lexicon {
  let l = cache.get(cfg);
  if (!l) {
    const { injection: j, insight: s, stuffing } = cfg.params;
    l = {
      keywords: new Set(stuffing.keywords),
      ignoreVerbs: new Set(j.ignoreVerbs),
      ignoreTargets: new Set(j.ignoreTargets),
      graderWords: new Set(j.graderWords),
      scoreWords: new Set(j.scoreWords),
      awardVerbs: new Set(j.awardVerbs),
      superlatives: new Set(j.superlatives),
      cues: new Set(s.cues),
      conditions: new Set(s.conditions),
      risks: new Set(s.risks),
      subjects: new Set(s.subjects),
    };
    cache.set(cfg, l);
  }
  return l;
}
