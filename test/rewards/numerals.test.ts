import { describe, expect, it } from 'vitest';
import { readNumerals } from '../../src/rewards/text/numerals';

// Expected strings written by hand from the spelling rules (English number words, de-DE, en-IN and fr-FR grouping).
describe('readNumerals', () => {
  it('reads number words, with scales and hyphens, and "percent"', () => {
    expect(readNumerals('about two hundred fifty-two thousand a day')).toBe('about 252000 a day');
    expect(readNumerals('two million seven hundred sixty-one thousand four hundred ninety-four')).toBe('2761494');
    expect(readNumerals('forty percent, 12 per cent, Ninety Percent CI')).toBe('40%, 12%, 90% CI');
  });
  it('leaves what is not a number: a lone "one", "and" between numbers, words containing number words', () => {
    expect(readNumerals('one of the metrics; no one; someone often')).toBe('one of the metrics; no one; someone often');
    expect(readNumerals('between two and three days')).toBe('between 2 and 3 days');
    expect(readNumerals('one hundred')).toBe('100');
  });
  it('reads European, Indian and no-break-space grouping, not the US one or a lone dot group', () => {
    expect(readNumerals('1.234.567 and 797.687,5')).toBe('1234567 and 797687.5');
    expect(readNumerals('2,90,895')).toBe('290895');
    expect(readNumerals('4\u202f956\u202f445,5 and 1\u00a0234')).toBe('4956445.5 and 1234');
    expect(readNumerals('1,914,733 and 1.234 and 98.6% on 2025-01-27')).toBe(
      '1,914,733 and 1.234 and 98.6% on 2025-01-27',
    );
  });
});
