/**
 * One error type for everything a user can get wrong: it names what failed, where, and how to fix
 * it. The CLI prints `message` (and `hint`) without a stack trace and exits non-zero.
 */
export class WorkbenchError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly details?: string,
  ) {
    super(message);
    this.name = 'WorkbenchError';
  }
}

export function isWorkbenchError(e: unknown): e is WorkbenchError {
  return e instanceof WorkbenchError;
}

/** Message of any thrown value, for places that must report rather than rethrow. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
