/**
 * The crypto lexicon laid over AFINN-165 (weights on AFINN's −5…+5 scale). Written from the
 * slang of crypto forums before any labelled row was read, and not tuned on the evaluation rows
 * (see evaluate.ts for the fixed development/evaluation split). Where AFINN already has a word
 * with a general-English weight that means something else in markets, the crypto weight wins
 * (e.g. "bull", "dip", "green").
 */
export const CRYPTO_LEXICON: Readonly<Record<string, number>> = {
  // up
  moon: 3, mooning: 3, moonshot: 2, bullish: 3, bull: 2, bulls: 2, pump: 1, pumping: 2, pumped: 1, rally: 2, rallying: 2,
  breakout: 2, ath: 3, hodl: 2, hodling: 2, hodler: 1, hodlers: 1, lambo: 2, wagmi: 3, gm: 1, green: 1, undervalued: 2,
  accumulate: 1, accumulating: 1, adoption: 2, buy: 1, buying: 1, bought: 1, long: 1, recover: 2, recovery: 2, recovered: 2,
  rebound: 2, bounce: 1, uptrend: 2, gains: 2, gain: 1, profit: 2, profits: 2, profitable: 2, dca: 1, stablecoin: 0,
  diamond: 2, legit: 2, solid: 2, innovation: 2, utility: 1, decentralized: 1, decentralised: 1, staking: 1, yield: 1,
  // down
  dump: -3, dumping: -3, dumped: -3, bearish: -3, bear: -2, bears: -1, rekt: -4, rug: -4, rugged: -4, rugpull: -5,
  fud: -2, ngmi: -3, crash: -3, crashed: -3, crashing: -3, capitulation: -3, bagholder: -2, bagholders: -2, bags: -1,
  scam: -4, scams: -4, scammer: -4, scammers: -4, ponzi: -4, grift: -3, shitcoin: -3, shitcoins: -3, worthless: -3,
  overvalued: -2, bubble: -2, liquidated: -3, liquidation: -2, depeg: -3, depegged: -3, collapse: -3, collapsed: -3,
  insolvent: -4, bankrupt: -3, bankruptcy: -3, hack: -3, hacked: -3, exploit: -2, exploited: -3, red: -1, downtrend: -2,
  selloff: -2, sell: -1, selling: -1, sold: -1, short: -1, losses: -2, lost: -2, lose: -2, zero: -1, dead: -3, died: -3,
  manipulation: -2, manipulated: -2, gamble: -2, gambling: -2, gambled: -2, regret: -2, wiped: -3, drained: -3, dip: -1,
  // multi-word expressions, rewritten to one token before scoring (see PHRASES)
  tothemoon: 4, alltimehigh: 3, buythedip: 2, bullmarket: 2, bullrun: 3, greencandles: 2, goingtozero: -4,
  redcandles: -2, bearmarket: -2, deathspiral: -4, exitscam: -5, pumpanddump: -4, notfinancialadvice: 0, paperhands: -1,
  diamondhands: 2,
};

/** Phrases matched case-insensitively on the raw text and replaced by their lexicon token. */
export const PHRASES: readonly (readonly [RegExp, string])[] = [
  [/\bto the moon\b/gi, 'tothemoon'],
  [/\ball[- ]time[- ]highs?\b/gi, 'alltimehigh'],
  [/\bbuy(?:ing)? the dips?\b/gi, 'buythedip'],
  [/\bbull(?:ish)? (?:market|cycle)\b/gi, 'bullmarket'],
  [/\bbull ?runs?\b/gi, 'bullrun'],
  [/\bgreen candles?\b/gi, 'greencandles'],
  [/\bred candles?\b/gi, 'redcandles'],
  [/\bbear(?:ish)? (?:market|cycle)\b/gi, 'bearmarket'],
  [/\b(?:go(?:ing|es)?|went|headed|heading) to (?:zero|0)\b/gi, 'goingtozero'],
  [/\bdeath spiral\b/gi, 'deathspiral'],
  [/\bexit scam\b/gi, 'exitscam'],
  [/\bpump (?:and|&|n) dump\b/gi, 'pumpanddump'],
  [/\bnot financial advice\b|\bnfa\b/gi, 'notfinancialadvice'],
  [/\bpaper ?hands?\b/gi, 'paperhands'],
  [/\bdiamond ?hands?\b/gi, 'diamondhands'],
];

/** Tokens that flip the sign of a scored word up to NEGATION_WINDOW tokens after them. */
export const NEGATORS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'none', 'nobody', 'nothing', 'neither', 'nor', 'without', 'hardly',
  "don't", 'dont', "doesn't", 'doesnt', "didn't", 'didnt', "isn't", 'isnt', "aren't", 'arent', "wasn't", 'wasnt',
  "weren't", 'werent', "won't", 'wont', "wouldn't", 'wouldnt', "can't", 'cant', 'cannot', "couldn't", 'couldnt',
  "shouldn't", 'shouldnt', "ain't", 'aint', "haven't", 'havent', "hasn't", 'hasnt',
]);
export const NEGATION_WINDOW = 3;

/** Multipliers for the word right after an intensifier or a downtoner. */
export const INTENSIFIERS: Readonly<Record<string, number>> = {
  very: 1.5, really: 1.5, so: 1.3, extremely: 2, super: 1.5, totally: 1.5, absolutely: 1.5, incredibly: 1.75,
  hugely: 1.75, massively: 1.75, insanely: 1.75, highly: 1.5, most: 1.3, too: 1.3, fucking: 1.5,
  slightly: 0.5, somewhat: 0.6, kinda: 0.6, kind: 0.6, little: 0.6, barely: 0.4, marginally: 0.5, bit: 0.6,
};

/** Words that end a negation's scope (a clause boundary the tokenizer keeps). */
export const SCOPE_BREAKERS: ReadonlySet<string> = new Set(['but', 'however', 'although', 'though', 'yet']);
