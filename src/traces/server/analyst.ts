import { createRng, type Rng } from '../../core';
import { directionOf, FLAT_BAND } from '../../contract';
import { readPrompt, signals, type PromptFacts, type Signals } from './prompt';
import type { Quality } from './schema';

/**
 * The offline analyst behind the local server: an OFFLINE STAND-IN, NOT A MODEL. It reads the
 * numbers in the prompt and writes R1-like reasoning (several steps, second thoughts) and an
 * answer that ends with a ```json block:
 * {"direction_tx", "tx_growth_7d": {point, low, high}, "direction_users", "user_growth_7d"}.
 * Quality is chosen per request (by the caller, from a hash) so reward calibration has spread:
 * `good` (a damped continuation of the recent growth, intervals from volatility), `weak`
 * (vague, shrunk to zero, very wide), `wrong` (misreads the sign), `unformatted` (no JSON
 * block), `truncated` (rambles for thousands of tokens, so a small budget cuts it).
 */
export interface Interval {
  point: number;
  low: number;
  high: number;
}
export type Direction = 'up' | 'down' | 'flat';
export interface Forecast {
  direction_tx: Direction;
  tx_growth_7d: Interval;
  /** null when the prompt says the chain reports no users. */
  direction_users: Direction | null;
  user_growth_7d: Interval | null;
}

