/**
 * An AbortSignal that aborts when any of the given ones does. Node's AbortSignal.any (≥ 20.3)
 * holds its sources weakly, so a long-lived caller's signal does not collect one listener per
 * request (the hand-made version leaked them until the caller's signal aborted). @types/node 20
 * does not declare it yet, hence the narrow cast.
 */
export function anySignal(signals: AbortSignal[]): AbortSignal {
  return (AbortSignal as unknown as { any(signals: AbortSignal[]): AbortSignal }).any(signals);
}
