import { createConfig } from '@parallax/eslint-config';

// Core is pure (ARCHITECTURE.md): no I/O, no other package of ours. Benchmarks, evals and tests may read files.
const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'http',
  'https',
  'net',
  'child_process',
  'crypto',
  'zlib',
  'url',
  'worker_threads',
];

export default [
  ...createConfig(import.meta.dirname),
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', ...NODE_BUILTINS, ...NODE_BUILTINS.map((m) => `${m}/*`)],
              message: 'core does no I/O: take data as arguments.',
            },
            { group: ['@parallax/*'], message: 'core imports no other Parallax package.' },
          ],
        },
      ],
    },
  },
];
