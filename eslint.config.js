// Lint config. The layer table in ARCHITECTURE.md is enforced with no-restricted-imports:
// nothing imports upward, and only the Electron shell files import `electron`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const restrict = (paths, patterns) => [
  'error',
  {
    paths: paths.map((name) => ({ name, message: 'Not allowed in this layer (ARCHITECTURE.md).' })),
    patterns: patterns.map((group) => ({
      group: [group],
      message: 'Imports upward or across layers are not allowed (ARCHITECTURE.md).',
    })),
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'release/**',
      'e2e/artifacts/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [...nodeBuiltins, 'electron', 'better-sqlite3', 'react', 'react-dom', 'zustand'],
        ['**/electron/**', '**/renderer/**', '**/server/**', '**/migrations/**'],
      ),
    },
  },
  {
    // Tests of the pure layer may read fixtures from disk; the upward-import ban still holds.
    files: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['electron', 'better-sqlite3', 'react', 'react-dom', 'zustand'],
        ['**/electron/**', '**/renderer/**', '**/server/**', '**/migrations/**'],
      ),
    },
  },
  {
    files: ['electron/host/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['electron', 'react', 'react-dom', 'zustand'],
        ['**/renderer/**', '**/server/**', '../*.ts', '../main', '../preload', '../browser'],
      ),
    },
  },
  {
    files: ['electron/browser.ts', 'electron/browser/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['electron', 'react', 'react-dom'],
        ['**/renderer/**', '**/server/**'],
      ),
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict(
        [...nodeBuiltins, 'electron', 'better-sqlite3'],
        ['**/electron/**', '**/server/**', '**/migrations/**'],
      ),
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['electron', 'react', 'react-dom', 'zustand'],
        ['**/electron/**', '**/renderer/**'],
      ),
    },
  },
);
