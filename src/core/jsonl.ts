import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** Streams JSON lines to a file with backpressure; `append` keeps what is there. */
export class JsonlWriter {
  private stream: WriteStream;
  constructor(path: string, opts: { append?: boolean } = {}) {
    this.stream = createWriteStream(path, { flags: opts.append ? 'a' : 'w' });
  }
  async write(value: unknown): Promise<void> {
    if (!this.stream.write(`${JSON.stringify(value)}\n`)) await once(this.stream, 'drain');
  }
  async writeLine(line: string): Promise<void> {
    if (!this.stream.write(`${line}\n`)) await once(this.stream, 'drain');
  }
  close(): Promise<void> {
    return new Promise((resolve, reject) => this.stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
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
