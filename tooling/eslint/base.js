// Shared flat config: typed lint so floating promises and unsafe `any` are caught.
import tseslint from 'typescript-eslint';

const PACKAGES = ['core', 'crawler', 'db', 'pipeline', 'api', 'web', 'cli'];

/**
 * ARCHITECTURE.md's dependency table as a lint rule: a package may import only the Parallax packages listed
 * in `mayImport`, and only through their public entry points (never `@parallax/x/src/...`). Spread it with
 * a narrower `files` after the package's rule to list a file's exception.
 * @param {string[]} mayImport
 */
export function dependencyRules(mayImport) {
  const forbidden = PACKAGES.filter((p) => !mayImport.includes(p));
  return {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...(forbidden.length > 0
              ? [
                  {
                    group: forbidden.map((p) => `@parallax/${p}`),
                    message: 'not allowed by ARCHITECTURE.md (Dependency rules).',
                  },
                ]
              : []),
            {
              group: ['@parallax/*/src/*'],
              message: "import a package's public entry point, not its files.",
            },
          ],
        },
      ],
    },
  };
}

/** @param {string} tsconfigRootDir */
export function createConfig(tsconfigRootDir) {
  return tseslint.config(
    {
      ignores: [
        '**/node_modules/**',
        '**/.next/**',
        '**/.turbo/**',
        '**/drizzle/**',
        'next-env.d.ts',
        '**/*.js',
        '**/*.mjs',
        '**/*.cjs',
      ],
    },
    ...tseslint.configs.recommendedTypeChecked,
    {
      languageOptions: {
        parserOptions: { projectService: true, tsconfigRootDir },
      },
      rules: {
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/no-misused-promises': 'error',
        '@typescript-eslint/no-explicit-any': 'error',
        '@typescript-eslint/no-non-null-assertion': 'error',
        '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
        '@typescript-eslint/consistent-type-imports': 'error',
        '@typescript-eslint/switch-exhaustiveness-check': 'error',
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      },
    },
  );
}
