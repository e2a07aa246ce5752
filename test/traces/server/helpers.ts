/** A prompt in the shape of the prompts stage (metric lines, a regime, the task with its date). */
export function metricsPrompt(
  o: { chain?: string; date?: string; tx?: string; users?: string; vol?: string } = {},
): string {
  const chain = o.chain ?? 'ethereum';
  const date = o.date ?? '2025-01-15';
  return [
    `Daily metrics of the ${chain} network on ${date}.`,
    '- transactions: 1,234,567 count/day — transactions in the UTC day',
    '- activeSenders: 456,789 addresses/day — distinct sending accounts',
    `- txGrowth7dFrac: ${o.tx ?? '+5.2%'} — transactions_t / transactions_{t−7} − 1`,
    `- userGrowth7dFrac: ${o.users ?? '-3.1%'} — activeSenders_t / activeSenders_{t−7} − 1`,
    `- txVolatility7dLog: ${o.vol ?? '0.081'} ln units per day — sample std (n−1) of the daily log changes`,
    '- volumeGrowth7dFrac: not available (an input of the formula is missing)',
    '- regime: bull',
    '',
    `Forecast the activity of the ${chain} network over the 7 days after ${date}.`,
    'End your answer with exactly one fenced JSON block.',
  ].join('\n');
}

/** The last ```json block of an answer, parsed (null when there is none). */
export function jsonBlock(answer: string): Record<string, unknown> | null {
  const all = [...answer.matchAll(/```json\n([\s\S]*?)```/g)];
  const last = all[all.length - 1];
  return last ? (JSON.parse(last[1] ?? '') as Record<string, unknown>) : null;
}
