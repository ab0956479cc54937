import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    // The scale suite restarts PostgreSQL and spawns workers; other files must not run beside it.
    fileParallelism: false,
    hookTimeout: 60_000,
  },
});
