import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,node,host,web,electron,server,renderer,scripts,bench}/**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', 'dist/**', 'e2e/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
