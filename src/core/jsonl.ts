import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/**
 * Streams JSON lines to a file with backpressure; `append` keeps what is there. With `lazy` the
 * file is created (or truncated) by the first line only, so a run that fails before writing
 * anything leaves no empty output that looks like a result, and an earlier file stays untouched.
 */
export class JsonlWriter {
  private stream: WriteStream | undefined;
  private lines = 0;
  constructor(
    readonly path: string,
    private readonly opts: { append?: boolean; lazy?: boolean } = {},
  ) {
    if (!opts.lazy) this.open();
  }
  private open(): WriteStream {
    this.stream ??= createWriteStream(this.path, { flags: this.opts.append ? 'a' : 'w' });
    return this.stream;
  }
  /** Lines written so far. */
  get written(): number {
    return this.lines;
  }
  async write(value: unknown): Promise<void> {
    await this.writeLine(JSON.stringify(value));
  }
  async writeLine(line: string): Promise<void> {
    const stream = this.open();
    this.lines++;
    if (!stream.write(`${line}\n`)) await once(stream, 'drain');
  }
  close(): Promise<void> {
    const stream = this.stream;
    if (!stream) return Promise.resolve();
    return new Promise((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}

export type JsonlLine = { line: number; value: unknown } | { line: number; error: string; text: string };

/** Reads a JSONL file lazily; a malformed line is reported with its number, not thrown. */
export async function* readJsonl(path: string): AsyncGenerator<JsonlLine> {
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let n = 0;
  for await (const text of rl) {
    n++;
    if (!text.trim()) continue;
    try {
      yield { line: n, value: JSON.parse(text) as unknown };
    } catch (e) {
      yield { line: n, error: e instanceof Error ? e.message : String(e), text };
    }
  }
}
