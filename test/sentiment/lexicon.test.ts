import { describe, expect, it } from 'vitest';
import { scoreText } from '../../src/sentiment/lexicon-scorer';

// Expected weights are AFINN-165's published entries (good +3, bad −3, happy +3, scam −2 in
// AFINN; our lexicon: scam −4, rekt −4, moon +3, "to the moon" +4) and the rules' arithmetic.
describe('lexicon scorers', () => {
  it('plain AFINN scores as published and negates only the token before', () => {
    expect(scoreText('good', 'afinn')).toEqual({ label: 'bullish', score: 3, confidence: 0.6 });
    expect(scoreText('not good', 'afinn').score).toBe(-3);
    expect(scoreText('not really good', 'afinn').score).toBe(3);
    expect(scoreText('rekt', 'afinn')).toEqual({ label: 'neutral', score: 0, confidence: 0 });
  });

  it('the crypto lexicon and phrases score what AFINN misses, and never leak into plain AFINN', () => {
    expect(scoreText('rekt', 'crypto').score).toBe(-4);
    expect(scoreText('BTC to the moon', 'crypto').score).toBe(4);
    expect(scoreText('total scam', 'crypto').score).toBe(-4);
    // AFINN has scam at −2; the package would have merged extras into its English labels.
    expect(scoreText('scam', 'afinn').score).toBe(-2);
  });

  it('rules: negation within three tokens up to a clause end, intensifiers, emoji split off words', () => {
    expect(scoreText('this is not a scam', 'crypto').score).toBe(-4); // "a" sits between: one-token negation misses it
    expect(scoreText('this is not a scam', 'crypto+rules').score).toBe(4);
    expect(scoreText('not bad. good', 'crypto+rules').score).toBe(3 + 3); // "bad" negated, "good" after the full stop is not
    expect(scoreText('not sure but good', 'crypto+rules').score).toBe(3); // "but" ends the scope
    expect(scoreText('very good', 'crypto+rules').score).toBe(4.5);
    expect(scoreText('slightly bad', 'crypto+rules').score).toBe(-1.5);
    const joined = scoreText('good😀', 'crypto+rules').score;
    expect(joined).toBe(scoreText('good', 'crypto+rules').score + scoreText('😀', 'crypto+rules').score);
    expect(joined).not.toBe(3);
  });
});
