/** An AbortSignal that fires on Ctrl-C or SIGTERM, for long commands that stop cleanly. */
export function abortOnSignals(): AbortSignal {
  const ctrl = new AbortController();
  const stop = () => ctrl.abort(new Error('interrupted'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return ctrl.signal;
}

/** Keeps a local stand-in server running until Ctrl-C or SIGTERM, then closes it. */
export function serveUntilSignal(server: { close(): Promise<void> }): Promise<void> {
  return new Promise<void>((resolveStop) => {
    const stop = () => void server.close().then(resolveStop);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
