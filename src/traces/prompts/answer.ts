import { z } from 'zod';
import { directionOf as contractDirection, lastJsonBlock } from '../../contract';
import { FLAT_BAND, HORIZON_DAYS } from './version';

/**
 * The machine-readable end of a prediction answer: direction, point estimate and 90% interval
 * of the 7-day growth of transactions and of users (active senders), as fractions (0.05 = +5%).
 * Growth is value_{t+7} / value_t − 1, the same definition as the rows' `*Growth7dFrac`, so a
 * prediction made on day t is scored against the row of day t+7.
 */
export const DirectionSchema = z.enum(['up', 'down', 'flat']);
export type Direction = z.infer<typeof DirectionSchema>;

/** A fraction of change: above −100% (a count cannot fall below 0), at most +1000% (larger means a percent was given). */
const Growth = z
  .number()
  .finite()
  .gt(-1, 'a change below -100% is impossible')
  .lte(10, 'above +1000%: a percentage instead of a fraction?');

export const GrowthIntervalSchema = z
  .object({ point: Growth, low: Growth, high: Growth })
  .refine((i) => i.low <= i.point && i.point <= i.high, { message: 'the interval needs low <= point <= high' });
export type GrowthInterval = z.infer<typeof GrowthIntervalSchema>;

/** Unknown keys are dropped; user fields are null only for chains that report no users. */
export const AnswerBlockSchema = z
  .object({
    direction_tx: DirectionSchema,
    tx_growth_7d: GrowthIntervalSchema,
    direction_users: DirectionSchema.nullable(),
    user_growth_7d: GrowthIntervalSchema.nullable(),
  })
  .refine((b) => (b.direction_users === null) === (b.user_growth_7d === null), {
    message: 'direction_users and user_growth_7d are null together',
  });
export type AnswerBlock = z.infer<typeof AnswerBlockSchema>;

export type AnswerParse = { ok: true; block: AnswerBlock } | { ok: false; error: string };

/** "up" above +2%, "down" below −2%, else "flat" (the band the prompt states; the contract's one definition). */
export function directionOf(growth: number): Direction {
  return contractDirection(growth, FLAT_BAND);
}

/**
 * The answer block of a model's answer: the LAST ```json fence (an unlabelled fence whose body
 * is a JSON object also counts), parsed and validated. Text around it is ignored. With
 * `usersAvailable` (default true) null user fields are an error.
 */
export function parseAnswerBlock(answer: string, opts: { usersAvailable?: boolean } = {}): AnswerParse {
  // The same fence reading as the rewards' (and their Python twin's), so what is recorded is what is scored.
  const body = lastJsonBlock(answer);
  if (body === null) return { ok: false, error: 'no ```json block found in the answer' };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    return { ok: false, error: `the last json block is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const parsed = AnswerBlockSchema.safeParse(value);
  if (!parsed.success)
    return {
      ok: false,
      error: parsed.error.issues.map((i) => `${i.path.join('.') || '(block)'}: ${i.message}`).join('; '),
    };
  if ((opts.usersAvailable ?? true) && parsed.data.user_growth_7d === null)
    return { ok: false, error: 'user_growth_7d is null but the chain reports active senders' };
  return { ok: true, block: parsed.data };
}

/** The closing instructions of the prediction prompt. */
export function answerBlockInstructions(date: string, usersAvailable: boolean): string {
  const pct = (FLAT_BAND * 100).toFixed(0);
  const users = usersAvailable
    ? '"direction_users": "up" | "down" | "flat", "user_growth_7d": {"point": number, "low": number, "high": number}'
    : '"direction_users": null, "user_growth_7d": null';
  return [
    `Predict the change over the next ${HORIZON_DAYS} days: transactions on the day ${HORIZON_DAYS} days after ${date}, divided by transactions on ${date}, minus 1; the same for active senders (users).`,
    `Direction: "up" if the change is above +${pct}%, "down" if below -${pct}%, otherwise "flat". Give a point estimate and a 90% interval (the realised change should fall inside it 9 times out of 10).`,
    usersAvailable ? '' : 'This chain reports no active senders, so the user fields must be null.',
    'Write your analysis first. End your answer with exactly one fenced JSON block, values as fractions (0.05 means +5%, -0.12 means -12%), with low <= point <= high:',
    '```json',
    `{"direction_tx": "up" | "down" | "flat", "tx_growth_7d": {"point": number, "low": number, "high": number}, ${users}}`,
    '```',
  ]
    .filter(Boolean)
    .join('\n');
}
