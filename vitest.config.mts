import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup-env.ts'],
    // Files run in parallel: every test has its own temporary folder, free port and DuckDB file.
    // Most of the suite's time is spent waiting on child processes (kernels, Chromium, sshd, the
    // CLI), so four workers keep this 2-core machine busy (vitest's default is cores - 1 = 1).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 4,
    reporters: ['default'],
  },
});
