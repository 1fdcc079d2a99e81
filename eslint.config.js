// Typed lint. The import rules keep the architecture true: core/ is pure, platforms never
// import each other, and only main.ts (and the CLI) know every module.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const outside = (names) =>
  names.map((group) => ({ group, message: 'core/ is pure: no I/O, platforms, storage or app imports.' }));

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'drizzle/**',
      'data/**',
      'coverage/**',
      'eslint.config.js',
      '.dependency-cruiser.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'bin/*', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: outside([
            [
              '**/app/**',
              '**/chat/**',
              '**/sources/**',
              '**/storage/**',
              '**/cron/**',
              '**/chart/**',
              '**/main',
              '**/main.ts',
              '**/config',
              '**/config.ts',
            ],
            ['drizzle-orm', 'drizzle-orm/*', 'better-sqlite3', '@slack/*', 'discord.js', 'node-cron', 'pino'],
            ['node:fs', 'node:fs/*', 'fs', 'node:net', 'node:http', 'node:https', 'node:child_process'],
          ]),
        },
      ],
    },
  },
  {
    files: ['src/chat/slack/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/chat/discord/**', '**/chat/console/**'], message: 'Platforms never import each other.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/chat/discord/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/chat/slack/**', '**/chat/console/**'], message: 'Platforms never import each other.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/chat/**',
                '**/storage/**',
                '**/sources/**',
                'drizzle-orm',
                'better-sqlite3',
                '@slack/*',
                'discord.js',
              ],
              message: 'app/ talks to the outside only through app/ports/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Plain Node scripts that must run before anything is built (the build itself).
    files: ['scripts/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', URL: 'readonly', console: 'readonly' } },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts', 'src/cli.ts', 'src/cli/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
