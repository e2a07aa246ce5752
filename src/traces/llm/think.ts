import type { ReasoningDetail } from './schema';

/**
 * Reasoning that arrives inline in `content`: R1 served raw writes `<think>…</think>answer`,
 * and R1 distills whose chat template already opened `<think>` write only `…</think>answer`
 * (a lone closing tag). An opening tag that is never closed means the text was cut while
 * reasoning: all of it is reasoning and the answer is empty.
 */
export interface ThinkSplit {
  reasoning: string;
  answer: string;
  /** Whether any think tag was found. */
  tagged: boolean;
}

const OPEN = '<think>';
const CLOSE = '</think>';

export function splitThink(content: string): ThinkSplit {
  const close = content.indexOf(CLOSE);
  if (close >= 0) {
    let before = content.slice(0, close);
    const open = before.indexOf(OPEN);
    // Text before an opening tag is not reasoning; models put nothing there, keep it as answer.
    const lead = open >= 0 ? before.slice(0, open).trim() : '';
    if (open >= 0) before = before.slice(open + OPEN.length);
    const after = content.slice(close + CLOSE.length).trim();
    return { reasoning: before.trim(), answer: lead ? `${lead}\n${after}`.trim() : after, tagged: true };
  }
  const open = content.indexOf(OPEN);
  if (open >= 0)
    return { reasoning: content.slice(open + OPEN.length).trim(), answer: content.slice(0, open).trim(), tagged: true };
  return { reasoning: '', answer: content.trim(), tagged: false };
}

/** Readable text of OpenRouter's `reasoning_details` (text and summary blocks; encrypted ones carry none). */
export function detailsText(details: readonly ReasoningDetail[]): string {
  let out = '';
  for (const d of details) {
    if (d.type === 'reasoning.text' && d.text) out += d.text;
    else if (d.type === 'reasoning.summary' && d.summary) out += d.summary;
  }
  return out;
}
