import { closeSync, existsSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';

/**
 * An append-only JSONL file of records with unique ids. Opening it reads the ids already there and
 * cuts a torn last line (a kill -9 in the middle of a write), so a resumed run appends exactly the
 * records that are missing: none lost, none twice. Each record is one write of one whole line.
 */
export class AppendLog {
  readonly ids = new Set<string>();
  private fd: number;

  constructor(readonly path: string, idOf: (value: unknown) => string | undefined) {
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      const end = text.lastIndexOf('\n') + 1;
      if (end < text.length) truncateSync(path, Buffer.byteLength(text.slice(0, end)));
      for (const line of text.slice(0, end).split('\n')) {
        if (!line) continue;
        try {
          const id = idOf(JSON.parse(line));
          if (id) this.ids.add(id);
        } catch {
          // A line that does not parse is left where it is; its record is generated again.
        }
      }
    }
    this.fd = openSync(path, 'a');
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  append(id: string, record: unknown): void {
    if (this.ids.has(id)) return;
    // One write of the whole line. No fsync: a killed process loses nothing the kernel already
    // has, and a per-record fsync serialises a concurrent run on the disk.
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    this.ids.add(id);
  }

  close(): void {
    closeSync(this.fd);
  }
}
