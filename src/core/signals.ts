/** An AbortSignal that aborts when any of the given ones does (AbortSignal.any, typed for Node 20). */
export function anySignal(signals: AbortSignal[]): AbortSignal {
  const ctrl = new AbortController();
  for (const s of signals) {
    if (s.aborted) {
      ctrl.abort(s.reason);
      break;
    }
    s.addEventListener('abort', () => ctrl.abort(s.reason), { once: true, signal: ctrl.signal });
  }
  return ctrl.signal;
}
