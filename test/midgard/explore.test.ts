import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  actionsPerType,
  addressReuse,
  MidgardStore,
  quarantineSummary,
  simulateActions,
  typeMix,
} from '../../src/midgard';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();

describe('store summaries', () => {
  it('agree with counts made directly from the actions', async () => {
    const actions = [...simulateActions({ seed: 12 }, 800)];
    const store = await MidgardStore.open(join(tmp(), 's.duckdb'));
    await store.ingestPages([
      { source: 't', chain: 'maya', url: 'u', actions: [...actions, { broken: true }], checkpoint: '{}' },
    ]);

    const byType = new Map<string, number>();
    for (const a of actions) byType.set(`${a.type}/${a.status}`, (byType.get(`${a.type}/${a.status}`) ?? 0) + 1);
    const mix = await typeMix(store);
    expect(new Map(mix.map((m) => [`${m.type}/${m.status}`, m.actions]))).toEqual(byType);

    const hourly = await actionsPerType(store, 'hour');
    expect(hourly.reduce((s, r) => s + r.actions, 0)).toBe(actions.length);
    const firstHour = new Date(Number(BigInt(actions[0]?.date ?? '0') / 3_600_000_000_000n) * 3_600_000).toISOString();
    expect(hourly[0]?.time).toBe(firstHour);

    // Reuse: an action counts when its first in-address acted before (in chain order).
    const seen = new Set<string>();
    let reused = 0;
    let withAddress = 0;
    for (const a of actions) {
      const addr = a.in[0]?.address;
      if (!addr) continue;
      withAddress++;
      if (seen.has(addr)) reused++;
      seen.add(addr);
    }
    expect((await addressReuse(store)).share).toBeCloseTo(reused / withAddress, 10);
    expect(await quarantineSummary(store)).toEqual([{ reason: 'date: Required', actions: 1 }]);
    await expect(actionsPerType(store, 'minute' as 'hour')).rejects.toThrow(
      'bucket must be one of hour, day, got "minute"',
    );
    await store.close();
  });
});
