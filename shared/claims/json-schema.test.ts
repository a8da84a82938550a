// docs/claim-schema.json is generated from the zod schema; this fails when it is stale.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { claimJsonSchemaText } from './json-schema';

it('docs/claim-schema.json matches the zod claim schema (regenerate: npx tsx host/claims/gen-schema.ts)', () => {
  const committed = readFileSync(new URL('../../docs/claim-schema.json', import.meta.url), 'utf8');
  expect(committed).toBe(claimJsonSchemaText());
});
