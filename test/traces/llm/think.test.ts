import { describe, expect, it } from 'vitest';
import { detailsText, splitThink } from '../../../src/traces/llm';

describe('splitThink', () => {
  it('splits full tags, a lone closing tag, an unclosed opening tag, and leaves plain text alone', () => {
    expect(splitThink('<think>\nstep 1\nstep 2\n</think>\n\nThe answer.')).toEqual({
      reasoning: 'step 1\nstep 2',
      answer: 'The answer.',
      tagged: true,
    });
    expect(splitThink('step 1, already inside the template\n</think>\nThe answer.')).toEqual({
      reasoning: 'step 1, already inside the template',
      answer: 'The answer.',
      tagged: true,
    });
    expect(splitThink('<think>\ncut while thinking')).toEqual({
      reasoning: 'cut while thinking',
      answer: '',
      tagged: true,
    });
    expect(splitThink('Just an answer.')).toEqual({ reasoning: '', answer: 'Just an answer.', tagged: false });
    expect(splitThink('<think></think>Answer only')).toEqual({ reasoning: '', answer: 'Answer only', tagged: true });
  });

  it('only the first closing tag ends the reasoning', () => {
    expect(splitThink('a</think>b</think>c')).toEqual({ reasoning: 'a', answer: 'b</think>c', tagged: true });
  });
});

describe('detailsText', () => {
  it('joins text and summary blocks and skips encrypted ones', () => {
    expect(
      detailsText([
        { type: 'reasoning.text', text: 'one ' },
        { type: 'reasoning.encrypted', data: 'xxxx' },
        { type: 'reasoning.summary', summary: 'two' },
      ]),
    ).toBe('one two');
  });
});
