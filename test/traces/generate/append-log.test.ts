import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppendLog } from '../../../src/traces/generate';
import { useTmpDir } from '../../helpers/tmp';

const tmp = useTmpDir();
const idOf = (v: unknown) => (v as { id?: string }).id;
const rec = (id: string) => `${JSON.stringify({ id, n: 1 })}\n`;

describe('AppendLog', () => {
  it('creates its file with the first record only', () => {
    const out = join(tmp(), 'out.jsonl');
    const log = new AppendLog(out, idOf);
    log.close();
    expect(existsSync(out)).toBe(false);
    const again = new AppendLog(out, idOf);
    again.append('a', { id: 'a' });
    again.close();
    expect(readFileSync(out, 'utf8')).toBe(rec('a').replace(',"n":1', ''));
  });

  it('moves a corrupt middle line, a duplicate and a torn tail to the quarantine with reasons, keeping every whole record once', () => {
    const out = join(tmp(), 'out.jsonl');
    writeFileSync(out, `${rec('a')}{"id":"b","n":1${'\n'}${rec('c')}${rec('a')}{"id":"d"`);
    const log = new AppendLog(out, idOf);
    log.close();
    expect([...log.ids]).toEqual(['a', 'c']);
    expect(readFileSync(out, 'utf8')).toBe(`${rec('a')}${rec('c')}`);
    expect(log.quarantined.map((q) => [q.line, q.reason.split(' ')[0]])).toEqual([
      [2, 'not'],
      [4, 'duplicate'],
      [5, 'torn'],
    ]);
    const kept = readFileSync(log.quarantinePath, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { text: string });
    expect(kept.map((q) => q.text)).toEqual(['{"id":"b","n":1', rec('a').trim(), '{"id":"d"']);
    // Opening the repaired log again finds nothing more to move.
    const clean = new AppendLog(out, idOf);
    clean.close();
    expect(clean.quarantined).toEqual([]);
  });
});