export interface Analysis {
  reasoning: string;
  answer: string;
  forecast: Forecast;
  quality: Quality;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
const direction = (p: number): Direction => directionOf(p);
// A count cannot fall by 100% or more: the low end stops at -95%.
const interval = (point: number, width: number): Interval => ({
  point: r3(point),
  low: r3(Math.max(-0.95, point - width)),
  high: r3(point + width),
});
const choose = (rng: Rng, options: readonly string[]) => options[rng.int(options.length)] as string;

/** The `good` forecast: damped momentum, a little cross-talk, widths from volatility. */
export function baseForecast(s: Signals): { tx: number; users: number; width: number } {
  const tx = clamp(s.txGrowth?.value ?? 0, -0.9, 2);
  const users = clamp(s.userGrowth?.value ?? tx * 0.8, -0.9, 2);
  const vol = clamp(s.volatility?.value ?? 0.1, 0, 1.5);
  return {
    tx: clamp(0.45 * tx + 0.1 * users, -0.6, 0.6),
    users: clamp(0.4 * users + 0.1 * tx, -0.6, 0.6),
    width: clamp(1.3 * vol + 0.02, 0.03, 0.5),
  };
}

function forecastFor(quality: Quality, s: Signals, usersAvailable: boolean): Forecast {
  const b = baseForecast(s);
  let [tx, users, width] = [b.tx, b.users, b.width];
  if (quality === 'weak') [tx, users, width] = [Math.round(tx * 40) / 100, Math.round(users * 40) / 100, width * 2.5];
  if (quality === 'wrong')
    [tx, users, width] = [-tx - 0.04 * Math.sign(tx || 1), -users - 0.04 * Math.sign(users || 1), width * 0.6];
  const u = usersAvailable
    ? { direction_users: direction(users), user_growth_7d: interval(users, width) }
    : { direction_users: null, user_growth_7d: null };
  return { direction_tx: direction(tx), tx_growth_7d: interval(tx, width), ...u };
}

function describe(label: string, m: { name: string; value: number } | null, rng: Rng, misread: boolean): string {
  if (!m) return `I don't see a ${label} figure, so I'll treat it as unknown and lean on the other numbers.`;
  const v = misread ? -m.value : m.value;
  const trend = v > FLAT_BAND ? 'grew' : v < -FLAT_BAND ? 'fell' : 'barely moved';
  const by = trend === 'barely moved' ? `(${pct(v)})` : `by about ${(Math.abs(v) * 100).toFixed(1)}%`;
  return `${choose(rng, ['Looking at', 'Next,', 'Now'])} ${m.name} = ${m.value}: ${label} ${trend} ${by} over the last week.`;
}

function goodSteps(f: PromptFacts, s: Signals, fc: Forecast, rng: Rng, misread: boolean): string[] {
  const where = `${f.chain ?? 'this chain'}${f.date ? ` on ${f.date}` : ''}`;
  const steps = [
    `${choose(rng, ['Okay, let me look at', 'Alright, I need to work through', "Let's see. I'm given"])} the daily metrics for ${where}. I have to forecast the next 7 days of transaction and active-user growth, with a range.`,
    describe('transaction count', s.txGrowth, rng, misread),
    describe('active users', s.userGrowth, rng, misread),
  ];
  if (s.transactions)
    steps.push(
      `For scale: ${s.transactions.name} is ${s.transactions.value.toLocaleString('en-US')} per day${s.users ? `, with ${s.users.value.toLocaleString('en-US')} ${s.users.name}` : ''}.`,
    );
  if (s.volatility)
    steps.push(
      `Volatility (${s.volatility.name}) is ${s.volatility.value}. ${s.volatility.value > 0.3 ? 'That is high, so the range has to be wide.' : 'That is moderate, so the range can stay fairly tight.'}`,
    );
  else steps.push('There is no volatility figure, so I will assume a typical day-to-day spread of about 10%.');
  if (f.regime)
    steps.push(
      `The regime label says "${f.regime}". ${choose(rng, ['That fits', 'That is consistent with', 'I should not over-weight that, but it agrees with'])} what the growth numbers show.`,
    );
  steps.push(
    `${choose(rng, ['Wait,', 'Hmm,', 'But'])} weekly growth rarely persists in full; activity tends to revert. So I'll carry forward only about half of the recent change.`,
    `That gives transactions ${pct(fc.tx_growth_7d.point)} (range ${pct(fc.tx_growth_7d.low)} to ${pct(fc.tx_growth_7d.high)})${fc.user_growth_7d ? ` and users ${pct(fc.user_growth_7d.point)} (range ${pct(fc.user_growth_7d.low)} to ${pct(fc.user_growth_7d.high)})` : ''}.`,
    `So the direction is ${fc.direction_tx} for transactions${fc.direction_users ? ` and ${fc.direction_users} for users` : ''}. Let me write the answer.`,
  );
  return steps;
}

function weakSteps(f: PromptFacts, rng: Rng): string[] {
  return [
    `${choose(rng, ['Okay.', 'Hmm.', 'Let me think.'])} Metrics for ${f.chain ?? 'some chain'}. There are ${f.metrics.size} numbers here.`,
    'Crypto activity is hard to predict a week out; things could go either way.',
    'I will stay close to zero with a wide range.',
  ];
}

function ramble(f: PromptFacts, s: Signals, rng: Rng, targetChars: number): string {
  const names = [...f.metrics.keys()];
  const parts: string[] = [];
  let len = 0;
  for (let i = 0; len < targetChars; i++) {
    const name = names.length ? (names[i % names.length] as string) : 'the transaction count';
    const v = f.metrics.get(name);
    const p = `${choose(rng, ['Wait, let me double-check', 'Actually, let me re-examine', 'Hold on, reconsider', 'Let me recompute'])} ${name}${v !== undefined ? ` (${v})` : ''}. ${choose(
      rng,
      [
        'If I compare it with the week before, the ratio suggests the same trend, but I am not fully sure the lag is right.',
        'Maybe the weekend effect matters here; weekends usually have fewer transactions, so the 7-day window should cancel it out.',
        'Could this be a one-off spike from an airdrop or a bridge migration? I cannot tell from one day of data.',
        `Compared with the growth of ${s.txGrowth ? pct(s.txGrowth.value) : 'unknown'}, this does not change the picture much, but let me go over it once more.`,
      ],
    )}`;
    parts.push(p);
    len += p.length + 2;
  }
  return parts.join('\n\n');
}

function jsonBlock(fc: Forecast): string {
  return '```json\n' + JSON.stringify(fc) + '\n```';
}

const fmt = (x: number): string =>
  Math.abs(x) >= 100
    ? Math.round(x).toLocaleString('en-US')
    : Math.abs(x) >= 1
      ? x.toFixed(2)
      : String(Number(x.toPrecision(3)));
const ci = (iv: Interval): string => `${pct(iv.point)} ± ${(((iv.high - iv.low) / 2) * 100).toFixed(1)}% (90% CI)`;

/** The headings the prompt asks for ("## Observations", …), in order; none when it asks for none. */
export function requestedSections(prompt: string): string[] {
  const line = /Markdown headings, in this order: ([^\n]+)/.exec(prompt)?.[1] ?? '';
  return [...line.matchAll(/"## ([A-Za-z ]+)"/g)].map((m) => m[1] as string);
}

/** Equations from the prompt's numbers; `wrong` slips one result. */
function calculations(f: PromptFacts, s: Signals, quality: Quality): string[] {
  const out: string[] = [];
  const fees = f.metrics.get('feesNative');
  if (s.transactions && s.users && s.users.value > 0) {
    const r = s.transactions.value / s.users.value;
    out.push(
      `- Transactions per active sender: ${fmt(s.transactions.value)} / ${fmt(s.users.value)} = ${fmt(quality === 'wrong' ? r * 1.3 : r)}.`,
    );
  }
  if (s.transactions && fees !== undefined && s.transactions.value > 0)
    out.push(
      `- Mean fee per transaction: ${fmt(fees)} / ${fmt(s.transactions.value)} = ${fmt(fees / s.transactions.value)}.`,
    );
  if (s.transactions && s.txGrowth && s.txGrowth.value > -1) {
    const g = s.txGrowth.value;
    out.push(
      `- Transactions a week earlier: ${fmt(s.transactions.value)} / (1 + ${String(Number(g.toFixed(4)))}) = ${fmt(s.transactions.value / (1 + g))}.`,
    );
  }
  return out;
}

function sectionBody(name: string, f: PromptFacts, s: Signals, fc: Forecast, quality: Quality): string {
  const chain = f.chain ?? 'the chain';
  const weak = quality === 'weak';
  switch (name) {
    case 'Observations': {
      if (weak) return `Activity on ${chain} looks mixed; the numbers move a little either way.`;
      const cite = (m: { name: string; value: number } | null, asPct: boolean) =>
        m ? `\`${m.name}\` ${asPct ? pct(quality === 'wrong' ? -m.value : m.value) : fmt(m.value)}` : null;
      const parts = [
        cite(s.transactions, false),
        cite(s.users, false),
        cite(s.txGrowth, true),
        cite(s.userGrowth, true),
      ].filter(Boolean);
      return `On ${f.date ?? 'the day'}, ${chain} shows ${parts.join(', ')}${f.regime ? `, regime ${f.regime}` : ''}.${s.volatility ? ` Volatility is ${fmt(s.volatility.value)} in log units per day.` : ''}`;
    }
    case 'Calculations': {
      const c = weak ? [] : calculations(f, s, quality);
      return c.length ? c.join('\n') : 'The ratios are roughly in line with the recent days, so nothing stands out.';
    }
    case 'Forecast':
      if (weak) return `Transactions should stay close to flat, ${ci(fc.tx_growth_7d)}.`;
      return [
        `Weekly growth rarely persists in full, so about half of the recent change carries forward.`,
        `- Transactions: ${fc.direction_tx}, ${ci(fc.tx_growth_7d)}.`,
        fc.user_growth_7d
          ? `- Active senders: ${fc.direction_users ?? 'flat'}, ${ci(fc.user_growth_7d)}.`
          : '- Active senders: not reported for this chain.',
      ].join('\n');
    case 'Risks':
    case 'Monitoring':
    case 'Invalidation': {
      if (weak) return 'Things could change; keep an eye on the market.';
      const floor = s.transactions ? fmt(s.transactions.value * (1 + fc.tx_growth_7d.low)) : null;
      return floor
        ? `If daily transactions fall below ${floor} within the next 7 days, the forecast is invalidated and exposure should be reduced; the downside risk grows with volatility${s.volatility ? ` (${fmt(s.volatility.value)})` : ''}.`
        : 'If activity falls for two consecutive days, the forecast is invalidated and exposure should be reduced to limit the downside risk.';
    }
    case 'Opportunities':
      if (weak) return 'There may be opportunities if activity picks up.';
      return `If transactions keep growing above ${pct(fc.tx_growth_7d.point)} per week, builders should consider adding capacity within the next 7 days, limiting the risk with a review at the next weekly print.`;
    default:
      if (weak) return 'Overall it is hard to say much more.';
      return `The three main points: activity is ${fc.direction_tx === 'up' ? 'rising' : fc.direction_tx === 'down' ? 'falling' : 'flat'}, growth is ${s.txGrowth ? pct(s.txGrowth.value) : 'not available'} over the week, and the regime is ${f.regime ?? 'not labelled'}.`;
  }
}

function proseAnswer(f: PromptFacts, s: Signals, fc: Forecast, quality: Quality, prompt: string): string {
  const asked = requestedSections(prompt);
  const wantsJson = /fenced JSON block/.test(prompt);
  if (quality === 'unformatted' || !asked.length) {
    const head = `**7-day outlook for ${f.chain ?? 'the chain'}${f.date ? ` after ${f.date}` : ''}**`;
    const tx = `- Transactions: **${fc.direction_tx}**, about ${pct(fc.tx_growth_7d.point)} (range ${pct(fc.tx_growth_7d.low)} to ${pct(fc.tx_growth_7d.high)}).`;
    const u = fc.user_growth_7d;
    const us = u
      ? `- Active users: **${fc.direction_users ?? 'flat'}**, about ${pct(u.point)} (range ${pct(u.low)} to ${pct(u.high)}).`
      : '- Active users: not reported for this chain.';
    return [
      head,
      '',
      tx,
      us,
      ...(quality !== 'unformatted' && (wantsJson || !asked.length) ? ['', jsonBlock(fc)] : []),
    ].join('\n');
  }
  // Weak answers skip a section; the rest follow the contract.
  const sections = quality === 'weak' ? asked.filter((_, i) => i !== 1) : asked;
  const body = sections.map((name) => `## ${name}\n\n${sectionBody(name, f, s, fc, quality)}`);
  return [...body, ...(wantsJson ? [jsonBlock(fc)] : [])].join('\n\n');
}

/** The full (unbudgeted) reasoning and answer for one prompt at one quality; `h` varies the wording. */
export function analyse(prompt: string, quality: Quality, h: number): Analysis {
  const rng = createRng(h);
  const facts = readPrompt(prompt);
  const s = signals(facts);
  // The prompt may say the user fields must be null (a chain without active senders).
  const usersAvailable = !/"direction_users"\s*:\s*null/.test(prompt);
  const forecast = forecastFor(quality, s, usersAvailable);
  let steps: string[];
  if (quality === 'weak') steps = weakSteps(facts, rng);
  else steps = goodSteps(facts, s, forecast, rng, quality === 'wrong');
  let reasoning = steps.join('\n\n');
  if (quality === 'truncated') {
    // 3,000–4,500 tokens of second-guessing before the conclusion.
    const target = (3000 + (h % 1500)) * 4;
    const last = steps.slice(-2).join('\n\n');
    reasoning = [steps.slice(0, -2).join('\n\n'), ramble(facts, s, rng, target), last].join('\n\n');
  }
  return { reasoning, answer: proseAnswer(facts, s, forecast, quality, prompt), forecast, quality };
}

/** Which quality a request gets: a deterministic draw from the mix by the request's hash. */
export function pickQuality(h: number, mix: Readonly<Record<Quality, number>>): Quality {
  const entries = Object.entries(mix) as [Quality, number][];
  const total = entries.reduce((t, [, w]) => t + w, 0);
  if (total <= 0) return 'good';
  let u = ((h >>> 0) / 4294967296) * total;
  for (const [q, w] of entries) {
    if (u < w) return q;
    u -= w;
  }
  return entries[entries.length - 1]?.[0] ?? 'good';
}
