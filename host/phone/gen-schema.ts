// Writes docs/phone-events.schema.json from shared/phone/events.ts (a test fails when it is stale).
// Usage: npx tsx host/phone/gen-schema.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { phoneJsonSchemaText } from '../../shared/phone/json-schema';

const FILE = fileURLToPath(new URL('../../docs/phone-events.schema.json', import.meta.url));
writeFileSync(FILE, phoneJsonSchemaText());
console.log(`wrote ${FILE}`);
