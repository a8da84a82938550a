// docs/phone-events.schema.json is generated from the zod schemas; this fails when it is stale.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { phoneJsonSchemaText } from './json-schema';

it('R-PHONE-1 docs/phone-events.schema.json matches the zod schemas (regenerate: npx tsx host/phone/gen-schema.ts)', () => {
  const committed = readFileSync(
    new URL('../../docs/phone-events.schema.json', import.meta.url),
    'utf8',
  );
  expect(committed).toBe(phoneJsonSchemaText());
});
