import type { IsoDate } from '../../chain';
import { INTERVAL_INSTRUCTION, sectionInstruction } from '../../contract';
import { answerBlockInstructions } from './answer';
import { HORIZON_DAYS, type SingleChainTask } from './version';

/**
 * The task paragraphs of each template. Every instruction is in the single user turn (R1 is
 * used without a system prompt); nothing here may mention data of a later day.
 */
const NO_OUTSIDE =
  'Use only the data shown: say when a metric is not available instead of guessing it, and do not assume 0 for it.';

export function taskText(task: SingleChainTask, chain: string, date: IsoDate, usersAvailable: boolean): string {
  switch (task) {
    case 'analytical':
      return [
        `Analyse the state of the ${chain} network on ${date}.`,
        'Cover activity (transactions, active senders, transactions per sender), the value moved and the fees, and what the 7-day changes, the volatility and the regime label say about the trend.',
        `Show each calculation with the numbers above. ${NO_OUTSIDE}`,
        'End with the three most important findings in one short paragraph.',
        sectionInstruction(task),
      ].join('\n');
    case 'risk':
      return [
        `Identify the main risks to users and investors of the ${chain} network that these data show for the coming weeks (for example falling activity, concentrated usage, fee pressure, volatility, gaps in the data).`,
        'For each risk give the evidence with its calculation from the numbers above, how likely it is (low, medium or high), and which future observation would confirm or refute it.',
        NO_OUTSIDE,
        sectionInstruction(task),
      ].join('\n');
    case 'opportunity':
      return [
        `Identify the opportunities for users, builders and investors of the ${chain} network that these data show for the coming weeks.`,
        'For each opportunity give the evidence with its calculation from the numbers above, what would have to hold for it to pay off, and which signal would invalidate it.',
        NO_OUTSIDE,
        sectionInstruction(task),
      ].join('\n');
    case 'predict7d':
      return [
        `Forecast the activity of the ${chain} network over the ${HORIZON_DAYS} days after ${date}. Reason from the levels, the 7-day changes, the volatility, the regime and the recent days above; state the assumptions your forecast rests on.`,
        NO_OUTSIDE,
        `Show each calculation as an equation with the numbers above (for example "a / b = c"). ${INTERVAL_INSTRUCTION}`,
        sectionInstruction(task),
        '',
        answerBlockInstructions(date, usersAvailable),
      ].join('\n');
  }
}

export function crossChainTaskText(chains: readonly string[], date: IsoDate): string {
  return [
    `Compare ${chains.join(', ')} on ${date}: which chains move together (use the correlations), which diverge, and what the differences in growth, volatility and regime suggest about each.`,
    "Amounts are in each chain's own native unit: never add amounts of different chains or compare them directly; compare percentages, ratios and counts instead.",
    `Show each calculation with the numbers above. ${NO_OUTSIDE}`,
    sectionInstruction('crossChain'),
  ].join('\n');
}
