import { describe, expect, it } from 'vitest';
import { directionOf, parseAnswerBlock } from '../../../src/traces/prompts';
import { GOOD_ANSWER } from './helpers';

const block = (o: unknown): string => `\`\`\`json\n${JSON.stringify(o)}\n\`\`\``;
const good = {
  direction_tx: 'down',
  tx_growth_7d: { point: -0.08, low: -0.2, high: 0.01 },
  direction_users: 'up',
  user_growth_7d: { point: 0.03, low: 0, high: 0.07 },
};

describe('parseAnswerBlock', () => {
  it('reads the block out of surrounding text', () => {
    const r = parseAnswerBlock(GOOD_ANSWER);
    expect(r).toEqual({
      ok: true,
      block: {
        direction_tx: 'up',
        tx_growth_7d: { point: 0.05, low: -0.02, high: 0.12 },
        direction_users: 'flat',
        user_growth_7d: { point: -0.01, low: -0.06, high: 0.04 },
      },
    });
  });

  it('takes the LAST json fence, and does not fall back to an earlier one', () => {
    const draft = { ...good, direction_tx: 'up', tx_growth_7d: { point: 0.5, low: 0.4, high: 0.6 } };
    const r = parseAnswerBlock(`Draft:\n${block(draft)}\nOn reflection:\n${block(good)}\nDone.`);
    expect(r.ok && r.block.tx_growth_7d.point).toBe(-0.08);
    const broken = parseAnswerBlock(`${block(good)}\nfinal:\n\`\`\`json\n{"direction_tx": "up",\n\`\`\``);
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.error).toMatch(/not valid JSON/);
  });

  it('accepts an unlabelled fence holding an object, ignores other languages', () => {
    expect(parseAnswerBlock(`\`\`\`\n${JSON.stringify(good)}\n\`\`\``).ok).toBe(true);
    expect(parseAnswerBlock(`\`\`\`python\nprint(1)\n\`\`\``)).toEqual({
      ok: false,
      error: 'no ```json block found in the answer',
    });
  });

  it('rejects invalid intervals, percentages and wrong directions', () => {
    const lowAbovePoint = parseAnswerBlock(block({ ...good, tx_growth_7d: { point: 0.01, low: 0.02, high: 0.05 } }));
    expect(lowAbovePoint).toEqual({ ok: false, error: 'tx_growth_7d: the interval needs low <= point <= high' });
    const pointAboveHigh = parseAnswerBlock(block({ ...good, user_growth_7d: { point: 0.1, low: 0, high: 0.05 } }));
    expect(pointAboveHigh.ok).toBe(false);
    const percent = parseAnswerBlock(block({ ...good, tx_growth_7d: { point: 12, low: 5, high: 20 } }));
    expect(!percent.ok && percent.error).toMatch(/percentage instead of a fraction/);
    expect(parseAnswerBlock(block({ ...good, tx_growth_7d: { point: -1.5, low: -2, high: -1.2 } })).ok).toBe(false);
    expect(parseAnswerBlock(block({ ...good, direction_tx: 'sideways' })).ok).toBe(false);
    expect(parseAnswerBlock(block({ ...good, tx_growth_7d: { point: '0.1', low: 0, high: 0.2 } })).ok).toBe(false);
  });

  it('allows null user fields only when the chain reports no users', () => {
    const noUsers = { ...good, direction_users: null, user_growth_7d: null };
    expect(parseAnswerBlock(block(noUsers)).ok).toBe(false);
    expect(parseAnswerBlock(block(noUsers), { usersAvailable: false }).ok).toBe(true);
    expect(parseAnswerBlock(block({ ...good, user_growth_7d: null }), { usersAvailable: false }).ok).toBe(false);
  });
});

describe('directionOf', () => {
  it('uses the ±2% flat band', () => {
    expect(directionOf(0.021)).toBe('up');
    expect(directionOf(0.02)).toBe('flat');
    expect(directionOf(-0.02)).toBe('flat');
    expect(directionOf(-0.03)).toBe('down');
  });
});
