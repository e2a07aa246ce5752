import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlmClient, startLlmServer, type LlmServer } from '../../src/traces';
import { evaluateSentiment, llmScorer, loadLabelled, parseSentimentAnswer } from '../../src/sentiment';

let server: LlmServer;
beforeAll(async () => {
  server = await startLlmServer({ quality: 'good' });
});
afterAll(async () => {
  await server.close();
});

describe('sentiment evaluation on the Surge AI comments', () => {
  it('reads all 562 labelled comments (302 Positive, 260 Negative, per the fixture README), newlines inside quotes kept', () => {
    const rows = loadLabelled();
    expect(rows.length).toBe(562);
    expect(rows.filter((r) => r.gold === 'bullish').length).toBe(302);
    expect(rows.filter((r) => r.gold === 'bearish').length).toBe(260);
    expect(rows[3]?.text).toBe('Bear market is over. Nothing but green candles from here on out.');
  });

  it('parses the answer contract and rejects what breaks it', () => {
    expect(parseSentimentAnswer('Sure: {"label": "bearish", "confidence": 0.8}')).toEqual({
      label: 'bearish',
      confidence: 0.8,
      score: -0.8,
    });
    expect(parseSentimentAnswer('{"label": "up", "confidence": 0.8}')).toBeNull();
    expect(parseSentimentAnswer('{"label": "bullish", "confidence": 2}')).toBeNull();
    expect(parseSentimentAnswer('no json')).toBeNull();
  });

  it('scores the evaluation rows only, with the LLM scorer through the local stand-in', async () => {
    const client = createLlmClient({ baseUrl: `${server.url}/v1`, apiKey: 'k-0001' });
    const llm = llmScorer({ client, model: 'workbench/offline-analyst', concurrency: 8 });
    const full = await evaluateSentiment({ seed: 19 });
    expect(full.rows.development + full.rows.evaluation).toBe(562);
    const e = await evaluateSentiment({ extraScorers: [llm], seed: 19, maxRows: 60 });
    expect(e.rows.evaluation).toBe(60);
    expect(e.scorers[1]!.predictions.map((p) => p.id)).toEqual(
      full.scorers[1]!.predictions.slice(0, 60).map((p) => p.id),
    );
    expect(e.scorers.map((s) => s.name)).toEqual([
      'majority (bullish)',
      'AFINN-165 (plain)',
      'AFINN + crypto lexicon',
      'AFINN + crypto lexicon + rules',
      'LLM (workbench/offline-analyst)',
    ]);
    for (const s of e.scorers) expect(s.metrics.n).toBe(e.rows.evaluation);
    expect(llm.unparsed()).toBe(0);
    expect(server.calls.length).toBe(e.rows.evaluation);
    // The stand-in answers with plain AFINN's sign, so its calls agree with the AFINN scorer row by row.
    const afinn = e.scorers[1]!.predictions.map((p) => p.pred);
    expect(e.scorers[4]!.predictions.map((p) => p.pred)).toEqual(afinn);
    expect(e.versusAfinn.at(-1)).toMatchObject({ b: 0, c: 0, pValue: 1 });
  });
});
