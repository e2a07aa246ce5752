import { isWorkbenchError } from '../core';

/** One place that turns errors into the CLI's message format: what, where, and the fix. */
export function printError(e: unknown): void {
  if (isWorkbenchError(e)) {
    process.stderr.write(`error: ${e.message}\n`);
    if (e.details) process.stderr.write(`${e.details.trimEnd()}\n`);
    if (e.hint) process.stderr.write(`fix: ${e.hint}\n`);
    return;
  }
  process.stderr.write(`unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
