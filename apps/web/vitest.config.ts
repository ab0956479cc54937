import { defineConfig } from 'vitest/config';

export default defineConfig({
  // tsconfig says `jsx: preserve` for Next; tests need the JSX compiled to React's automatic runtime.
  oxc: { jsx: { runtime: 'automatic' } },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    // As in the database packages: opening and migrating PGlite in a hook takes well over vitest's
    // 10 s default while turbo runs the other suites on the same two cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
