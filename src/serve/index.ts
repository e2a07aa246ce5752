export { startServer, listenOn, HttpStatusError } from './server';
export type { Req, Reply, Route, ServerOptions, RunningServer } from './server';
export { parseFaults, FaultInjector, FaultSpecSchema, NO_FAULTS } from './faults';
export type { FaultSpec } from './faults';
