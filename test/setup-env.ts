import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Every test (and every CLI it spawns, which inherits the environment) retries against local
// stand-ins: a twentieth of the production backoff keeps fault-injection runs short. Servers'
// Retry-After waits are honoured unscaled.
process.env.WORKBENCH_RETRY_SCALE ??= '0.05';

// Runs recorded by commands under test go to a registry of their own, never data/registry.duckdb.
process.env.WORKBENCH_REGISTRY ??= join(mkdtempSync(join(tmpdir(), 'wb-registry-')), 'registry.duckdb');

// tslab checks each cell, not again every src/ file it imports: tsc checks src/ in `npm test`.
process.env.WORKBENCH_TSLAB_CHECK_CELLS_ONLY ??= '1';
