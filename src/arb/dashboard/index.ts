export { startDashboard, type Dashboard, type DashboardOptions } from './server';
export type { FeedHealth } from './follower';
export type { Snapshot, PredictionView } from './state';
