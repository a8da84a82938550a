// Lint config. The layer table of docs/architecture.md, as instant editor warnings
// (no-restricted-imports): nothing imports upward, and only electron/ imports `electron`.
// The whole graph, cycles included, is checked by dependency-cruiser (.dependency-cruiser.cjs).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** Import patterns naming another top-level folder (one runtime each), reached from a sibling. */
const upward = (...folders) => [`^(\\.\\./)+(${folders.join('|')})(/|$)`];
const NOT_SHARED = ['electron', 'better-sqlite3', 'pg', 'pdfkit', 'react', 'react-dom', 'zustand'];

const restrict = (paths, patterns) => [
  'error',
  {
    paths: paths.map((name) => ({
      name,
      message: 'Not allowed in this layer (docs/architecture.md).',
    })),
    patterns: patterns.map((regex) => ({
      regex,
      message: 'Imports upward or across layers are not allowed (docs/architecture.md).',
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
        [...nodeBuiltins, ...NOT_SHARED],
        upward('node', 'host', 'web', 'electron', 'renderer', 'server', 'migrations'),
      ),
    },
  },
  {
    // Tests of the pure layer may read fixtures from disk; the upward-import ban still holds.
    files: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict(
        NOT_SHARED,
        upward('node', 'host', 'web', 'electron', 'renderer', 'server', 'migrations'),
      ),
    },
  },
  {
    // Plain-Node helpers shared by the host and the server: Node only, no database or UI.
    files: ['node/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        NOT_SHARED,
        upward('host', 'web', 'electron', 'renderer', 'server', 'migrations'),
      ),
    },
  },
  {
    files: ['host/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['electron', 'react', 'react-dom', 'zustand', 'pg'],
        upward('web', 'electron', 'renderer', 'server'),
      ),
    },
  },
  {
    files: ['web/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['electron', 'react', 'react-dom', 'zustand', 'pg'],
        upward('electron', 'renderer', 'server'),
      ),
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['react', 'react-dom', 'zustand', 'pg'],
        upward('web', 'renderer', 'server'),
      ),
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict(
        [...nodeBuiltins, 'electron', 'better-sqlite3', 'pg', 'pdfkit'],
        upward('node', 'host', 'web', 'electron', 'server', 'migrations'),
      ),
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['electron', 'react', 'react-dom', 'zustand'],
        upward('host', 'web', 'electron', 'renderer'),
      ),
    },
  },
);
