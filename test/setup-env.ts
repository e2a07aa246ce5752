// Every test (and every CLI it spawns, which inherits the environment) retries against local
// stand-ins: a twentieth of the production backoff keeps fault-injection runs short. Servers'
// Retry-After waits are honoured unscaled.
process.env.WORKBENCH_RETRY_SCALE ??= '0.05';
