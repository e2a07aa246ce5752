import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Notebook and browser tests start real kernels and Chromium: give them room, and keep
    // files sequential on this 2-core machine so timings stay predictable.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    reporters: ['default'],
  },
});
