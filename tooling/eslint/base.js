// Shared flat config: typed lint so floating promises and unsafe `any` are caught.
import tseslint from 'typescript-eslint';

/** @param {string} tsconfigRootDir */
export function createConfig(tsconfigRootDir) {
  return tseslint.config(
    { ignores: ['**/node_modules/**', '**/.next/**', '**/.turbo/**', '**/drizzle/**', 'next-env.d.ts', '**/*.js', '**/*.mjs', '**/*.cjs'] },
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
