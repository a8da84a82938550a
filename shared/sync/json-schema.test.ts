// docs/sync-schema.json is generated from the zod schemas; this fails when it is stale.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { syncJsonSchemaText } from './json-schema';

it('docs/sync-schema.json matches the zod schemas (regenerate: npx tsx server/gen-schema.ts)', () => {
  const committed = readFileSync(new URL('../../docs/sync-schema.json', import.meta.url), 'utf8');
  expect(committed).toBe(syncJsonSchemaText());
});
