import type { Command } from 'commander';
export function registerDashboard(_program: Command): void {}
