import { defineConfig } from 'vitest/config';

export default defineConfig({
  // tsconfig says `jsx: preserve` for Next; tests need the JSX compiled to React's automatic runtime.
  oxc: { jsx: { runtime: 'automatic' } },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  },
});
