import { describe, expect, it } from 'vitest';
import { dailyIndex, joinSentiment, MARKET, utcDay } from '../../src/sentiment';

describe('daily sentiment index', () => {
  it('averages per UTC day and asset, counts texts without assets for the whole market, and joins without inventing days', () => {
    const texts = [
      { time: '2025-03-01T23:30:00-02:00', text: 'a', source: 'x', assets: ['btc'] }, // 2025-03-02 in UTC
      { time: '2025-03-02', text: 'b', source: 'x', assets: ['BTC', 'ETH'] },
      { time: 1740960000000, text: 'c', source: 'y' }, // 2025-03-03T00:00:00Z in ms
    ];
    expect(utcDay(texts[0]!.time)).toBe('2025-03-02');
    expect(utcDay(1740960000)).toBe('2025-03-03');
    const idx = dailyIndex(texts, [
      { label: 'bullish', score: 3, confidence: 0.6 },
      { label: 'bearish', score: -1, confidence: 0.2 },
      { label: 'neutral', score: 0, confidence: 0 },
    ]);
    expect(idx).toEqual([
      { date: '2025-03-02', asset: MARKET, n: 2, mean: 1, bullishShare: 0.5, bearishShare: 0.5 },
      { date: '2025-03-02', asset: 'BTC', n: 2, mean: 1, bullishShare: 0.5, bearishShare: 0.5 },
      { date: '2025-03-02', asset: 'ETH', n: 1, mean: -1, bullishShare: 0, bearishShare: 1 },
      { date: '2025-03-03', asset: MARKET, n: 1, mean: 0, bullishShare: 0, bearishShare: 0 },
    ]);
    const rows = joinSentiment(
      [
        { date: '2025-03-02', chain: 'bitcoin' },
        { date: '2025-03-04', chain: 'bitcoin' },
      ],
      idx,
      () => 'btc',
    );
    expect(rows[0]).toEqual({
      date: '2025-03-02',
      chain: 'bitcoin',
      sentiment_n: 2,
      sentiment_mean: 1,
      sentiment_bullish_share: 0.5,
    });
    expect(rows[1]).toEqual({ date: '2025-03-04', chain: 'bitcoin' });
  });
});
