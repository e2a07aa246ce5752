import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendGzipLine, readGzipLines } from '../../src/core';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();

describe('append-only gzip log', () => {
  it('is one valid gzip stream that gzip itself decodes', () => {
    const f = join(tmp(), 'pages.jsonl.gz');
    appendGzipLine(f, '{"a":1}');
    appendGzipLine(f, '{"b":"ü"}');
    expect(execFileSync('gzip', ['-dc', f], { encoding: 'utf8' })).toBe('{"a":1}\n{"b":"ü"}\n');
    expect(readGzipLines(f)).toEqual({ lines: ['{"a":1}', '{"b":"ü"}'], truncatedTail: false });
  });

  it('mixes compression levels in one log: gzip and the reader decode every member alike', () => {
    const f = join(tmp(), 'pages.jsonl.gz');
    const line = JSON.stringify({ body: 'abc'.repeat(2000) });
    appendGzipLine(f, line);
    const atDefault = statSync(f).size;
    appendGzipLine(f, line, { level: 1 });
    const atLevel1 = statSync(f).size - atDefault;
    appendGzipLine(f, line, { level: 9 });
    expect(execFileSync('gzip', ['-dc', f], { encoding: 'utf8' })).toBe(`${line}\n${line}\n${line}\n`);
    expect(readGzipLines(f)).toEqual({ lines: [line, line, line], truncatedTail: false });
    // The level reaches zlib: on this input level 1 finds shorter matches, so its member is larger.
    expect(atLevel1).toBeGreaterThan(atDefault);
  });

  it('keeps every complete record when the last append was cut (kill -9 mid-write)', () => {
    const f = join(tmp(), 'pages.jsonl.gz');
    appendGzipLine(f, 'first');
    appendGzipLine(f, 'second');
    const whole = statSync(f).size;
    appendGzipLine(f, 'x'.repeat(5000));
    truncateSync(f, whole + 12);
    const r = readGzipLines(f);
    expect(r.lines.slice(0, 2)).toEqual(['first', 'second']);
    expect(r.lines).toHaveLength(2);
    // Appending after a cut still works for readers that stop at the damage.
    appendFileSync(f, Buffer.alloc(0));
    expect(readFileSync(f).length).toBe(whole + 12);
  });
});
