import { SingleBar, Presets } from 'cli-progress';

/** One progress interface for every long operation; the CLI picks the rendering. */
export interface Progress {
  start(total: number, label: string): void;
  update(done: number, info?: string): void;
  stop(summary?: string): void;
}

export const silentProgress: Progress = { start() {}, update() {}, stop() {} };

/** A live bar on a terminal; plain, throttled lines otherwise (CI logs, pipes). */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  return stream.isTTY ? new BarProgress(stream) : new LineProgress(stream);
}

class BarProgress implements Progress {
  private bar: SingleBar;
  constructor(private readonly stream: NodeJS.WriteStream) {
    this.bar = new SingleBar(
      { stream, format: '{label} [{bar}] {value}/{total} {info}', hideCursor: true, clearOnComplete: false },
      Presets.shades_classic,
    );
  }
  start(total: number, label: string): void {
    this.bar.start(total, 0, { label, info: '' });
  }
  update(done: number, info = ''): void {
    this.bar.update(done, { info });
  }
  stop(summary?: string): void {
    this.bar.stop();
    if (summary) this.stream.write(`${summary}\n`);
  }
}

/** At most one line per `everyMs` (and the last one), so logs and notebook outputs stay readable. */
class LineProgress implements Progress {
  private label = '';
  private total = 0;
  private last = -1;
  private lastAt = 0;
  constructor(
    private stream: NodeJS.WriteStream,
    private readonly everyMs = 2000,
  ) {}
  start(total: number, label: string): void {
    this.label = label;
    this.total = total;
    this.last = -1;
    this.lastAt = 0;
  }
  update(done: number, info = ''): void {
    const now = Date.now();
    if (done === this.last || (now - this.lastAt < this.everyMs && done !== this.total)) return;
    this.last = done;
    this.lastAt = now;
    this.stream.write(`${this.label} ${done}/${this.total}${info ? ` ${info}` : ''}\n`);
  }
  stop(summary?: string): void {
    if (summary) this.stream.write(`${summary}\n`);
  }
}
