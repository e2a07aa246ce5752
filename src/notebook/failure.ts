import { WorkbenchError } from '../core';
import { sourceText, type Notebook, type Output } from './nbformat';

export interface CellEvent {
  event: 'start' | 'executed' | 'error';
  index: number;
  outputs?: Output[];
}

export function parseEvents(text: string): CellEvent[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as CellEvent];
      } catch {
        return []; // a line cut by a kill: the events before it still count
      }
    });
}

/** A failed notebook run: names the cell, shows its source and what it wrote to stderr. */
export class NotebookFailure extends WorkbenchError {
  constructor(
    message: string,
    readonly cellSource: string | undefined,
    readonly cellStderr: string,
    hint?: string,
  ) {
    super(
      message,
      hint,
      [cellSource && `--- cell source ---\n${cellSource}`, cellStderr && `--- cell stderr ---\n${cellStderr}`]
        .filter(Boolean)
        .join('\n'),
    );
    this.name = 'NotebookFailure';
  }
}

function stderrOf(outputs: Output[]): string {
  return (
    outputs
      .map((o) => {
        if (o.output_type === 'stream' && o.name === 'stderr')
          return sourceText(o.text as string | string[] | undefined);
        if (o.output_type === 'error')
          return [`${o.ename ?? ''}: ${o.evalue ?? ''}`, ...(o.traceback ?? [])].join('\n');
        return '';
      })
      .filter(Boolean)
      .join('')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC.
      .replace(/\u001b\[[0-9;]*m/g, '')
  );
}

function tail(text: string, lines = 25): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

/**
 * Works out which cell failed from the hook events (nbconvert's own message is empty with tslab).
 * `injectedAt` is the index of the injected parameters cell, or -1; cell numbers in messages are
 * 1-based positions in the notebook file as the user wrote it.
 */
export function describeFailure(
  nb: Notebook,
  events: CellEvent[],
  nbconvertStderr: string,
  where: string,
  opts: { injectedAt: number; timeoutSec: number },
): NotebookFailure {
  const label = (i: number) => {
    if (i === opts.injectedAt) return 'the injected parameters cell';
    return `cell ${(opts.injectedAt >= 0 && i > opts.injectedAt ? i - 1 : i) + 1}`;
  };
  const error = events.find((e) => e.event === 'error');
  if (error) {
    const src = sourceText(nb.cells[error.index]?.source);
    return new NotebookFailure(
      `notebook ${where} failed in ${label(error.index)}`,
      src,
      stderrOf(error.outputs ?? []) || '(the cell wrote nothing to stderr)',
    );
  }
  const done = new Set(events.filter((e) => e.event === 'executed').map((e) => e.index));
  const running = [...events].reverse().find((e) => e.event === 'start' && !done.has(e.index));
  if (running) {
    const src = sourceText(nb.cells[running.index]?.source);
    if (/CellTimeoutError|timed out/i.test(nbconvertStderr)) {
      return new NotebookFailure(
        `notebook ${where}: ${label(running.index)} did not finish within the per-cell timeout of ${opts.timeoutSec} s`,
        src,
        '',
        'raise it with --timeout SECONDS, or make the cell faster',
      );
    }
    const reason = /DeadKernelError|Kernel died/i.test(nbconvertStderr)
      ? 'the kernel died while running'
      : 'nbconvert stopped while running';
    return new NotebookFailure(`notebook ${where}: ${reason} ${label(running.index)}`, src, tail(nbconvertStderr));
  }
  return new NotebookFailure(
    `notebook ${where}: nbconvert failed before running any cell`,
    undefined,
    tail(nbconvertStderr),
  );
}
