import {
  appendFileSync,
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';

/** A line moved out of the log on open, with why (never dropped: it is kept in the quarantine file). */
export interface QuarantinedLine {
  line: number;
  reason: string;
  text: string;
}

/**
 * An append-only JSONL file of records with unique ids. Opening it reads the ids already there and
 * moves every line that is not a whole record (a torn last line after kill -9, a corrupt line in
 * the middle) to `<path>.quarantine.jsonl` with the reason, so a resumed run appends exactly the
 * records that are missing: none lost, none twice, no bad line kept beside its fresh copy.
 * The file is created by the first record, so a run that writes nothing leaves no empty file.
 */
export class AppendLog {
  readonly ids = new Set<string>();
  readonly quarantined: QuarantinedLine[] = [];
  private fd: number | undefined;

  constructor(
    readonly path: string,
    idOf: (value: unknown) => string | undefined,
  ) {
    if (existsSync(path)) this.repair(readFileSync(path, 'utf8'), idOf);
  }

  get quarantinePath(): string {
    return `${this.path}.quarantine.jsonl`;
  }

  private repair(text: string, idOf: (value: unknown) => string | undefined): void {
    const kept: string[] = [];
    const lines = text.split('\n');
    const torn = !text.endsWith('\n') && text.length > 0;
    lines.forEach((line, i) => {
      if (!line) return;
      const isLast = i === lines.length - 1;
      let id: string | undefined;
      let reason = '';
      if (isLast && torn) reason = 'torn last line (an interrupted write)';
      else {
        try {
          id = idOf(JSON.parse(line));
          if (!id) reason = 'no record id';
          else if (this.ids.has(id)) reason = `duplicate of record ${id}`;
        } catch (e) {
          reason = `not JSON (${e instanceof Error ? e.message : String(e)})`;
        }
      }
      if (reason) this.quarantined.push({ line: i + 1, reason, text: line });
      else {
        this.ids.add(id as string);
        kept.push(line);
      }
    });
    if (!this.quarantined.length) return;
    // Quarantine first, then replace the log atomically: a kill between the two steps leaves the
    // bad lines in both places (repaired again on the next open), never in neither.
    appendFileSync(
      this.quarantinePath,
      this.quarantined
        .map((q) => `${JSON.stringify({ file: this.path, ...q, at: new Date().toISOString() })}\n`)
        .join(''),
    );
    const tmp = `${this.path}.repair-${process.pid}`;
    writeFileSync(tmp, kept.map((l) => `${l}\n`).join(''));
    renameSync(tmp, this.path);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  append(id: string, record: unknown): void {
    if (this.ids.has(id)) return;
    this.fd ??= openSync(this.path, 'a');
    // One write of the whole line. No fsync: a killed process loses nothing the kernel already
    // has, and a per-record fsync serialises a concurrent run on the disk.
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    this.ids.add(id);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
